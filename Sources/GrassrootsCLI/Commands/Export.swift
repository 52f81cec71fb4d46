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

    static let flushBytes = 1 << 20

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
            if let out {
                Terminal.write(Msg.commands.exported(["count": .number(written), "from": .number(from), "to": .number(head.seq), "path": .plain(out),
                                                      "hash": .plain(head.hash.hex)]).local + "\n")
            }
        }
    }

}
