import ArgumentParser
import EventLog
import Messages
import Foundation

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Cosign a ledger's checkpoints from outside it (C2SP tlog-witness), as a provincial office would.",
        subcommands: [WitnessInit.self, WitnessAddCheckpoint.self])
}

/// The witness's files in its state directory.
enum WitnessState {
    static func keyPath(_ state: String) -> String { state + "/witness.key" }
    static func logsPath(_ state: String) -> String { state + "/logs" }
}

struct WitnessInit: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a witness: its state directory and cosigning key.",
        discussion: """
            Creates DIR (mode 0700) with the witness's Ed25519 cosigning key (witness.key, mode 0600) and \
            its verifier key (witness.pub, C2SP tlog-cosignature: key type 4), which reviewers use to check \
            the witness's cosignatures. Refuses (exit 5) when DIR exists.
            """)

    /// For `--lang`; a witness reads no ledger (`--ledger` is not used).
    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("The witness's state directory (created).", valueName: "dir"))
    var state: String

    @Option(help: ArgumentHelp("The witness's name, as its cosignatures carry it (no spaces, no \"+\").", valueName: "name"))
    var name: String

    func run() throws {
        try runReportingErrors(global) {
            let signer: NoteSigner
            do {
                signer = try NoteSigner.generate(name: name, type: .cosignature)
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.badKeyName(["reason": .plain("\(error)")]), .badInput)
            }
            guard mkdir(state, 0o700) == 0 else {
                if errno == EEXIST { throw CLIError.said(Msg.trust.witnessStateExists(["path": .plain(state)]), .ledgerState) }
                throw CLIError.said(Msg.trust.cannotCreate(["path": .plain(state), "reason": .plain(String(cString: strerror(errno)))]), .failure)
            }
            guard mkdir(WitnessState.logsPath(state), 0o700) == 0 else {
                throw CLIError.said(Msg.trust.cannotCreate(["path": .plain(WitnessState.logsPath(state)), "reason": .plain(String(cString: strerror(errno)))]), .failure)
            }
            try TrustFiles.create(WitnessState.keyPath(state), signer.encoded + "\n", mode: 0o600)
            try TrustFiles.create(state + "/witness.pub", signer.verifier.encoded + "\n", mode: 0o644)
            Terminal.write(Msg.trust.witnessReady(["name": .plain(name), "path": .plain(state)]).local + "\n" + signer.verifier.encoded + "\n")
        }
    }
}

