import ArgumentParser
import EventLog
import Messages

struct Backup: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the ledger, compacted, into a new directory while it is in use, and verify the copy.",
        discussion: """
            The copy is of the last committed state, taken from a read snapshot: appends go on meanwhile and \
            are not in it. Free pages are left behind (LMDB keeps deleted bytes in them), so the copy holds \
            only live data. DIR must not exist or be empty. The copy is opened read-only and verified (chain, \
            indexes, head); exit 4 when it does not verify (the copy is kept for inspection). Note the head \
            it prints: `grassroots verify --head SEQ:HASH` on the copy later proves it unchanged.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: "The new directory for the copy.")
    var directory: String

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            let report = try ledger.backup(to: directory) { done, total in Terminal.progress("verifying", done: done, total: total) }
            Terminal.clearProgress()
            let v = report.verification
            guard v.isIntact else {
                throw CLIError.said(Msg.commands.backupBroken(["path": .plain(directory), "count": .number(v.problems.count + v.problemsNotListed)]), .integrity)
            }
            Terminal.write(Msg.commands.backedUp(["count": .number(v.eventsChecked), "path": .plain(directory), "size": .plain(Format.bytes(Int(report.bytes))),
                                                   "head": .plain("\(v.head.seq):\(v.head.hash.hex)")]).local + "\n")
        }
    }
}
