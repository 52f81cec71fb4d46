import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct Trail: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every event concerning a person, group or unit, in order; corrected and retracted ones marked.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "A person's id.") var person: String?
    @Option(help: "A group's id.") var group: String?
    @Option(help: "A unit's id.") var unit: String?
    @Option(help: ArgumentHelp("From this effective date.", valueName: "YYYY-MM-DD")) var from: LocalDate?
    @Option(help: ArgumentHelp("Up to this effective date.", valueName: "YYYY-MM-DD")) var to: LocalDate?
    @Option(help: ArgumentHelp("As the ledger stood right after event N.", valueName: "seq")) var atSeq: UInt64?
    @Option(help: "At most this many events (1 to \(Limits.readEventsMax)).") var limit: Int = 1_000
    @Flag(help: "One JSON object per line.") var json = false

    var subject: String? { person ?? group ?? unit }

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError("give one of --person, --group, --unit") }
        guard (1...Limits.readEventsMax).contains(limit) else { throw ValidationError("--limit must be 1 to \(Limits.readEventsMax)") }
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            guard let subject else { return }
            let events = try ledger.events(forSubject: subject, fromSeq: 1, limit: limit).filter { event in
                (atSeq.map { event.seq <= $0 } ?? true)
                    && (from.map { event.effectiveDate >= $0 } ?? true) && (to.map { event.effectiveDate <= $0 } ?? true)
            }
            let statuses = try ledger.query(StatusQuery(seqs: events.map(\.seq)), atSeq: atSeq)
            if json {
                Terminal.write(events.map { event in
                    var object = event.canonicalObject
                    if let status = statuses[event.seq] {
                        object.set("status", .string(status.status))
                        object.set("statusBy", .integer(Int64(status.by)))
                    }
                    return CanonicalJSON.string(.object(object)) + "\n"
                }.joined())
                return
            }
            if events.isEmpty {
                Terminal.write("no events concern \(subject)\n")
                return
            }
            Terminal.write(Terminal.table(["SEQ", "EFFECTIVE", "TYPE", "STREAM", "STATUS", "DETAIL"], events.map { event in
                let status = statuses[event.seq].map { "\($0.status) by \($0.by)" } ?? ""
                let detail = event.data.members.filter { !["group", "person"].contains($0.key) }.prefix(3)
                    .map { "\($0.key)=\(CanonicalJSON.string($0.value).prefix(30))" }.joined(separator: " ")
                return [String(event.seq), event.effectiveDate.description, event.type, event.stream, status, detail]
            }))
        }
    }
}
