import ArgumentParser
import EventLog
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
                throw CLIError.badInput("\(path) is inside the ledger directory \(global.ledgerPath); keep the signing key apart from the ledger (and its copies)")
            }
            let keyName = try name ?? global.openLedger(for: .reading).origin()
            let signer: NoteSigner
            do {
                signer = try NoteSigner.generate(name: keyName)
            } catch let error as NoteError {
                throw CLIError.badInput("--name: \(error)")
            }
            if FileManager.default.fileExists(atPath: path + ".pub") {
                throw CLIError.ledgerState("\(path).pub already exists; refusing to overwrite it")
            }
            try TrustFiles.create(path, signer.encoded + "\n", mode: 0o600)
            try TrustFiles.create(path + ".pub", signer.verifier.encoded + "\n", mode: 0o644)
            Terminal.write("wrote the signing key to \(path) (mode 0600) and its verifier key to \(path).pub:\n\(signer.verifier.encoded)\n")
        }
    }
}
