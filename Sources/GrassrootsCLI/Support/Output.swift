import ArgumentParser
import CSV
import Foundation
import Messages

/// How a query's answer is printed: a table for people, JSON for programs, CSV for Excel.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv
}

/// The reader's language, chosen once a command's options are read; errors printed later use it too.
enum Reading {
    /// Before the options are read (or when they name no language that can be used): the environment's
    /// choice, else Chinese.
    static var fallbackLanguage: Language {
        switch Result(catching: { () throws(Language.Unknown) -> Language in
            try Language.resolve(flag: nil, environment: ProcessInfo.processInfo.environment)
        }) {
        case .success(let language): language
        case .failure: .zh
        }
    }

    nonisolated(unsafe) static var language: Language = fallbackLanguage
}

extension Text {
    /// In the reader's language.
    var local: String { rendered(Reading.language) }
}

extension Message {
    /// In the reader's language, without arguments.
    var local: String { template(Reading.language) }
}

/// A column of a printed table.
struct Column {
    enum Kind {
        /// Text as is.
        case text
        /// Money in fen: yuan in the cell (the title says 元), a plain number in CSV.
        case money
        /// An id with its name: "name (id)" in a table; in CSV two columns, the id and (titled `name`) the name.
        case entity(name: Message)
    }
    let title: Message
    let kind: Kind

    init(_ title: Message, _ kind: Kind = .text) {
        self.title = title
        self.kind = kind
    }
}

/// A cell of a printed table.
enum Cell {
    case text(String)
    case money(Int64)
    case entity(id: String, name: String?)
    case empty
}

/// A table to print as text or CSV.
struct Table {
    var columns: [Column]
    var rows: [[Cell]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [Cell]) {
        precondition(row.count == columns.count, "a row has one cell per column")
        rows.append(row)
    }

    /// Aligned columns for a terminal.
    func text(_ language: Language) -> String {
        Terminal.table(columns.map { $0.title.template(language) }, rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): text
                case .money(let fen): Money.amount(fen)
                case .entity(let id, let name): name.map { Msg.common.named(["name": .plain($0), "id": .plain(id)]).rendered(language) } ?? id
                case .empty: ""
                }
            }
        })
    }

    /// CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, a header row in the reader's language,
    /// one row per item; money as plain yuan numbers (1234.50); an entity as its id and its name. A text cell
    /// that a spreadsheet would take for a formula (=, +, @, a tab) is prefixed with an apostrophe.
    func csv(_ language: Language) throws -> String {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        var header: [String] = []
        for column in columns {
            header.append(column.title.template(language))
            if case .entity(let name) = column.kind { header.append(name.template(language)) }
        }
        try writer.write(row: header)
        for row in rows {
            var fields: [String] = []
            for (cell, column) in zip(row, columns) {
                switch cell {
                case .text(let text): fields.append(Table.defused(text))
                case .money(let fen): fields.append(Money.amount(fen).replacingOccurrences(of: ",", with: ""))
                case .entity(let id, _): fields.append(Table.defused(id))
                case .empty: fields.append("")
                }
                if case .entity = column.kind {
                    if case .entity(_, let name) = cell { fields.append(Table.defused(name ?? "")) } else { fields.append("") }
                }
            }
            try writer.write(row: fields)
        }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw CLIError.failure("the CSV writer kept no output")
        }
        return "\u{FEFF}" + String(decoding: data, as: UTF8.self) + "\r\n"
    }

    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// As text or CSV (JSON is each command's own).
    func render(_ format: OutputFormat, _ language: Language) throws -> String {
        format == .csv ? try csv(language) : text(language)
    }
}
