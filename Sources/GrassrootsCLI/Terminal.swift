import Foundation

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
        let text = total.map { "\(label): \(done) of \($0) (\($0 == 0 ? 100 : done * 100 / $0)%)" } ?? "\(label): \(done)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    static func clearProgress() {
        guard progressShown else { return }
        progressShown = false
        lastProgress = 0
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Left-aligned columns separated by two spaces; widths count characters.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