struct WitnessAddCheckpoint: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-checkpoint",
        abstract: "Cosign a checkpoint that extends the one the witness holds for that log.",
        discussion: """
            CHECKPOINT is a signed checkpoint (`grassroots checkpoint`); PROOF a consistency proof from the \
            size this witness holds for that origin and key (`grassroots prove --consistency --from HELD \
            --to SIZE`; from 0 the first time). The witness keeps the last checkpoint it cosigned per origin \
            and log key in DIR/logs, and cosigns (C2SP tlog-cosignature) only a checkpoint signed by --vkey \
            that the proof shows to extend it. On success it prints the cosignature line (--out: writes the \
            checkpoint with it) and holds the new checkpoint.

            Refusals, as C2SP tlog-witness answers them:
              exit 3  the proof is from another size than the one held (409 Conflict): stderr names \
            the size held; ask the ledger for a proof from it. Nothing is wrong with the log.
              exit 4  the checkpoint is not signed by --vkey or its signature does not verify (403); \
            the proof does not prove the held tree a prefix of the new one (422: history rewritten); the \
            checkpoint is smaller than the one held (rollback, truncation) or of the same size with another \
            root (a fork).
              exit 2  a file is malformed.
            """)

    /// For `--lang`; a witness reads no ledger (`--ledger` is not used).
    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("The witness's state directory (`witness init`).", valueName: "dir"))
    var state: String

    @Option(help: ArgumentHelp("The log's verifier key (FILE.pub from its `key init`).", valueName: "file"))
    var vkey: String

    @Option(help: ArgumentHelp("Write the checkpoint with the cosignature added to this file.", valueName: "file"))
    var out: String?

    @Argument(help: ArgumentHelp("The signed checkpoint.", valueName: "checkpoint"))
    var checkpoint: String

    @Argument(help: ArgumentHelp("The consistency proof from the size the witness holds.", valueName: "proof"))
    var proof: String

    func run() throws {
        try runReportingErrors(global) {
            let signer = try TrustFiles.signer(WitnessState.keyPath(state))
            guard signer.verifier.type == .cosignature else {
                throw CLIError.said(Msg.trust.notWitnessKey(["path": .plain(WitnessState.keyPath(state))]), .badInput)
            }
            let logKey = try TrustFiles.verifier(vkey)
            let offered = try TrustFiles.checkpoint(checkpoint)
            try requireSignature(offered.note, by: logKey, file: checkpoint)
            let request: (old: UInt64, hashes: [Hash])
            do {
                request = try ProofText.parseConsistency(try TrustFiles.read(proof, what: Msg.trust.whatProof))
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.unreadableFile(["path": .plain(proof), "reason": .plain("\(error)")]), .badInput)
            }
            let lock = try lockState()
            defer { close(lock) }
            let statePath = WitnessState.logsPath(state) + "/" + WitnessDecision.stateName(origin: offered.checkpoint.origin, key: logKey)
            let held: Checkpoint?
            if FileManager.default.fileExists(atPath: statePath) {
                let stored = try TrustFiles.checkpoint(statePath)
                try requireSignature(stored.note, by: logKey, file: statePath)
                held = stored.checkpoint
            } else {
                held = nil
            }
            let decision = WitnessDecision.decide(held: held, claimedOldSize: request.old, proof: request.hashes, offered: offered.checkpoint)
            try act(on: decision, offered: offered, statePath: statePath, signer: signer)
        }
    }

    private func requireSignature(_ note: SignedNote, by key: NoteVerifier, file: String) throws {
        switch note.verified(by: key) {
        case nil:
            throw CLIError.said(Msg.trust.noSignatureBy(["path": .plain(file), "key": .plain(key.name), "keyID": .plain(String(key.keyID, radix: 16))]), .integrity)
        case false?:
            throw CLIError.said(Msg.trust.signatureBroken(["path": .plain(file), "key": .plain(key.name)]), .integrity)
        case true?:
            return
        }
    }

    private func act(on decision: WitnessDecision, offered: (note: SignedNote, checkpoint: Checkpoint), statePath: String, signer: NoteSigner) throws {
        let size = offered.checkpoint.size
        switch decision {
        case .cosign:
            let time = UInt64(max(0, Date().timeIntervalSince1970))
            let line = try Cosigner(signer).cosignatureLine(checkpointBody: offered.note.text, time: time)
            try TrustFiles.replace(statePath, offered.note.encoded)
            if let out {
                try TrustFiles.create(out, offered.note.encoded + line, mode: 0o644)
            }
            Terminal.write(line)
        case .sizeConflict(let claimed, let heldSize):
            throw CLIError.said(Msg.trust.witnessSizeConflict(["claimed": .plain("\(claimed)"), "held": .plain("\(heldSize)"), "origin": .plain(offered.checkpoint.origin),
                                                        "size": .plain("\(size)")]), .refused)
        case .rollback(let heldSize, _):
            throw CLIError.said(Msg.trust.witnessRollback(["held": .plain("\(heldSize)"), "origin": .plain(offered.checkpoint.origin), "size": .plain("\(size)"),
                                                    "first": .plain("\(size + 1)")]), .integrity)
        case .fork(let heldSize):
            throw CLIError.said(Msg.trust.witnessFork(["held": .plain("\(heldSize)"), "origin": .plain(offered.checkpoint.origin)]), .integrity)
        case .inconsistent(let heldSize, _):
            throw CLIError.said(Msg.trust.witnessInconsistent(["held": .plain("\(heldSize)"), "size": .plain("\(size)")]), .integrity)
        }
    }

    /// An exclusive lock on the state directory, so two runs do not race on one log's checkpoint.
    private func lockState() throws -> Int32 {
        let fd = open(state + "/lock", O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw CLIError.said(Msg.trust.witnessCannotLock(["path": .plain(state + "/lock"), "reason": .plain(String(cString: strerror(errno)))]), .failure) }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw CLIError.said(Msg.trust.witnessCannotLock(["path": .plain(state + "/lock"), "reason": .plain(String(cString: strerror(errno)))]), .failure)
        }
        return fd
    }
}
