public import CanonicalJSON
public import EventLog
import Messages

/// What a person asked to record: the values of the act's flags as typed, by flag name (a list's flag
/// repeated, in order).
public struct ActRequest: Sendable {
    public var values: [(flag: String, value: String)]
    /// The act's effective date (when it happened).
    public var date: LocalDate
    /// The voucher number (凭证号) of a money act.
    public var voucher: String?
    /// Record an act identical to one recorded, deliberately.
    public var again: Bool
    public var actor: String

    public init(values: [(flag: String, value: String)], date: LocalDate, voucher: String? = nil, again: Bool = false, actor: String) {
        self.values = values
        self.date = date
        self.voucher = voucher
        self.again = again
        self.actor = actor
    }
}

/// An act ready to append: the typed act (decoded once, validated as `append` validates), its draft with the
/// idempotency key derived from its content, and what the builder decided on the way.
public struct ActDraft: Sendable {
    public let form: ActForm
    public let act: GovernanceAct
    public let draft: EventDraft
    /// The ids made from the content, by field.
    public let generated: [(field: String, id: String)]
    /// Generated ids passed over because another act holds them.
    public let taken: [String]
    /// The event this very act (same content, same key) is already recorded as: a re-run.
    public let recordedAs: UInt64?
    /// Recorded again deliberately (`--again`): this is identical act number `again`.
    public let again: Int?
    /// A money act given no voucher: a re-run cannot be told from a second act, so one identical to a
    /// recorded act is refused (`recordedAs` names it) unless `--again`.
    public let lacksVoucher: Bool
}

extension Acts {
    /// Builds the act from the request: every value parsed by its field's kind (names resolved, money in yuan
    /// to fen), ids made and filled in, the payload validated and decoded as its typed act, and its draft with
    /// an idempotency key derived from the content (`key`).
    public static func build(_ form: ActForm, _ request: ActRequest, context: some ActContext) throws -> ActDraft {
        let spec = form.spec
        var payload = try payload(form, request, context: context)
        for fill in form.defaults where payload[fill.field] == nil {
            if let id = fill.make(payload, request.date), try context.isRegistered(id) { payload.set(fill.field, .string(id)) }
        }
        for flag in form.flags where flag.field.required && payload[flag.field.name] == nil && flag.field.name != form.generated?.field {
            throw ActError(.badInput, Msg.record.missingFlag(["act": .plain(form.name), "flag": .plain(flag.name), "description": .plain(flag.field.description)]))
        }
        let lacksVoucher = form.voucherField.map { payload[$0] == nil } ?? false
        var generated: [(String, String)] = []
        var taken: [String] = []
        var recordedAs: UInt64?
        var again: Int?
        var key: String
        if let generate = form.generated, payload[generate.field] == nil {
            // meeting:GROUP-DATE, then -2, -3...: the first whose key is recorded is this act again (a re-run);
            // the first not taken by another act is new. With --again, recorded ones are passed over too.
            try validate(payload, spec: spec, ignoring: generate.field, form: form)
            guard let base = generate.make(payload, request.date) else {
                preconditionFailure("\(form.name): a validated payload makes its id")
            }
            var chosen: (id: String, key: String, n: Int)?
            var passedRecorded = false
            for n in 1...suffixMax {
                let id = n == 1 ? base : "\(base)-\(n)"
                var candidate = payload
                candidate.set(generate.field, .string(id))
                let plain = Self.key(spec, request.date, candidate)
                let candidateKey = passedRecorded ? "\(plain)/again-\(n)" : plain
                if let seq = try context.seq(ofIdempotencyKey: candidateKey) {
                    if request.again { passedRecorded = true; continue }
                    recordedAs = seq
                    chosen = (id, candidateKey, n)
                    break
                }
                if try context.isRegistered(id) {
                    taken.append(id)
                    continue
                }
                chosen = (id, candidateKey, n)
                if passedRecorded { again = n }
                break
            }
            guard let chosen else {
                throw ActError(.badInput, Msg.record.idsExhausted(["pattern": .plain(base), "count": .number(suffixMax), "flag": .plain(ActFlag.flagName(generate.field, kind: .text(maxBytes: 1)))]))
            }
            payload.set(generate.field, .string(chosen.id))
            generated.append((generate.field, chosen.id))
            key = chosen.key
        } else {
            key = Self.key(spec, request.date, payload)
            if let seq = try context.seq(ofIdempotencyKey: key) {
                if request.again {
                    var next: String?
                    for n in 2...suffixMax {
                        let candidate = "\(key)/again-\(n)"
                        guard try context.seq(ofIdempotencyKey: candidate) != nil else {
                            next = candidate
                            again = n
                            break
                        }
                    }
                    guard let next else { throw ActError(.badInput, Msg.record.againLimit(["count": .number(suffixMax)])) }
                    key = next
                } else {
                    recordedAs = seq
                }
            }
        }
        let act = try decode(payload, spec: spec, form: form, label: form.name)
        let request = EventDraft(type: spec.type, schemaVersion: spec.schemaVersion, effectiveDate: request.date, stream: "",
                                 idempotencyKey: key, actor: request.actor, data: payload)
        let draft: EventDraft
        do {
            draft = try GovernanceRequests.prepare(request, streamGiven: false, subjectsGiven: false)
        } catch {
            throw ActError(.badInput, Msg.record.invalid(["act": .plain(form.name), "reason": .plain(error.description)]))
        }
        return ActDraft(form: form, act: act, draft: draft, generated: generated, taken: taken, recordedAs: recordedAs, again: again,
                        lacksVoucher: lacksVoucher)
    }

