import CSV
import EventLog
import Foundation
import Governance
import Messages

/// Acts as CSV rows (`grassroots template`, `grassroots import`): one column per flag of the act, headed in
/// Chinese with the flag beside it (`应到人数(eligible-adults)`); a list's items in one cell, separated by `;`.
enum ActCSV {
    /// The largest CSV file read, in bytes.
    static let fileBytesMax = 16 << 20
    /// Rows per import: one atomic batch.
    static let rowsMax = Limits.batchEventsMax

    /// A column: the act, the date, or a flag (by its name).
    enum Column: Equatable {
        /// The act, the date, a flag; the reason column of a rejects file (ignored on import).
        case act, date, flag(String), ignored
    }

    /// `小组(group)` for a field (or `act`, `date`).
    static func heading(_ key: String, flag: String) -> String {
        guard let word = Msg.record.column[key] else { return flag }
        return "\(word.zh)(\(flag))"
    }

    static func headings(_ form: ActForm) -> [String] {
        [heading("act", flag: "act"), heading("date", flag: "date")] + form.flags.map { heading($0.field.name, flag: $0.name) }
    }

    /// What a heading names: the flag in its parentheses, a flag or field name, or a column word of the catalog.
    static func column(_ heading: String) -> Column {
        var text = heading.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("(", ")"), ("（", "）")] where text.hasSuffix(close) {
            if let start = text.range(of: open, options: .backwards) {
                text = String(text[start.upperBound..<text.index(before: text.endIndex)])
                break
            }
        }
        switch text {
        case "act", "事项": return .act
        case "date", "日期": return .date
        case "rejected", "拒绝原因": return .ignored
        default: break
        }
        if let (key, _) = Msg.record.column.first(where: { $0.value.zh == text }) {
            switch key {
            case "act": return .act
            case "date": return .date
            case "rejected": return .ignored
            default: return .flag(key)
            }
        }
        return .flag(text)
    }

    /// Word or WeChat quotes used as CSV quotes (“a, b”) become straight ones where they open or close a field.
    static func straightenQuotes(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index == 0 ? "\n" : characters[index - 1]
            let after = index + 1 < characters.count ? characters[index + 1] : "\n"
            if (character == "“" || character == "„") && (before == "," || before == "\n" || before == "\r\n" || before == "\r") {
                out.append("\"")
            } else if character == "”" && (after == "," || after == "\n" || after == "\r\n" || after == "\r") {
                out.append("\"")
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A cell as typed: trimmed, and a pair of curly quotes around it removed.
    static func cell(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count >= 2, let first = text.first, let last = text.last, ["“", "‘", "\""].contains(first), ["”", "’", "\""].contains(last) {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// The rows of a CSV file: a byte-order mark dropped, curly quotes straightened; UTF-8 only.
    static func read(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let m = Msg.record
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > fileBytesMax {
                throw CLIError.said(m.csvTooLarge(["file": .plain(path), "max": .number(fileBytesMax)]), .badInput)
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.said(m.csvUnreadable(["file": .plain(path), "reason": .plain(error.localizedDescription)]), .badInput)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CLIError.said(m.csvUnreadable(["file": .plain(path), "reason": .plain("not UTF-8 text (in Excel: save as CSV UTF-8, 另存为“CSV UTF-8”)")]), .badInput)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = straightenQuotes(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw CLIError.said(m.csvMalformed(["file": .plain(path), "reason": .plain("\(error)")]), .badInput)
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            if row.allSatisfy({ cell($0).isEmpty }) { continue }
            rows.append(row)
            guard rows.count <= rowsMax + 1 else {
                throw CLIError.said(m.csvTooManyRows(["file": .plain(path), "max": .number(rowsMax)]), .badInput)
            }
        }
        if let error = reader.error {
            throw CLIError.said(m.csvMalformed(["file": .plain(path), "reason": .plain("\(error)")]), .badInput)
        }
        guard let header = rows.first else { throw CLIError.said(m.csvEmpty(["file": .plain(path)]), .badInput) }
        return (header, Array(rows.dropFirst()))
    }

    /// CSV for Excel (UTF-8 with a byte-order mark, CRLF), as the queries write it.
    static func write(_ rows: [[String]]) throws -> String {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row.map(Table.defused)) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw CLIError.failure("the CSV writer kept no output")
        }
        return "\u{FEFF}" + String(decoding: data, as: UTF8.self) + "\r\n"
    }
}

/// The ledger's answers, and what earlier rows of the same file register: a file's rows are checked in order,
/// as one batch will append them.
final class PendingActContext: ActContext {
    let ledger: LedgerActContext
    var ids: Set<String> = []
    var keys: [String: UInt64] = [:]

    init(_ ledger: Ledger) { self.ledger = LedgerActContext(ledger: ledger) }

    func resolve(_ text: String, as kind: Found.Kind) throws -> String { try ledger.resolve(text, as: kind) }
    func isRegistered(_ id: String) throws -> Bool { try ids.contains(id) || ledger.isRegistered(id) }
    func seq(ofIdempotencyKey key: String) throws -> UInt64? { try keys[key] ?? ledger.seq(ofIdempotencyKey: key) }
}
