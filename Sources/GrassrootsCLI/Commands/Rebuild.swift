import ArgumentParser
import CanonicalJSON
import EventLog
import Messages

struct Rebuild: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every projection from the log, atomically.",
        discussion: """
            Replays every event into governance tables built aside, in a scratch directory under $TMPDIR \
            (it needs room there for about half the ledger's size; beside the ledger when $TMPDIR cannot \
            take it; nothing is left there afterwards), then writes them into the ledger in key order in \
            one write transaction: readers see the old tables until it commits, and a crash midway leaves \
            them as they were. Appends wait until it is done.
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
