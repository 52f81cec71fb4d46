import Foundation
import Testing
import TestSupport

/// The README's examples, run as a reader would paste them.
@Suite("README examples run verbatim")
struct ReadmeTests {
    /// The shell block that follows `marker` in README.md.
    static func block(after marker: String) throws -> String {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let parts = readme.components(separatedBy: marker)
        try #require(parts.count == 2, "README.md has one \(marker)")
        let after = parts[1].components(separatedBy: "```sh\n")
        try #require(after.count > 1)
        return try #require(after[1].components(separatedBy: "\n```").first)
    }

    @Test func theShortHistoryToPasteRecordsAnElection() throws {
        let script = try Self.block(after: "A short history to paste")
        let dir = try TemporaryDirectory()
        let binaryDirectory = URL(fileURLWithPath: grassrootsBinary).deletingLastPathComponent().path
        // In an empty directory, with `grassroots` on the PATH and no ledger named: ./grassroots.ledger.
        let output = try run("/bin/sh", ["-c", "cd \"$0\" && set -e\n" + script, dir.path],
                             environment: ["PATH": binaryDirectory + ":/usr/bin:/bin", "GRASSROOTS_LEDGER": ""])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("leader.installed"), "\(output.stdout)")
        #expect(output.stdout.contains("appended 6 event"), "\(output.stdout)")
        #expect(try grassroots("check", "--ledger", dir.path + "/grassroots.ledger").status == 0)
    }

    @Test func aClerksMonthIsRecordedWithoutJSON() throws {
        let script = try Self.block(after: "A short history to paste") + "\n" + Self.block(after: "A clerk's month, recorded without JSON")
        let dir = try TemporaryDirectory()
        let binaryDirectory = URL(fileURLWithPath: grassrootsBinary).deletingLastPathComponent().path
        let output = try run("/bin/sh", ["-c", "cd \"$0\" && set -e\n" + script, dir.path],
                             environment: ["PATH": binaryDirectory + ":/usr/bin:/bin", "GRASSROOTS_LEDGER": ""])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("already recorded as event 11"), "\(output.stdout)")
        #expect(output.stdout.contains("amount: 7,650.50 yuan → 7,605.50 yuan"), "\(output.stdout)")
        #expect(output.stdout.contains("approval:lh-03-2023-04-10"), "\(output.stdout)")
        #expect(try grassroots("check", "--ledger", dir.path + "/grassroots.ledger").status == 0)
    }

    @Test func completionsAndTheManualNameEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try grassroots("--generate-completion-script", shell)
            #expect(script.status == 0 && script.stdout.contains("backup") && script.stdout.contains("find"), "\(shell)")
        }
        let manual = try String(contentsOfFile: repositoryRoot + "/docs/man/grassroots.1", encoding: .utf8)
        for command in ["roster", "audit", "find", "backup", "units", "groups", "record", "correct"] {
            #expect(manual.contains(command), "docs/man/grassroots.1 lacks \(command): run tools/man.sh")
        }
    }
}
