import ArgumentParser
import CanonicalJSON
import EventLog
import Messages

struct Check: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the projections aside and compare them with the live ones.",
        discussion: """
            Writes nothing to the ledger and never makes an append wait for a lock: the events of a read \
            snapshot are replayed into tables built aside in a scratch directory under $TMPDIR (it needs \
            room there for about half the ledger's size), which are compared with the ledger's, every \
            stored version of every entry; nothing is left there afterwards. Works on a read-only \
            evidence copy too (one whose projections are outdated is copied whole into $TMPDIR first). \
            On a busy machine run it under `nice`. Exits 0 when they agree, 4 naming the tables and keys that differ (fix with \
            `grassroots rebuild`), 5 when the projections are of an older format (run `grassroots rebuild`).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            let report = try ledger.checkProjections { done, total in Terminal.progress("checking", done: done, total: total) }
            Terminal.clearProgress()
            Terminal.write(json ? CanonicalJSON.string(Check.json(report)) + "\n" : Check.text(report))
            if !report.isConsistent { throw ExitCode(Exit.integrity.rawValue) }
        }
    }

    /// The comparison as JSON (also `verify --deep --json`'s "projections").
    static func json(_ report: ProjectionReport) -> JSONValue {
        var object = JSONObject()
        object.set("consistent", .bool(report.isConsistent))
        object.set("events", .integer(Int64(report.events)))
        object.set("tables", .array(report.tables.map { table in
            .object(JSONObject([("name", .string(table.name)), ("liveEntries", .integer(Int64(table.liveEntries))),
                                ("rebuiltEntries", .integer(Int64(table.rebuiltEntries))), ("differences", .integer(Int64(table.differenceCount))),
                                ("examples", .array(table.differences.map { .string($0) }))]))
        }))
        return .object(object)
    }

    /// The comparison in the reader's language, ending with a newline.
    static func text(_ report: ProjectionReport) -> String {
        if report.isConsistent {
            let entries = report.tables.reduce(0) { $0 + $1.liveEntries }
            return Msg.commands.checkOk(["tables": .number(report.tables.count), "entries": .number(entries), "events": .number(report.events)]).local + "\n"
        }
        var text = Msg.commands.checkDiffer(["events": .number(report.events)]).local + "\n"
        for table in report.tables where table.differenceCount > 0 {
            text += "  " + Msg.commands.checkTable(["table": .plain(table.name), "count": .number(table.differenceCount),
                                                    "live": .number(table.liveEntries), "rebuilt": .number(table.rebuiltEntries)]).local + "\n"
            for difference in table.differences { text += "    \(difference)\n" }
        }
        return text + Msg.commands.checkFix.local + "\n"
    }
}
