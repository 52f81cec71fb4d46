import ArgumentParser
import CanonicalJSON
import EventLog
import Messages

struct Rebuild: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every projection from the log, atomically.",
        discussion: """
            Clears the governance tables and replays every event into them in one write transaction: \
            readers see the old tables until it commits, and a crash midway leaves them as they were.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let replayed = try ledger.replay { done, total in Terminal.progress("rebuilding", done: done, total: total) }
            Terminal.clearProgress()
            Terminal.write(Msg.commands.rebuilt(["count": .number(replayed)]).local + "\n")
        }
    }
}
