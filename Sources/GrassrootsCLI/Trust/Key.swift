import ArgumentParser
import EventLog
import Messages
import Foundation

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The ledger's checkpoint signing key.",
        subcommands: [KeyInit.self])
}

struct KeyInit: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an Ed25519 key for signing checkpoints.",
        discussion: """
            Writes the signing key to FILE (mode 0600; default: beside the ledger directory, LEDGER.key, never \
            inside it) and its verifier key, name+keyid+base64 (C2SP signed-note), to FILE.pub. Hand FILE.pub \
            to whoever checks checkpoints (the witness, reviewers with tools/verify_proof.py); keep FILE away \
            from the ledger's copies. The key's name defaults to the ledger's checkpoint origin, \
            grassroots/<ledger id>. Refuses (exit 5) to overwrite either file.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("Where to write the signing key (FILE.pub gets the verifier key).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("The key's name (default: the ledger's origin, grassroots/<ledger id>).", valueName: "name"))
    var name: String?

    func run() throws {
        try runReportingErrors(global) {
            let path = out ?? TrustFiles.defaultKeyPath(ledger: global.ledgerPath)
            if TrustFiles.isInside(path, global.ledgerPath) {
                throw CLIError.said(Msg.trust.keyInsideLedger(["path": .plain(path), "ledger": .plain(global.ledgerPath)]), .badInput)
            }
            let keyName = try name ?? global.openLedger(for: .reading).origin()
            let signer: NoteSigner
            do {
                signer = try NoteSigner.generate(name: keyName)
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.badKeyName(["reason": .plain("\(error)")]), .badInput)
            }
            if FileManager.default.fileExists(atPath: path + ".pub") {
                throw CLIError.said(Msg.trust.refuseOverwrite(["path": .plain(path + ".pub")]), .ledgerState)
            }
            try TrustFiles.create(path, signer.encoded + "\n", mode: 0o600)
            try TrustFiles.create(path + ".pub", signer.verifier.encoded + "\n", mode: 0o644)
            Terminal.write(Msg.trust.keyWritten(["path": .plain(path)]).local + "\n" + signer.verifier.encoded + "\n")
        }
    }
}
