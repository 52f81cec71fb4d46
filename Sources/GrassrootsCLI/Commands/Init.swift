import ArgumentParser
import EventLog
import Messages
import Foundation

struct Init: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new, empty ledger.",
        discussion: """
            Refuses (exit 5) when anything already exists at the path; an existing ledger is never touched.
            --test-clock makes a test-clock ledger, whose recorded times a release build takes from \
            $GRASSROOTS_RECORDED_AT when it is set; on any other ledger a release build ignores it (a debug \
            build, for the test suite, honours it everywhere). `stats` and `verify` say when a ledger is one.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Make a test-clock ledger: recorded times may be set by $GRASSROOTS_RECORDED_AT (for demos and tests).")
    var testClock = false

    func run() throws {
        try runReportingErrors(global) {
            var generator = SystemRandomNumberGenerator()
            var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[6] = bytes[6] & 0x0F | 0x40  // UUID version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
            let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            let id = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
            }.joined(separator: "-")
            let parent = Init.parentDirectory(of: global.ledgerPath)
            if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw CLIError.failure("cannot create the directory \(parent): \(error.localizedDescription)")
                }
            }
            var options = try global.ledgerOptions()
            options.testClock = testClock
            let ledger = try Ledger.create(at: global.ledgerPath, options: options, ledgerID: id)
            Terminal.write(Msg.commands.created(["id": .plain(id), "path": .plain(ledger.path)]).local + "\n")
            if testClock { Terminal.write("test clock: recorded times may be set by $GRASSROOTS_RECORDED_AT (stats and verify say so)\n") }
        }
    }

    /// The directory a path names its last component in ("" for a bare name such as `X`). Foundation's
    /// `NSString.deletingLastPathComponent` crashed on a one-character path (SIGILL), so this is plain
    /// string work: trailing slashes dropped, then everything before the last slash ("/" for "/x").
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
