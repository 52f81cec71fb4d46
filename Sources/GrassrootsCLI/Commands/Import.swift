import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

/// `grassroots import FILE.csv`: rows of acts (`grassroots template ACT`) recorded all or nothing.
struct Import: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the acts of a CSV file, all or nothing (导入CSV:全部记录或全部不记录).",
        discussion: """
            Each row is an act as `grassroots record` takes it: columns headed as `grassroots template ACT` heads \
            them (小组(group), or the flag alone), 事项(act) naming the act (or --act for every row), 日期(date), \
            amounts in yuan, names or ids, a list's items separated by ;. A byte-order mark and Word or WeChat curly \
            quotes (“…”) are handled; the file must be UTF-8 (Excel: save as CSV UTF-8).

            Every row is checked first, in order (a row may name what an earlier row registers); rows recorded \
            before (the same content, and voucher) are passed over. If any row is refused, nothing is written: \
            each refused row is reported with its row number and why, and --rejects FILE writes them, with a \
            拒绝原因 column, as CSV to fix and import again. Every row the rules refuse is reported: after a refusal the \
            rows left are checked again without it (at most \(Import.ruleChecksMax) times). \
            At most \(ActCSV.rowsMax) rows (one atomic batch). Exit codes as record: 2 a bad row, 3 a rule.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The act of rows that name none (no 事项 column).", valueName: "act"))
    var act: String?

    @Option(help: ArgumentHelp("Write the refused rows, with why, to this CSV file (overwritten).", valueName: "file"))
    var rejects: String?

    @Option(help: "Who records them (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Record rows identical to acts recorded before (or to earlier rows) again, deliberately, as record --again does.")
    var again = false

    @Flag(help: "Check every row against the ledger and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Refusal {
        let row: Int
        let cells: [String]
        let text: String
        let exit: Exit
    }

    func run() throws {
        try runReportingErrors(global) {
            try RecordAppend.json(json) { try importRows() }
        }
    }

    func importRows() throws {
        let m = Msg.record
        let (header, rows) = try ActCSV.read(file)
        let columns = header.map(ActCSV.column)
        guard columns.contains(.act) || act != nil else { throw CLIError.said(m.csvNoAct(["file": .plain(file)]), .badInput) }
        let ledger = try global.openLedger(for: .writing)
        let context = PendingActContext(ledger)
        let head = try ledger.head().seq
        var nextSeq = head + 1
        var drafts: [(row: Int, cells: [String], draft: EventDraft)] = []
        var refusals: [Refusal] = []
        var known = 0
        let actor = RecordAppend.actor(actor)
        for (index, cells) in rows.enumerated() {
            let row = index + 2
            do {
                guard cells.count == header.count else {
                    throw CLIError.said(m.csvWidth(["count": .number(cells.count), "columns": .number(header.count)]), .badInput)
                }
                let built = try build(columns: columns, cells: cells, header: header, actor: actor, context: context)
                switch built.standing {
                case .identicalWithoutVoucher(let seq):
                    let earlier = drafts.first { $0.draft.idempotencyKey == built.draft.idempotencyKey }.map(\.row)
                    let text = earlier.map { m.csvSameAsRow(["row": .number($0)]).local + ": " } ?? ""
                    throw CLIError.said(m.identical(["term": .plain(built.form.spec.term), "seq": .number(seq)]), .refused).prefixed(text)
                case .recorded:
                    known += 1
                    continue
                case .new: break
                }
                if let generated = built.form.generated, let id = built.draft.data[generated.field]?.stringValue { context.ids.insert(id) }
                if let key = built.draft.idempotencyKey { context.keys[key] = nextSeq }
                nextSeq += 1
                drafts.append((row, cells, built.draft))
            } catch let error as ActError {
                refusals.append(Refusal(row: row, cells: cells, text: error.text.local, exit: .badInput))
            } catch let error as CLIError {
                refusals.append(Refusal(row: row, cells: cells, text: error.description, exit: error.exit == .refused ? .refused : .badInput))
            }
        }
        var cut: Int?
        if refusals.isEmpty, !drafts.isEmpty {
            do {
                let batch = drafts.map(\.draft)
                let result = dryRun ? try ledger.dryRun { session in try session.append(batch) } : try ledger.append(batch)
                return report(result, count: drafts.count, known: known, dryRun: dryRun)
            } catch let error as EventLogError {
                guard let index = error.batchIndex, index < drafts.count else { throw error }
                refusals.append(Refusal(row: drafts[index].row, cells: drafts[index].cells, text: error.text.local, exit: error.exit))
                drafts.remove(at: index)
            }
            cut = try refuseEveryRow(ledger, &drafts, &refusals)
        }
        if refusals.isEmpty {
            return report(nil, count: 0, known: known, dryRun: dryRun)
        }
        try refuse(refusals.sorted { $0.row < $1.row }, header: header, cutAfter: cut)
    }

    /// The most dry runs made to find the rows the rules refuse after the first: each runs the rows left.
    static let ruleChecksMax = 100

    /// Nothing will be written once a row is refused; so that the clerk can mend every refused row in one go, the
    /// rows left are checked again without each refused one, in dry runs, until they pass or
    /// `ruleChecksMax` runs are spent (then the row where checking stopped is returned). A row refused only
    /// because an earlier row was (a vote whose meeting was refused) is reported with the rule's own words.
    func refuseEveryRow(_ ledger: Ledger, _ drafts: inout [(row: Int, cells: [String], draft: EventDraft)], _ refusals: inout [Refusal]) throws -> Int? {
        for _ in 0..<Self.ruleChecksMax {
            guard !drafts.isEmpty else { return nil }
            let batch = drafts.map(\.draft)
            do {
                _ = try ledger.dryRun { session in try session.append(batch) }
                return nil
            } catch let error as EventLogError {
                guard let index = error.batchIndex, index < drafts.count else { throw error }
                refusals.append(Refusal(row: drafts[index].row, cells: drafts[index].cells, text: error.text.local, exit: error.exit))
                drafts.remove(at: index)
            }
        }
        return drafts.first?.row
    }

    /// One row's act, built as `record` builds it.
    func build(columns: [ActCSV.Column], cells: [String], header: [String], actor: String, context: PendingActContext) throws -> ActDraft {
        let m = Msg.record
        let named = columns.firstIndex(of: .act).map { ActCSV.cell(cells[$0]) }
        let actName = (named?.isEmpty == false ? named : nil) ?? act ?? ""
        guard let form = Acts.form(named: actName) else {
            throw CLIError.said(m.unknownAct(["act": .plain(actName), "acts": .list(Acts.all.map { .plain($0.name) })]), .badInput)
        }
        var values: [(flag: String, value: String)] = []
        var date: LocalDate?
        for (index, (column, raw)) in zip(columns, cells).enumerated() {
            let value = ActCSV.cell(raw)
            guard !value.isEmpty else { continue }
            switch column {
            case .act, .ignored: continue
            case .date:
                guard let parsed = LocalDate(iso: value) else {
                    throw CLIError.said(m.badDate(["flag": .plain("date"), "value": .plain(value)]), .badInput)
                }
                date = parsed
            case .flag(let name):
                guard let flag = form.flag(named: name) else {
                    throw CLIError.said(m.csvUnknownColumn(["file": .plain(file), "column": .number(index + 1), "header": .plain(header[index]),
                                                            "act": .plain(form.name)]), .badInput)
                }
                if flag.isRepeated {
                    for item in value.split(whereSeparator: { $0 == ";" || $0 == "；" }) where !item.trimmingCharacters(in: .whitespaces).isEmpty {
                        values.append((flag.name, item.trimmingCharacters(in: .whitespaces)))
                    }
                } else {
                    values.append((flag.name, value))
                }
            }
        }
        guard let date else { throw CLIError.said(m.missingDate(["act": .plain(form.name)]), .badInput) }
        return try Acts.build(form, ActRequest(values: values, date: date, again: again, actor: actor), context: context)
    }

    func report(_ result: AppendResult?, count: Int, known: Int, dryRun: Bool) {
        let m = Msg.record
        let seqs: [UInt64] = result?.outcomes.compactMap { outcome -> UInt64? in if case .appended(let seq, _) = outcome { seq } else { nil } } ?? []
        if json {
            let object: JSONObject = [
                "file": .string(file), "dryRun": .bool(dryRun), "rows": .integer(Int64(count)), "alreadyRecorded": .integer(Int64(known)),
                "seqs": .array(seqs.map { .integer(Int64($0)) }),
            ]
            Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            return
        }
        let text: Text
        if dryRun {
            text = m.csvWouldImport(["file": .plain(file), "count": .number(count), "known": .number(known)])
        } else if let first = seqs.first, let last = seqs.last {
            text = m.csvImported(["file": .plain(file), "count": .number(count), "first": .number(first), "last": .number(last), "known": .number(known)])
        } else {
            text = m.csvNothingNew(["file": .plain(file), "known": .number(known)])
        }
        Terminal.write(text.local + "\n")
    }

    /// Nothing written: every refused row on stderr, and in `--rejects`.
    func refuse(_ refusals: [Refusal], header: [String], cutAfter cut: Int?) throws {
        let m = Msg.record
        if let rejects {
            // A rejects file imported again keeps one reason column: the new reason replaces the old.
            let kept = header.indices.filter { ActCSV.column(header[$0]) != .ignored }
            let rows = [kept.map { header[$0] } + [ActCSV.heading("rejected", flag: "rejected")]]
                + refusals.map { refusal in kept.map { $0 < refusal.cells.count ? refusal.cells[$0] : "" } + [m.csvRow(["row": .number(refusal.row), "reason": .plain(refusal.text)]).local] }
            do {
                try ActCSV.write(rows).write(toFile: rejects, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError.said(m.csvUnreadable(["file": .plain(rejects), "reason": .plain("\(error)")]), .failure)
            }
        }
        var lines = refusals.map { m.csvRow(["row": .number($0.row), "reason": .plain($0.text)]).local }
        if let cut { lines.append(m.csvChecksCut(["max": .number(Self.ruleChecksMax), "row": .number(cut)]).local) }
        lines.append(m.csvRefused(["count": .number(refusals.count), "file": .plain(file)]).local)
        if let rejects { lines.append(m.csvRejectsWritten(["file": .plain(rejects)]).local) }
        let exit: Exit = refusals.contains { $0.exit == .refused } ? .refused : (refusals.first { $0.exit != .badInput }?.exit ?? .badInput)
        let text = lines.joined(separator: "\n")
        switch exit {
        case .refused: throw CLIError.refused(text)
        case .integrity: throw CLIError.integrity(text)
        case .ledgerState: throw CLIError.ledgerState(text)
        case .failure: throw CLIError.failure(text)
        case .ok, .badInput, .usage: throw CLIError.badInput(text)
        }
    }
}

extension CLIError {
    /// The same error, its text after `prefix`.
    func prefixed(_ prefix: String) -> CLIError {
        guard !prefix.isEmpty else { return self }
        return .said(Msg.record.invalid(["act": .plain(String(prefix.dropLast(2))), "reason": .plain(description)]), exit)
    }
}

extension EventLogError {
    /// The draft of the batch an error is about.
    var batchIndex: Int? {
        switch self {
        case .invalidEvent(let index, _, _), .versionConflict(let index, _, _, _), .idempotencyConflict(let index, _, _, _), .rejected(let index, _, _):
            index
        default: nil
        }
    }
}
