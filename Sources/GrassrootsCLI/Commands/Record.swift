import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

/// `grassroots record ACT --flag value ...`: an act recorded from flags, never hand-written JSON. The acts and
/// their flags are `Acts.all` (Governance), built from the event catalog; this command only parses the
/// command line into an `ActRequest`, appends the draft as `append` does, and prints.
struct Record: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an act from flags, without JSON (不写JSON,按参数记录事项).",
        discussion: """
            grassroots record ACT --FLAG VALUE ... --date YYYY-MM-DD
            grassroots record ACT --help lists the act's flags (in the reader's language, --lang).

            Acts (事项; the Chinese name may be typed instead):
            \(Acts.all.map { form in
                "  \(form.name.padding(toLength: 18, withPad: " ", startingAt: 0))\(form.alias)  \(form.spec.type): \(form.summary.zh) (\(form.summary.en))"
            }.joined(separator: "\n"))

            Flags are the payload's fields in kebab case (eligibleAdults: --eligible-adults); money in yuan \
            (--amount 1200.50: at most 2 decimal places, stored as fen); dates YYYY-MM-DD; names or ids for units, \
            groups, persons and assets (an ambiguous name is refused with the choices); a list's flag is repeated \
            (--candidate 王秀英=71 --candidate 李四=20). New things get readable ids made from the act \
            (meeting:GROUP-DATE, vote:GROUP-DATE-QUESTION, approval:GROUP-DATE, asset:GROUP-DATE-KIND, \
            payment:PERSON-PERIOD; -2, -3... when taken).

            The idempotency key is derived from the act's content (and, for money acts, the voucher, 凭证号), so \
            running the same command twice records once: the second run says it was already recorded, with the \
            event's number, and exits 0. A money act without a voucher identical to a recorded one is refused \
            (exit 3) naming it; --voucher tells them apart, --again records it deliberately.

            Exit codes as append: 2 bad input (a value, a name), 3 refused by a rule, 64 an unknown act or flag.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("The act to record (事项): meeting, vote, installation... (see above).", valueName: "act"))
    var act: String?

    @Option(help: ArgumentHelp("The day the act happened (事项发生日期).", valueName: "YYYY-MM-DD"))
    var date: LocalDate?

    @Option(help: ArgumentHelp("The voucher number of a money act (凭证号): fund-receipt, expense-payment, payment.", valueName: "no"))
    var voucher: String?

    @Flag(help: "Record an act identical to one already recorded, deliberately (确系再次发生).")
    var again = false

    @Option(help: "Who records it (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Check the act against the ledger and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The act's flags: --FLAG VALUE ...", valueName: "flags"))
    var flags: [String] = []

    func run() throws {
        // --ledger and --lang may stand among the act's flags, which the parser passes through.
        var global = global
        let given = RecordFlags.globals(flags)
        if let lang = given.lang { global.lang = lang }
        if let ledger = given.ledger { global.ledger = ledger }
        try runReportingErrors(global) {
            guard let act else {
                throw CLIError.said(Msg.record.noAct(["acts": .list(Acts.all.map { .plain($0.name) })]), .usage)
            }
            guard let form = Acts.form(named: act) else {
                throw CLIError.said(Msg.record.unknownAct(["act": .plain(act), "acts": .list(Acts.all.map { .plain($0.name) })]), .usage)
            }
            let parsed = try RecordFlags.parse(flags, act: form.name)
            try RecordAppend.json(json || parsed.json) { try record(form, parsed, global) }
        }
    }

    func record(_ form: ActForm, _ parsed: RecordFlags, _ global: GlobalOptions) throws {
        if parsed.help {
            Terminal.write(RecordHelp.text(form))
            return
        }
        guard let date = parsed.date ?? date else {
            throw CLIError.said(Msg.record.missingDate(["act": .plain(form.name)]), .badInput)
        }
        let ledger = try global.openLedger(for: .writing)
        let request = ActRequest(values: parsed.values, date: date, voucher: parsed.voucher ?? voucher, again: again || parsed.again,
                                 actor: RecordAppend.actor(parsed.actor ?? actor))
        let built = try RecordAppend.catching { try Acts.build(form, request, context: LedgerActContext(ledger: ledger)) }
        let outcome = try RecordAppend.append(built, ledger: ledger, dryRun: dryRun || parsed.dryRun)
        RecordAppend.report(built, outcome, json: json || parsed.json)
    }
}

/// The act's flags from the words after it. `--date`, `--voucher`, `--again`, `--actor`, `--dry-run`, `--json` and
/// `--help` may stand among them.
struct RecordFlags {
    var values: [(flag: String, value: String)] = []
    var date: LocalDate?
    var voucher: String?
    var actor: String?
    var again = false
    var dryRun = false
    var json = false
    var help = false

    /// `--lang` and `--ledger` among the words (the last of each).
    static func globals(_ words: [String]) -> (lang: String?, ledger: String?) {
        var found: (lang: String?, ledger: String?) = (nil, nil)
        for (index, word) in words.enumerated() {
            for name in ["lang", "ledger"] {
                var value: String?
                if word == "--" + name, index + 1 < words.count { value = words[index + 1] }
                if word.hasPrefix("--\(name)=") { value = String(word.dropFirst(name.count + 3)) }
                guard let value else { continue }
                if name == "lang" { found.lang = value } else { found.ledger = value }
            }
        }
        return found
    }

    static func parse(_ words: [String], act: String) throws -> RecordFlags {
        var parsed = RecordFlags()
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                if word == "-h" { parsed.help = true; continue }
                throw CLIError.said(Msg.record.notAFlag(["act": .plain(act), "text": .plain(word)]), .usage)
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            switch name {
            case "help": parsed.help = true; continue
            case "again": parsed.again = true; continue
            case "dry-run": parsed.dryRun = true; continue
            case "json": parsed.json = true; continue
            default: break
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < words.count, !(words[index].hasPrefix("--") && words[index].count > 2) else {
                    throw CLIError.said(Msg.record.needsValue(["flag": .plain(name)]), .usage)
                }
                value = words[index]
                index += 1
            }
            switch name {
            case "lang", "ledger": break
            case "date":
                guard let date = LocalDate(iso: value) else {
                    throw CLIError.said(Msg.record.badDate(["flag": .plain("date"), "value": .plain(value)]), .badInput)
                }
                parsed.date = date
            case "voucher": parsed.voucher = value
            case "actor": parsed.actor = value
            default: parsed.values.append((name, value))
            }
        }
        return parsed
    }
}

/// `grassroots record ACT --help`, in the reader's language.
enum RecordHelp {
    static func text(_ form: ActForm) -> String {
        let m = Msg.record
        let spec = form.spec
        var lines = [m.usage().local, "", form.summary.template(Reading.language), "",
                     m.flagsHeading(["act": .plain("\(form.name) (\(form.alias))"), "type": .plain(spec.type), "version": .number(spec.schemaVersion),
                                     "term": .plain(spec.term)]).local]
        for flag in form.flags {
            let required = flag.field.required && flag.field.name != form.generated?.field
            var marks = [(required ? m.flagRequired : m.flagOptional)().local]
            if flag.isRepeated { marks.append(m.flagRepeated().local) }
            lines.append(m.flagLine(["flag": .plain(flag.name), "value": .plain(placeholder(flag.valueKind)),
                                     "required": .plain(marks.joined(separator: Reading.language == .zh ? "," : ", ")),
                                     "description": .plain(flag.field.description)]).local)
            if case .object(let members) = flag.valueKind {
                let names = members.map { ActFlagName.of($0) }
                lines.append(m.listSyntax(["flag": .plain(flag.name), "members": .list(names.map { .plain($0) })]).local)
                let required = members.filter(\.required)
                if members.count == 2, required.count == 2 {
                    lines.append(m.pairSyntax(["flag": .plain(flag.name), "first": .plain(names[0]), "second": .plain(names[1])]).local)
                }
            }
        }
        if let generated = form.generated {
            lines.append(m.generatedNote(["flag": .plain(generated.field), "pattern": .plain(generated.pattern)]).local)
        }
        for fill in form.defaults {
            lines.append(m.defaultNote(["flag": .plain(fill.field), "pattern": .plain(fill.pattern)]).local)
        }
        if let field = form.voucherField {
            lines.append(m.voucherNote(["field": .plain(field)]).local)
        }
        lines += ["", m.commonFlags().local]
        return lines.joined(separator: "\n") + "\n"
    }

    static func placeholder(_ kind: FieldKind) -> String {
        switch kind {
        case .date: "YYYY-MM-DD"
        case .month: "YYYY-MM"
        case .year: "YYYY"
        case .fen: Reading.language == .zh ? "元" : "YUAN"
        case .count, .percent, .seq: "N"
        case .boolean: "yes|no"
        case .oneOf(let vocabulary): vocabulary.values.joined(separator: "|")
        case .id(let prefix): prefix.dropLast().uppercased()
        case .sealed(let inner): placeholder(inner)
        case .object: "MEMBER=VALUE,..."
        case .text, .sha256, .list, .payload: Reading.language == .zh ? "文字" : "TEXT"
        }
    }
}

/// A member's flag name as `ActFlag` names it.
enum ActFlagName {
    static func of(_ field: FieldSpec) -> String {
        Acts.flagName(field)
    }
}

/// The ledger's answers to the act builder: names by `Lookup.resolve`, ids and keys by reads.
struct LedgerActContext: ActContext {
    let ledger: Ledger
    func resolve(_ text: String, as kind: Found.Kind) throws -> String { try Lookup.resolve(ledger, text, as: kind, atSeq: nil) }
    func isRegistered(_ id: String) throws -> Bool { try ledger.query(RegisteredQuery(id: id)) }
    func seq(ofIdempotencyKey key: String) throws -> UInt64? { try ledger.seq(ofIdempotencyKey: key) }
}
