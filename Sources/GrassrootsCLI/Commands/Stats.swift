import ArgumentParser
import CanonicalJSON
import EventLog
import Messages

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
                var object = JSONObject()
                object.set("ledgerId", .string(stats.ledgerID))
                object.set("createdAt", .string(stats.createdAt))
                object.set("formatVersion", .integer(Int64(stats.formatVersion)))
                object.set("events", .integer(Int64(stats.events)))
                object.set("headSeq", .integer(Int64(stats.head.seq)))
                object.set("headHash", .string(stats.head.hash.hex))
                object.set("streams", .integer(Int64(stats.streams)))
                object.set("subjects", .integer(Int64(stats.subjects)))
                object.set("countsTruncated", .bool(stats.countsTruncated))
                object.set("idempotencyKeys", .integer(Int64(stats.idempotencyKeys)))
                object.set("firstRecordedAt", stats.firstRecordedAt.map { .string($0.description) } ?? .null)
                object.set("lastRecordedAt", stats.lastRecordedAt.map { .string($0.description) } ?? .null)
                object.set("fileBytes", .integer(Int64(stats.fileBytes)))
                object.set("usedBytes", .integer(Int64(stats.usedBytes)))
                object.set("mapSizeBytes", .integer(Int64(stats.mapSizeBytes)))
                object.set("testClock", .bool(stats.testClock))
                object.set("checkpoint", stats.latestCheckpoint.map { .string($0) } ?? .null)
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
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
