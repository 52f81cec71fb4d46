import CanonicalJSON
import EventLog
public import Messages

/// An act a clerk records from named values (`grassroots record ACT --flag value ...`, later a web form):
/// which event type it is, and what the form adds to the type's payload fields: a readable id made from the
/// content for the new thing it registers, ids filled in from the same day's acts, and the voucher (凭证号)
/// of a money act. The flags are the payload's fields (`ActFlag`), so a new schema version changes the form
/// by itself: each form records the **latest** version of its type in `EventCatalog` (one place).
public struct ActForm: Sendable {
    /// The act's name on the command line, e.g. `meeting`, `expense-payment`.
    public let name: String
    /// Its short Chinese name, accepted in place of `name`, e.g. 会议.
    public let alias: String
    /// The event type, e.g. `meeting.held`.
    public let type: String
    /// The id made from the content when its flag is not given (`meeting:GROUP-DATE`...).
    public let generated: GeneratedID?
    /// Ids filled in, when not given, from an act of the same group and day (a vote's meeting...).
    public let defaults: [DefaultID]
    /// The payload field that holds the voucher number (凭证号) of a money act, or nil for acts without one.
    /// A money act whose schema had no such field would keep the voucher in its idempotency key only; every
    /// money act of the catalog that takes a voucher has `reference`.
    public let voucherField: String?

    /// The type's spec: the latest schema version in the catalog.
    public var spec: EventTypeSpec {
        guard let spec = EventCatalog.all.last(where: { $0.type == type }) else {
            preconditionFailure("ActForm \(name): \(type) is not in EventCatalog")
        }
        return spec
    }

    /// The flags: one per payload field (a `.payload` field is not set from a flag).
    public var flags: [ActFlag] {
        spec.fields.compactMap { field in
            if case .payload = field.kind { return nil }
            return ActFlag(field)
        }
    }

    public func flag(named name: String) -> ActFlag? {
        flags.first { $0.name == name || $0.field.name == name }
    }

    /// What the act is, in the reader's language.
    public var summary: Message {
        guard let message = Msg.record.act[name] else { preconditionFailure("Msg.record.act lacks \(name)") }
        return message
    }
}

/// A flag of an act: one payload field, named in kebab case; money fields (`amountFen`) drop their unit and
/// take yuan (`--amount 1200.50`); a list takes one flag per item, named in the singular (`--candidate`).
public struct ActFlag: Sendable {
    public let name: String
    public let field: FieldSpec

    init(_ field: FieldSpec) {
        self.field = field
        self.name = ActFlag.flagName(field.name, kind: field.kind)
    }

    /// A list: the flag is repeated, once per item.
    public var isRepeated: Bool {
        if case .list = field.kind { true } else { false }
    }

    /// The kind of one value of the flag (a list's item).
    public var valueKind: FieldKind {
        if case .list(let element, _, _) = field.kind { element } else { field.kind }
    }

    static func flagName(_ field: String, kind: FieldKind) -> String {
        var base = field
        switch kind {
        case .fen where base.hasSuffix("Fen") && base.count > 3: base.removeLast(3)
        case .sealed(.fen) where base.hasSuffix("Fen") && base.count > 3: base.removeLast(3)
        case .list:
            if base.hasSuffix("sses") { base.removeLast(2) } else if base.hasSuffix("s") { base.removeLast() }
        default: break
        }
        return kebab(base)
    }

    /// `eligibleAdults` -> `eligible-adults`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out += "-" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}

/// An id made from the act's content: deterministic, so that running the same command again makes the same
/// id and the same idempotency key (and records nothing new); `-2`, `-3`... when the id is another act's.
public struct GeneratedID: Sendable {
    /// The payload field it fills, e.g. `meeting`.
    public let field: String
    /// For help: how it is made, e.g. `meeting:GROUP-DATE`.
    public let pattern: String
    let make: @Sendable (JSONObject, LocalDate) -> String?
}

/// An id filled in when its flag is not given, from another act of the same group and day, when that id is
/// registered (a vote's meeting: `meeting:GROUP-DATE`).
public struct DefaultID: Sendable {
    public let field: String
    public let pattern: String
    let make: @Sendable (JSONObject, LocalDate) -> String?
}

/// The acts of `grassroots record`, and what they add to their types' fields.
public enum Acts {
    /// The largest `-N` tried for a generated id, and the most identical acts `--again` records.
    public static let suffixMax = 99

