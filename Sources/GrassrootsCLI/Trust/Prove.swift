import ArgumentParser
import EventLog
import Messages

struct Prove: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an inclusion or consistency proof from the Merkle tree.",
        discussion: """
            prove --seq N [--size S]: that event N is in the tree of the first S events (default: the size of \
            the latest checkpoint, else every event), as "inclusion N S" and the RFC 9162 proof's hashes, one \
            base64 line each. Check it with tools/verify_proof.py inclusion, against the event as `export` \
            writes it and a checkpoint of size S.

            prove --consistency --from S1 [--to S2]: that the tree of S1 events is a prefix of the tree of S2 \
            (default: the latest checkpoint's size, else every event), as "old S1" and the proof's hashes \
            (C2SP tlog-witness's form). It goes to a witness with the checkpoint of size S2.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: ArgumentHelp("The event to prove included.", valueName: "seq"))
    var seq: UInt64?

    @Option(help: ArgumentHelp("The tree size of an inclusion proof.", valueName: "size"))
    var size: UInt64?

    @Flag(help: "A consistency proof (with --from and --to) instead of an inclusion proof.")
    var consistency = false

    @Option(help: ArgumentHelp("The smaller tree's size (0: the empty tree, whose proof is empty).", valueName: "size"))
    var from: UInt64?

    @Option(help: ArgumentHelp("The larger tree's size.", valueName: "size"))
    var to: UInt64?

    @Option(help: ArgumentHelp("Write the proof to this file (refuses to overwrite).", valueName: "file"))
    var out: String?

    /// The options' combinations, checked in run() so that the refusal is in the reader's language (exit 64).
    private func checkOptions() throws {
        func usage(_ text: Text) -> CLIError { .said(text, .usage) }
        if consistency {
            guard from != nil else { throw usage(Msg.trust.consistencyNeedsFrom()) }
            guard seq == nil && size == nil else { throw usage(Msg.trust.inclusionOptionsWithConsistency()) }
        } else {
            guard let seq else { throw usage(Msg.trust.giveSeqOrConsistency()) }
            guard seq >= 1 else { throw usage(Msg.trust.seqFromOne()) }
            guard from == nil && to == nil else { throw usage(Msg.trust.consistencyOptionsWithSeq()) }
            if let size, size < seq { throw usage(Msg.trust.sizeBelowSeq(["size": .plain("\(size)"), "seq": .plain("\(seq)")])) }
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            try checkOptions()
            let ledger = try global.openLedger(for: .reading)
            let text: String
            if consistency, let from {
                let newSize = try to ?? defaultSize(ledger)
                guard from <= newSize else { throw CLIError.said(Msg.trust.fromAboveTo(["from": .plain("\(from)"), "to": .plain("\(newSize)")]), .badInput) }
                text = ProofText.consistency(old: from, hashes: try ledger.consistencyProof(from: from, to: newSize))
            } else if let seq {
                let treeSize = try size ?? defaultSize(ledger)
                guard seq <= treeSize else { throw CLIError.said(Msg.trust.seqNotInTree(["seq": .plain("\(seq)"), "size": .plain("\(treeSize)")]), .badInput) }
                text = ProofText.inclusion(try ledger.inclusionProof(seq: seq, size: treeSize))
            } else {
                preconditionFailure("checkOptions() requires --seq or --consistency --from")
            }
            try TrustFiles.emit(text, to: out)
        }
    }

    /// The latest checkpoint's size, else the number of events (said on stderr).
    private func defaultSize(_ ledger: Ledger) throws -> UInt64 {
        if let stored = try ledger.latestCheckpoint() {
            do {
                return try Checkpoint.parse(body: try SignedNote.parse(stored.note).text).size
            } catch let error as NoteError {
                throw CLIError.said(Msg.trust.storedCheckpointUnreadable(["reason": .plain("\(error)")]), .integrity)
            }
        }
        let head = try ledger.head().seq
        Terminal.note(Msg.trust.noCheckpointYet(["count": .plain("\(head)")]).local)
        return head
    }
}
