import ArgumentParser
import CanonicalJSON
import EventLog

struct Verify: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the hash chain and check every index.",
        discussion: """
            Exits 0 when the ledger is whole, 4 when it is not, naming the first bad sequence number.
            Give --head with a head hash noted earlier (from `stats` or a published report) to prove
            also that nothing before it was rewritten and re-chained since.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("A head hash noted earlier, as seq:hash; verify checks the chain still passes through it.", valueName: "seq:hash"))
    var head: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let anchor = try parseAnchor()
            let ledger = try global.openLedger(for: .reading)
            let report = try ledger.verify(anchor: anchor) { done, total in Terminal.progress("verifying", done: done, total: total) }
            Terminal.clearProgress()
            if json {
                var object = JSONObject()
                object.set("intact", .bool(report.isIntact))
                object.set("events", .integer(Int64(report.eventsChecked)))
                object.set("indexEntries", .integer(Int64(report.indexEntriesChecked)))
                object.set("headSeq", .integer(Int64(report.head.seq)))
                object.set("headHash", .string(report.head.hash.hex))
                let problems: [JSONValue] = report.problems.map { problem in
                    .object(JSONObject([("seq", .integer(Int64(problem.seq))), ("what", .string(problem.what))]))
                }
                object.set("problems", .array(problems))
                if let first = report.firstBadSeq { object.set("firstBadSeq", .integer(Int64(first))) }
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            } else if report.isIntact {
                Terminal.write("ok: \(report.eventsChecked) events, hash chain intact, \(report.indexEntriesChecked) index entries consistent; head seq \(report.head.seq) hash \(report.head.hash.hex)\n")
            } else {
                var text = "INTEGRITY FAILURE"
                if let first = report.firstBadSeq { text += " at seq \(first)" }
                text += ": \(report.problems.count + report.problemsNotListed) problem(s) in \(report.eventsChecked) events\n"
                for problem in report.problems { text += "  \(problem)\n" }
                if report.problemsNotListed > 0 { text += "  … and \(report.problemsNotListed) more\n" }
                Terminal.write(text)
            }
            if !report.isIntact { throw ExitCode(Exit.integrity.rawValue) }
        }
    }

    private func parseAnchor() throws -> ChainHead? {
        guard let head else { return nil }
        let parts = head.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, let seq = UInt64(parts[0]), seq > 0, let hash = Hash(hex: parts[1]) { return ChainHead(seq: seq, hash: hash) }
        throw ValidationError("--head must be SEQ:HASH (64 lowercase hex digits), as `grassroots stats` prints it; got \(head)")
    }
}
