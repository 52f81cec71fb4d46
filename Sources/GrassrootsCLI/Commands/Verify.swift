import ArgumentParser
import CanonicalJSON
import EventLog
import Messages

struct Verify: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the hash chain and check every index.",
        discussion: """
            Exits 0 when the ledger is whole, 4 when it is not, naming the first bad sequence number.
            Give --head with a head hash noted earlier (from `stats` or a published report) to prove
            also that nothing before it was rewritten and re-chained since.

            The Merkle tree (log.tiles) is recomputed from the events and compared tile by tile. Give
            --checkpoint with a checkpoint signed earlier (`grassroots checkpoint`, or one a witness
            cosigned) and --vkey with the signer's verifier key: verify then also proves that the ledger
            still holds at least that many events (not rolled back or truncated) and that the tree of that
            many has the signed root (nothing below it rewritten, even with every hash recomputed). Without
            --vkey the key the ledger stored with its latest checkpoint is used, which only the ledger's
            operator vouches for.

            --deep also rebuilds the projections aside and compares them with the live ones, as `check` does
            (the tables every query reads, which the chain does not cover): a damaged projection page that
            changes an answer exits 4 here.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("A head hash noted earlier, as seq:hash; verify checks the chain still passes through it.", valueName: "seq:hash"))
    var head: String?

    @Option(help: ArgumentHelp("A signed checkpoint (C2SP); verify checks the ledger still holds what it signed.", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("The verifier key of --checkpoint's signer (FILE.pub of `key init`).", valueName: "file"))
    var vkey: String?

    @Flag(help: "Also compare the projections with a rebuild made aside (as `check` does).")
    var deep = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let anchor = try parseAnchor()
            let ledger = try global.openLedger(for: .reading)
            let signed = try checkedCheckpoint(ledger)
            let report = try ledger.verify(anchor: anchor, checkpoint: signed?.treeHead) { done, total in Terminal.progress("verifying", done: done, total: total) }
            Terminal.clearProgress()
            let projections = deep ? try ledger.checkProjections { done, total in Terminal.progress("checking", done: done, total: total) } : nil
            Terminal.clearProgress()
            if json {
                var object = JSONObject()
                if let projections { object.set("projections", Check.json(projections)) }
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
                if let tiles = report.tilesChecked { object.set("merkleTiles", .integer(Int64(tiles))) }
                if let root = report.treeRoot { object.set("merkleRoot", .string(root.hex)) }
                if let signed { object.set("checkpointSize", .integer(Int64(signed.size))) }
                object.set("testClock", .bool(report.testClock))
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            } else if report.isIntact {
                let m = Msg.commands
                var text = m.verifyOk(["events": .number(report.eventsChecked), "entries": .number(report.indexEntriesChecked),
                                       "seq": .number(report.head.seq), "hash": .plain(report.head.hash.hex)]).local + "\n"
                if let tiles = report.tilesChecked, let root = report.treeRoot {
                    text += m.verifyTree(["tiles": .number(tiles), "root": .plain(root.hex)]).local + "\n"
                }
                if let signed { text += m.verifyCheckpoint(["size": .number(signed.size)]).local + "\n" }
                if report.testClock { text += m.verifyTestClock.local + "\n" }
                Terminal.write(text)
            } else {
                let m = Msg.commands
                var text = m.verifyFailure.local
                if let first = report.firstBadSeq { text += m.verifyFailureAt(["seq": .number(first)]).local }
                text += m.verifyProblems(["count": .number(report.problems.count + report.problemsNotListed), "events": .number(report.eventsChecked)]).local + "\n"
                for problem in report.problems { text += "  \(problem)\n" }
                if report.problemsNotListed > 0 { text += "  " + m.verifyMore(["count": .number(report.problemsNotListed)]).local + "\n" }
                Terminal.write(text)
            }
            if let projections, !json { Terminal.write(Check.text(projections)) }
            if !report.isIntact || projections?.isConsistent == false { throw ExitCode(Exit.integrity.rawValue) }
        }
    }

    /// The checkpoint of --checkpoint, its signature and origin checked; nil without --checkpoint.
    private func checkedCheckpoint(_ ledger: Ledger) throws -> Checkpoint? {
        guard let checkpoint else {
            if vkey != nil { throw CLIError.said(Msg.trust.vkeyWithoutCheckpoint([:]), .badInput) }
            return nil
        }
        let signed = try TrustFiles.checkpoint(checkpoint)
        let key: NoteVerifier
        if let vkey {
            key = try TrustFiles.verifier(vkey)
        } else if let stored = try ledger.latestCheckpoint() {
            do {
                key = try NoteVerifier(encoded: stored.verifierKey)
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.storedKeyUnreadable(["reason": .plain("\(error)")]), .integrity)
            }
            Terminal.note(Msg.trust.usingStoredKey(["path": .plain(checkpoint), "key": .plain(key.name)]).local)
        } else {
            throw CLIError.said(Msg.trust.needVkey([:]), .badInput)
        }
        switch signed.note.verified(by: key) {
        case nil:
            throw CLIError.said(Msg.trust.noSignatureForLedger(["path": .plain(checkpoint), "key": .plain(key.name)]), .integrity)
        case false?:
            throw CLIError.said(Msg.trust.signatureBrokenVerify(["path": .plain(checkpoint), "key": .plain(key.name)]), .integrity)
        case true?:
            break
        }
        let origin = try ledger.origin()
        guard signed.checkpoint.origin == origin else {
            throw CLIError.said(Msg.trust.otherOrigin(["path": .plain(checkpoint), "origin": .plain(signed.checkpoint.origin), "ledger": .plain(origin)]), .integrity)
        }
        return signed.checkpoint
    }

    private func parseAnchor() throws -> ChainHead? {
        guard let head else { return nil }
        let parts = head.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, let seq = UInt64(parts[0]), seq > 0, let hash = Hash(hex: parts[1]) { return ChainHead(seq: seq, hash: hash) }
        throw ValidationError(Msg.usage.headForm(["given": .plain(head)]).local)
    }
}