    /// The local part of an id: `group:lh-03` -> `lh-03`.
    static func local(_ payload: JSONObject, _ field: String) -> String? {
        guard let id = payload[field]?.stringValue, let colon = id.firstIndex(of: ":") else { return nil }
        let rest = id[id.index(after: colon)...]
        return rest.isEmpty ? nil : String(rest)
    }

    static func groupDay(_ prefix: String, suffix: @escaping @Sendable (JSONObject) -> String? = { _ in "" }) -> @Sendable (JSONObject, LocalDate) -> String? {
        { payload, date in
            guard let group = local(payload, "group"), let tail = suffix(payload) else { return nil }
            return "\(prefix)\(group)-\(date)\(tail)"
        }
    }

    static let meetingOfTheDay = DefaultID(field: "meeting", pattern: "meeting:GROUP-DATE", make: groupDay("meeting:"))
    static func voteOfTheDay(_ question: String) -> DefaultID {
        DefaultID(field: "vote", pattern: "vote:GROUP-DATE-\(question)", make: groupDay("vote:", suffix: { _ in "-" + question }))
    }

    /// Every act of `grassroots record`, in the order of DESIGN.md.
    public static let all: [ActForm] = [
        ActForm(name: "meeting", alias: "会议", type: "meeting.held",
                generated: GeneratedID(field: "meeting", pattern: "meeting:GROUP-DATE", make: groupDay("meeting:")), defaults: [], voucherField: nil),
        ActForm(name: "vote", alias: "表决", type: "vote.tallied",
                generated: GeneratedID(field: "vote", pattern: "vote:GROUP-DATE-QUESTION",
                                       make: groupDay("vote:", suffix: { payload in payload["question"]?.stringValue.map { "-" + $0 } })),
                defaults: [meetingOfTheDay], voucherField: nil),
        ActForm(name: "installation", alias: "任职", type: "leader.installed", generated: nil, defaults: [voteOfTheDay("election")], voucherField: nil),
        ActForm(name: "office-ended", alias: "离任", type: "office.ended", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "grade", alias: "考核", type: "grade.assigned", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "appraisal", alias: "评议", type: "appraisal.held", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "accrual", alias: "计提", type: "subsidy.accrued", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "payment", alias: "发放", type: "payment.made",
                generated: GeneratedID(field: "payment", pattern: "payment:PERSON-PERIOD", make: { payload, _ in
                    guard let person = local(payload, "person"), let period = payload["period"]?.stringValue else { return nil }
                    return "payment:\(person)-\(period)"
                }), defaults: [], voucherField: "reference"),
        ActForm(name: "fund-receipt", alias: "收入", type: "fund.received", generated: nil, defaults: [], voucherField: "reference"),
        ActForm(name: "expense-approval", alias: "支出审批", type: "expense.approved",
                generated: GeneratedID(field: "approval", pattern: "approval:GROUP-DATE", make: groupDay("approval:")),
                defaults: [voteOfTheDay("expense")], voucherField: nil),
        ActForm(name: "expense-payment", alias: "支出", type: "expense.paid", generated: nil, defaults: [], voucherField: "reference"),
        ActForm(name: "asset", alias: "资产登记", type: "asset.registered",
                generated: GeneratedID(field: "asset", pattern: "asset:GROUP-DATE-KIND",
                                       make: groupDay("asset:", suffix: { payload in payload["kind"]?.stringValue.map { "-" + $0 } })),
                defaults: [], voucherField: nil),
        ActForm(name: "custody", alias: "保管", type: "custody.changed", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "asset-transfer", alias: "资产处置", type: "asset.transferred", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "handover", alias: "移交", type: "handover.recorded", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "audit", alias: "审计", type: "audit.completed", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "disclosure", alias: "公开", type: "disclosure.posted", generated: nil, defaults: [], voucherField: nil),
        ActForm(name: "notice", alias: "公告", type: "notice.posted", generated: nil, defaults: [], voucherField: nil),
    ]

    /// A field's flag name: kebab case, money without its unit, a list's in the singular.
    public static func flagName(_ field: FieldSpec) -> String { ActFlag.flagName(field.name, kind: field.kind) }

    /// The act named `name` (or its Chinese alias).
    public static func form(named name: String) -> ActForm? {
        all.first { $0.name == name || $0.alias == name }
    }
}
