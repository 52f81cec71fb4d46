import Foundation
import Messages

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

    /// Columns a string takes on a terminal: East Asian wide and fullwidth characters (Chinese names,
    /// 称职...) take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return width
            default:
                return width + 1
            }
        }
    }

    /// Left-aligned columns separated by two spaces; widths count terminal columns.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(displayWidth)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(cell))
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
