import ArgumentParser
import EventLog
import Messages
import Foundation

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Cosign a ledger's checkpoints from outside it (C2SP tlog-witness), as a provincial office would.",
        subcommands: [WitnessInit.self, WitnessTrust.self, WitnessAddCheckpoint.self])
}

/// The witness's files in its state directory.
enum WitnessState {
    static func keyPath(_ state: String) -> String { state + "/witness.key" }
    static func logsPath(_ state: String) -> String { state + "/logs" }
    /// The logs the witness witnesses (C2SP tlog-witness: its configured origins and log keys), one file each,
    /// named as the log's file in `logs`: the origin on its first line, the verifier key on its second.
    static func trustedPath(_ state: String) -> String { state + "/trusted" }
    /// Logs one witness may trust; a directory holding more is not a witness's.
    static let trustedLogsMax = 10_000

    /// The log keys this witness trusts for `origin`.
    static func trustedKeys(_ state: String, origin: String) throws -> [NoteVerifier] {
        let directory = trustedPath(state)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw CLIError.said(Msg.trust.cannotRead(["what": .plain(Msg.robustness.whatTrustedLogs([:]).local), "path": .plain(directory),
                                                      "reason": .plain(error.localizedDescription)]), .badInput)
        }
        guard names.count <= trustedLogsMax else {
            throw CLIError.said(Msg.robustness.tooManyTrustedLogs(["path": .plain(directory), "count": .number(names.count), "max": .number(trustedLogsMax)]), .badInput)
        }
        var keys: [NoteVerifier] = []
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            let lines = try TrustFiles.read(path, what: Msg.robustness.whatTrustedLogs).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count == 3, lines[2].isEmpty else {
                throw CLIError.said(Msg.robustness.malformedTrustedLog(["path": .plain(path)]), .badInput)
            }
            let key: NoteVerifier
            do {
                key = try NoteVerifier(encoded: String(lines[1]))
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.unreadableFile(["path": .plain(path), "reason": .plain("\(error)")]), .badInput)
            }
            if lines[0] == origin { keys.append(key) }
        }
        return keys
    }
}

struct WitnessTrust: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Name a log this witness witnesses: its origin and its verifier key.",
        discussion: """
            A witness cosigns only the logs it was told to witness (C2SP tlog-witness: a checkpoint of an \
            unknown origin, or signed by no key the witness holds for its origin, is refused with 404). \
            FILE is the log's verifier key (FILE.pub from its `key init`); the origin is the key's name \
            unless --origin says otherwise (a ledger's is grassroots/<ledger id>, as its checkpoints carry it). \
            Writes DIR/trusted/<name>; trusting a log already trusted changes nothing.
            """)

    /// For `--lang`; a witness reads no ledger (`--ledger` is not used).
    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("The witness's state directory (`witness init`).", valueName: "dir"))
    var state: String

    @Option(help: ArgumentHelp("The log's verifier key (FILE.pub from its `key init`).", valueName: "file"))
    var vkey: String

    @Option(help: ArgumentHelp("The log's origin, as its checkpoints' first line (default: the key's name).", valueName: "origin"))
    var origin: String?

    func run() throws {
        try runReportingErrors(global) {
            let signer = try TrustFiles.signer(WitnessState.keyPath(state))
            guard signer.verifier.type == .cosignature else {
                throw CLIError.said(Msg.trust.notWitnessKey(["path": .plain(WitnessState.keyPath(state))]), .badInput)
            }
            let logKey = try TrustFiles.verifier(vkey)
            guard logKey.type == .ed25519 else {
                throw CLIError.said(Msg.robustness.notLogKey(["path": .plain(vkey)]), .badInput)
            }
            let logOrigin = origin ?? logKey.name
            guard !logOrigin.isEmpty, !logOrigin.contains("\n") else {
                throw CLIError.said(Msg.robustness.badOrigin(["origin": .plain(logOrigin)]), .badInput)
            }
            let directory = WitnessState.trustedPath(state)
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {
                throw CLIError.said(Msg.trust.cannotCreate(["path": .plain(directory), "reason": .plain(String(cString: strerror(errno)))]), .failure)
            }
            let keyID = String(logKey.keyID, radix: 16)
            if try WitnessState.trustedKeys(state, origin: logOrigin).contains(logKey) {
                Terminal.write(Msg.robustness.alreadyTrusted(["origin": .plain(logOrigin), "key": .plain(logKey.name), "keyID": .plain(keyID)]).local + "\n")
                return
            }
            let path = directory + "/" + WitnessDecision.stateName(origin: logOrigin, key: logKey)
            try TrustFiles.create(path, logOrigin + "\n" + logKey.encoded + "\n", mode: 0o644)
            Terminal.write(Msg.robustness.trusted(["origin": .plain(logOrigin), "key": .plain(logKey.name), "keyID": .plain(keyID)]).local + "\n")
        }
    }
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
            --to SIZE`; from 0 the first time). The witness witnesses only the logs named by `witness trust` \
            (origin and verifier key). It keeps the last checkpoint it cosigned per origin and log key in \
            DIR/logs, and cosigns (C2SP tlog-cosignature) only a checkpoint signed by a key it trusts for its \
            origin (--vkey, when given, must be one of them) that the proof shows to extend it. On success it \
            prints the cosignature line (--out: writes the checkpoint with it) and holds the new checkpoint.

            Refusals, as C2SP tlog-witness answers them:
              exit 3  an unknown log (404 Not Found): no `witness trust` names the checkpoint's origin, \
            or --vkey is not a key trusted for it. Nothing was read from the proof.
              exit 3  the proof is from another size than the one held (409 Conflict): stderr names \
            the size held; ask the ledger for a proof from it. Nothing is wrong with the log.
              exit 4  the checkpoint is not signed by a key trusted for its origin, or its signature does \
            not verify (403); \
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

    @Option(help: ArgumentHelp("The log's verifier key (FILE.pub); default: the keys trusted for the checkpoint's origin.", valueName: "file"))
    var vkey: String?

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
            let offered = try TrustFiles.checkpoint(checkpoint)
            let logKey = try trustedSigner(of: offered)
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

    /// The trusted key the checkpoint is to be checked with: --vkey if it is trusted for the origin, else the
    /// first key trusted for the origin that signed it (or the first trusted one, whose absence is then reported).
    private func trustedSigner(of offered: (note: SignedNote, checkpoint: Checkpoint)) throws -> NoteVerifier {
        let origin = offered.checkpoint.origin
        let trusted = try WitnessState.trustedKeys(state, origin: origin)
        if let vkey {
            let given = try TrustFiles.verifier(vkey)
            guard trusted.contains(given) else {
                throw CLIError.said(Msg.robustness.unknownLogKey(["origin": .plain(origin), "key": .plain(given.name),
                                                                  "keyID": .plain(String(given.keyID, radix: 16)), "state": .plain(state)]), .refused)
            }
            return given
        }
        guard let first = trusted.first else {
            throw CLIError.said(Msg.robustness.unknownLog(["origin": .plain(origin), "state": .plain(state)]), .refused)
        }
        return trusted.first { offered.note.verified(by: $0) != nil } ?? first
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
