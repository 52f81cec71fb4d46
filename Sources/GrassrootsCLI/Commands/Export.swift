import ArgumentParser
import EventLog
import Messages
import Foundation

struct Export: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every event as NDJSON with its sequence number and hashes.",
        discussion: """
            Each line is the event's canonical envelope (Schemas/CANONICAL.md) with "hash" and "prevHash"
            added. tools/verify_export.py recomputes the chain from such a file without this program.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "Write to this file instead of standard output (refuses to overwrite).")
    var out: String?

    @Option(help: "The first sequence number to export.")
    var from: UInt64 = 1

    @Flag(help: "After the last event, keep following: write each new event as it is committed, until interrupted (Ctrl-C). Standard output only.")
    var follow = false

    @Option(help: ArgumentHelp("With --follow, how often to look for new events, in milliseconds (50 to 60000).", valueName: "ms"))
    var pollMilliseconds: Int = 500

    static let flushBytes = 1 << 20

    func validate() throws {
        if follow && out != nil { throw ValidationError(Msg.serve.followToStdout.local) }
        guard (50...60_000).contains(pollMilliseconds) else { throw ValidationError(Msg.serve.pollRange(["given": .number(pollMilliseconds)]).local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            let head = try ledger.head()
            let handle: FileHandle
            if let out {
                guard !FileManager.default.fileExists(atPath: out) else {
                    throw CLIError.badInput("\(out) already exists; refusing to overwrite it")
                }
                guard FileManager.default.createFile(atPath: out, contents: nil, attributes: nil) else {
                    throw CLIError.failure("cannot create \(out)")
                }
                guard let opened = FileHandle(forWritingAtPath: out) else { throw CLIError.failure("cannot write \(out)") }
                handle = opened
            } else {
                handle = FileHandle.standardOutput
            }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Export.flushBytes + 70_000)
            var written: UInt64 = 0
            if head.seq >= from {
                try ledger.forEachRecord(in: from...head.seq) { record in
                    Format.exportLine(canonical: record.canonical, hash: Hash.hex(record.hash), prevHash: Hash.hex(record.prevHash), into: &buffer)
                    written += 1
                    if buffer.count >= Export.flushBytes {
                        try handle.write(contentsOf: buffer)
                        buffer.removeAll(keepingCapacity: true)
                        Terminal.progress("exporting", done: written, total: head.seq - from + 1)
                    }
                    return true
                }
            }
            try handle.write(contentsOf: buffer)
            if out != nil { try handle.close() }
            Terminal.clearProgress()
            if follow { try followNewEvents(ledger, after: max(head.seq, from - 1), handle: handle) }
            if let out {
                Terminal.write(Msg.commands.exported(["count": .number(written), "from": .number(from), "to": .number(head.seq), "path": .plain(out),
                                                      "hash": .plain(head.hash.hex)]).local + "\n")
            }
        }
    }

    /// Writes every event committed after `after`, as it comes, polling a read snapshot every
    /// `--poll-milliseconds`; each batch is flushed at once, so a pipe reader sees it. Runs until interrupted.
    private func followNewEvents(_ ledger: Ledger, after: UInt64, handle: FileHandle) throws -> Never {
        var next = after + 1
        var buffer: [UInt8] = []
        while true {
            let head = try ledger.head()
            if head.seq >= next {
                let end = min(head.seq, next + UInt64(Limits.readEventsMax) - 1)
                try ledger.forEachRecord(in: next...end) { record in
                    Format.exportLine(canonical: record.canonical, hash: Hash.hex(record.hash), prevHash: Hash.hex(record.prevHash), into: &buffer)
                    next = record.seq + 1
                    return true
                }
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
                continue
            }
            usleep(useconds_t(pollMilliseconds * 1_000))
        }
    }
}
