import ArgumentParser
import EventLog
import Messages

struct CheckpointCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the Merkle tree's current size and root (a C2SP checkpoint).",
        discussion: """
            Prints (or writes to --out) a C2SP tlog-checkpoint as a signed note: the origin \
            (grassroots/<ledger id>), the number of events, the root of the Merkle tree over them (RFC 9162) \
            in base64, a blank line and the Ed25519 signature line. The ledger keeps the latest one (`stats` \
            prints it; `prove` proves against it by default). Publish it, or hand it to a witness \
            (`grassroots witness add-checkpoint`); `verify --checkpoint` later proves the ledger still holds \
            what it signed. Opens the ledger for writing (it stores the checkpoint).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("The signing key (default: LEDGER.key, as `key init` makes it).", valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("Write the checkpoint to this file (refuses to overwrite).", valueName: "file"))
    var out: String?

    func run() throws {
        try runReportingErrors(global) {
            let signer = try TrustFiles.signer(key ?? TrustFiles.defaultKeyPath(ledger: global.ledgerPath))
            let ledger = try global.openLedger(for: .writing)
            let note = try ledger.storeCheckpoint(verifierKey: signer.verifier.encoded) { head, origin in
                try Checkpoint(origin: origin, size: head.size, root: head.root).signed(by: signer)
            }
            try TrustFiles.emit(note, to: out)
            if let out { Terminal.write(Msg.trust.checkpointWritten(["path": .plain(out)]).local + "\n") }
        }
    }
}