    /// The payload from the flags' values, in the fields' order.
    static func payload(_ form: ActForm, _ request: ActRequest, context: some ActContext) throws -> JSONObject {
        var values: [String: [String]] = [:]
        var order: [String] = []
        for (name, value) in request.values {
            guard let flag = form.flag(named: name) else {
                throw ActError(.usage, Msg.record.unknownFlag(["act": .plain(form.name), "flag": .plain(name),
                                                                "flags": .list(form.flags.map { .plain($0.name) })]))
            }
            if let first = values[flag.field.name]?.first, !flag.isRepeated {
                throw ActError(.usage, Msg.record.givenTwice(["flag": .plain(flag.name), "first": .plain(first), "second": .plain(value)]))
            }
            if values[flag.field.name] == nil { order.append(flag.field.name) }
            values[flag.field.name, default: []].append(value)
        }
        if let voucher = request.voucher {
            guard let field = form.voucherField else {
                throw ActError(.usage, Msg.record.voucherNotApplicable([
                    "act": .plain(form.name), "acts": .list(all.filter { $0.voucherField != nil }.map { .plain($0.name) })]))
            }
            guard values[field] == nil else {
                throw ActError(.usage, Msg.record.voucherTwice(["flag": .plain(form.flag(named: field)?.name ?? field)]))
            }
            values[field] = [voucher]
        }
        var payload = JSONObject()
        for flag in form.flags {
            guard let given = values[flag.field.name] else { continue }
            if flag.isRepeated {
                var items: [JSONValue] = []
                for value in given { items.append(try ActValues.parse(value, kind: flag.valueKind, flag: flag.name, context: context)) }
                payload.set(flag.field.name, .array(items))
            } else {
                payload.set(flag.field.name, try ActValues.parse(given[0], kind: flag.field.kind, flag: flag.name, context: context))
            }
        }
        return payload
    }

    /// Validates as `append` does (PayloadValidator), with one field still to be made.
    static func validate(_ payload: JSONObject, spec: EventTypeSpec, ignoring field: String, form: ActForm) throws {
        let fields = spec.fields.filter { $0.name != field }
        do {
            try PayloadValidator.validate(object: payload, fields: fields, path: "data")
        } catch {
            throw ActError(.badInput, Msg.record.invalid(["act": .plain(form.name), "reason": .plain(error.description)]))
        }
    }

    /// The idempotency key of an act: its type, schema version, effective date and payload, canonical, hashed
    /// (`rec:TYPE:DATE:` and 32 hex digits of SHA-256). Personal values kept out of the chain (sealed fields)
    /// are left out: the key is in the chain, and a hash of a name can be guessed. The voucher of a money act
    /// is in its payload (`reference`), so in its key.
    public static func key(_ spec: EventTypeSpec, _ date: LocalDate, _ payload: JSONObject) -> String {
        var data = payload
        for field in spec.sealedFields { _ = data.remove(field) }
        let content: JSONValue = [
            "type": .string(spec.type), "schemaVersion": .integer(Int64(spec.schemaVersion)),
            "effectiveDate": .string(date.description), "data": .object(data),
        ]
        let digest = Hash.sha256(of: CanonicalJSON.encode(content)).hex.prefix(32)
        return "rec:\(spec.type):\(date):\(digest)"
    }
}
