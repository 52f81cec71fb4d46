import Foundation
import Messages
import Reports

/// Output helpers: stdout writes, a table printer, and progress on stderr only when it is a terminal.
enum Terminal {
    nonisolated(unsafe) private static var progressShown = false
    nonisolated(unsafe) private static var lastProgress: UInt64 = 0

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Shows "label: done of total" on stderr, at most every 1% (or every 10,000 without a total).
    /// Silent in a pipe or a file, so scripts see only results.
    static func progress(_ label: String, done: UInt64, total: UInt64?) {
        guard stderrIsTerminal else { return }
        let step = max((total ?? 0) / 100, 10_000)
        guard done == total || done &- lastProgress >= step || done < lastProgress else { return }
        lastProgress = done
        progressShown = true
        let word = Msg.commands.progress[label]?.local ?? label
        let text = total.map { total in
            Msg.commands.progressLine(["label": .plain(word), "done": .number(done), "total": .number(total),
                                       "percent": .number(total == 0 ? 100 : done * 100 / total)]).local
        } ?? "\(word): \(done)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// A note on stderr, `grassroots: note: …`, always (in a pipe too): it qualifies the answer on stdout.
    static func note(_ text: String) {
        clearProgress()
        FileHandle.standardError.write(Data((Msg.errors.note(["message": .plain(text)]).local + "\n").utf8))
    }

    static func clearProgress() {
        guard progressShown else { return }
        progressShown = false
        lastProgress = 0
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Columns a string takes on a terminal (`TextLayout`, shared with the reports).
    static func displayWidth(_ text: String) -> Int { TextLayout.displayWidth(text) }

    /// Left-aligned columns separated by two spaces; widths count terminal columns.
    static func table(_ header: [String], _ rows: [[String]]) -> String { TextLayout.table(header, rows) }
}
