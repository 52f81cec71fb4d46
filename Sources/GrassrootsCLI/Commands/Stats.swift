import ArgumentParser
import CanonicalJSON
import EventLog
import Messages
import Reports

struct Stats: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print counts, size on disk and the head hash.",
        discussion: "Note the head (seq:hash) somewhere outside the ledger; `verify --head` proves later that history up to it is unchanged.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            let stats = try ledger.stats()
            let bound = stats.countsTruncated ? "≥" : ""
            if json {
                Terminal.write(CanonicalJSON.string(StatsReport.json(stats)) + "\n")
                return
            }
            let rows: [[String]] = [
                ["ledger", "\(stats.ledgerID) at \(ledger.path)"],
                ["created", stats.createdAt],
                ["format", "grassroots-ledger version \(stats.formatVersion)"],
                ["events", String(stats.events)],
                ["streams", bound + String(stats.streams)],
                ["subjects", bound + String(stats.subjects)],
                ["idempotency keys", String(stats.idempotencyKeys)],
                ["first recorded", stats.firstRecordedAt?.description ?? "-"],
                ["last recorded", stats.lastRecordedAt?.description ?? "-"],
                ["size on disk", "\(Format.bytes(stats.fileBytes)) (\(Format.bytes(stats.usedBytes)) in use, map \(Format.bytes(stats.mapSizeBytes)))"],
                ["head", "\(stats.head.seq):\(stats.head.hash.hex)"],
            ] + (stats.testClock ? [["clock", "test clock: recorded times may be set from outside (init --test-clock)"]] : [])
                + (stats.latestCheckpoint.map { note in [["checkpoint", Stats.checkpointSummary(note)]] } ?? [])
            let labelled = rows.map { row in [Msg.commands.statsRows[row[0]]?.local ?? row[0]] + row.dropFirst() }
            Terminal.write(Terminal.table(["", ""], labelled).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        }
    }

    /// The latest checkpoint in a line: its size and root, or that it cannot be read.
    static func checkpointSummary(_ note: String) -> String {
        do {
            let checkpoint = try Checkpoint.parse(body: try SignedNote.parse(note).text)
            return "\(checkpoint.size) events, root \(checkpoint.root.hex) (signed; `prove` proves against it)"
        } catch {
            return "stored, but unreadable: \(error)"
        }
    }
}
