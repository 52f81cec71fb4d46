import Messages

/// A document to be signed and filed (the departure audit report): a title, header fields, numbered sections
/// of paragraphs, fields, tables and lists, and a footer. One content, four forms: plain text, Markdown, and
/// a printable A4 HTML page (which headless Chromium prints to PDF).
public struct AuditDocument {
    struct Row {
        var cells: [String]
        /// Shown in bold (red in HTML): something the auditor must look at.
        var flagged = false
        /// A totals row.
        var total = false

        init(_ cells: [String], flagged: Bool = false, total: Bool = false) {
            self.cells = cells
            self.flagged = flagged
            self.total = total
        }
    }

    enum Block {
        case paragraph(String, flagged: Bool = false)
        case fields([(label: String, value: String)])
        /// A table; `numeric` columns are right-aligned in HTML.
        case table(caption: String?, header: [String], rows: [Row], numeric: Set<Int>)
        /// A list, numbered (1. 2. …) or not.
        case list([String], numbered: Bool)
        /// Lines to be filled in by hand (signatures, the stamp, the date), and a box for the stamp.
        case signatures([(label: String, blank: String)], stamp: String?)
    }

    struct Section {
        var title: String
        var blocks: [Block]
    }

    let language: Language
    var title: String
    var header: [(label: String, value: String)] = []
    var sections: [Section] = []
    var footer: [String] = []
    /// A short line for each printed page's foot (the report number).
    var pageFoot = ""

    init(language: Language, title: String) {
        self.language = language
        self.title = title
    }

    /// 一、 二、 … in Chinese; 1. 2. … in English.
    func heading(_ index: Int, _ title: String) -> String {
        let number = language == .zh ? Citation.chineseNumber(index + 1) : String(index + 1)
        return Msg.audit.sectionHeading(["number": .plain(number), "title": .plain(title)]).rendered(language)
    }

    var colon: String { language == .zh ? ":" : ": " }

    /// A label and its colon; nothing for a line without a label (a second line to write on).
    func labelled(_ label: String) -> String { label.isEmpty ? "" : label + colon }

    /// A line to sign on: the given blank, or underscores.
    static func filled(_ blank: String) -> String { blank.isEmpty ? String(repeating: "_", count: 30) : blank }

    // MARK: text

    public func text() -> String {
        var out = centered(title) + "\n\n"
        for field in header { out += field.label + colon + field.value + "\n" }
        for (index, section) in sections.enumerated() {
            out += "\n" + heading(index, section.title) + "\n"
            for block in section.blocks { out += textBlock(block) }
        }
        if !footer.isEmpty { out += "\n" + String(repeating: "-", count: 72) + "\n" + footer.joined(separator: "\n") + "\n" }
        return out
    }

    func centered(_ line: String) -> String {
        let pad = max(0, (72 - TextLayout.displayWidth(line)) / 2)
        return String(repeating: " ", count: pad) + line
    }

    func textBlock(_ block: Block) -> String {
        switch block {
        case .paragraph(let text, _):
            return text + "\n"
        case .fields(let fields):
            return fields.map { "  " + $0.label + colon + $0.value + "\n" }.joined()
        case .table(let caption, let header, let rows, _):
            let table = TextLayout.table(header, rows.map(\.cells))
            return (caption.map { $0 + "\n" } ?? "") + table.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.isEmpty }.map { "  " + $0 + "\n" }.joined()
        case .list(let items, let numbered):
            return items.enumerated().map { index, item in
                "  " + (numbered ? "\(index + 1). " : "- ") + item + "\n"
            }.joined()
        case .signatures(let lines, let stamp):
            return lines.map { "  " + labelled($0.label) + AuditDocument.filled($0.blank) + "\n\n" }.joined() + (stamp.map { "  " + $0 + colon + "\n\n\n" } ?? "")
        }
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# " + title + "\n\n"
        for field in header { out += "**" + markdownEscaped(field.label) + "**" + colon + markdownEscaped(field.value) + "  \n" }
        for (index, section) in sections.enumerated() {
            out += "\n## " + heading(index, section.title) + "\n\n"
            for block in section.blocks { out += markdownBlock(block) + "\n" }
        }
        if !footer.isEmpty { out += "\n---\n\n" + footer.map(markdownEscaped).joined(separator: "  \n") + "\n" }
        return out
    }

    func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]|<>".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    func markdownBlock(_ block: Block) -> String {
        switch block {
        case .paragraph(let text, let flagged):
            return (flagged ? "**" + markdownEscaped(text) + "**" : markdownEscaped(text)) + "\n"
        case .fields(let fields):
            return fields.map { "- **" + markdownEscaped($0.label) + "**" + colon + markdownEscaped($0.value) + "\n" }.joined()
        case .table(let caption, let header, let rows, let numeric):
            var out = caption.map { "**" + markdownEscaped($0) + "**\n\n" } ?? ""
            out += "| " + header.map(markdownEscaped).joined(separator: " | ") + " |\n"
            out += "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
            for row in rows {
                let cells = row.cells.map { cell in
                    let escaped = markdownEscaped(cell)
                    return (row.flagged || row.total) && !cell.isEmpty ? "**" + escaped + "**" : escaped
                }
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            return out
        case .list(let items, let numbered):
            return items.enumerated().map { index, item in (numbered ? "\(index + 1). " : "- ") + markdownEscaped(item) + "\n" }.joined()
        case .signatures(let lines, let stamp):
            return lines.map { markdownEscaped(labelled($0.label)) + markdownEscaped(AuditDocument.filled($0.blank)) + "  \n\n" }.joined()
                + (stamp.map { markdownEscaped($0) + colon + "\n" } ?? "")
        }
    }

    // MARK: HTML

    static let style = """
        @page { size: A4; margin: 18mm 16mm 20mm 16mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
               font-size: 10.5pt; line-height: 1.55; color: #000; margin: 0; }
        h1 { text-align: center; font-size: 20pt; letter-spacing: 0.15em; margin: 0 0 8mm 0; }
        h2 { font-size: 13pt; margin: 6mm 0 2mm 0; break-after: avoid; }
        p { margin: 1.5mm 0; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; font-size: 9pt; }
        caption { text-align: left; font-weight: bold; padding: 1mm 0; }
        th, td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
        th { background: #eee; font-weight: bold; }
        td.num { text-align: right; white-space: nowrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        tr.total td { font-weight: bold; }
        tr.flag td, p.flag, .flag { font-weight: bold; color: #a00000; }
        table.header { width: auto; font-size: 10.5pt; }
        table.header th, table.header td { border: none; background: none; padding: 0.5mm 3mm 0.5mm 0; }
        ul, ol { margin: 1mm 0 2mm 0; padding-left: 7mm; }
        .signatures { break-inside: avoid; margin-top: 4mm; }
        .signatures p { margin: 7mm 0; }
        .blank { display: inline-block; min-width: 60mm; border-bottom: 0.6pt solid #000; }
        .stamp { float: right; width: 42mm; height: 42mm; border: 0.6pt dashed #555; border-radius: 50%;
                 text-align: center; line-height: 42mm; color: #555; margin: 0 4mm 4mm 4mm; }
        footer { margin-top: 8mm; border-top: 0.6pt solid #000; padding-top: 2mm; font-size: 8.5pt; word-break: break-all; clear: both; }
        """

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>" + escaped(title) + "</title>\n<style>\n" + AuditDocument.style + "\n" + pageBoxes + "</style>\n</head>\n<body>\n"
        out += "<h1>" + escaped(title) + "</h1>\n<table class=\"header\">\n"
        for field in header { out += "<tr><th>" + escaped(field.label) + "</th><td>" + escaped(field.value) + "</td></tr>\n" }
        out += "</table>\n"
        for (index, section) in sections.enumerated() {
            out += "<section>\n<h2>" + escaped(heading(index, section.title)) + "</h2>\n"
            for block in section.blocks { out += htmlBlock(block) }
            out += "</section>\n"
        }
        if !footer.isEmpty { out += "<footer>\n" + footer.map { "<p>" + escaped($0) + "</p>\n" }.joined() + "</footer>\n" }
        return out + "</body>\n</html>\n"
    }

    /// Each printed page's foot: the report number on the left, the page and the page count on the right.
    var pageBoxes: String {
        guard !pageFoot.isEmpty else { return "" }
        let quoted = pageFoot.unicodeScalars.filter { $0 != "\"" && $0 != "\\" && $0 != "<" && $0.value >= 0x20 }.map(String.init).joined()
        return "@page { @bottom-left { content: \"" + quoted + "\"; font-size: 8pt; } @bottom-right { content: counter(page) \" / \" counter(pages); font-size: 8pt; } }\n"
    }

    func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    func htmlBlock(_ block: Block) -> String {
        switch block {
        case .paragraph(let text, let flagged):
            return (flagged ? "<p class=\"flag\">" : "<p>") + escaped(text) + "</p>\n"
        case .fields(let fields):
            return "<ul>\n" + fields.map { "<li><b>" + escaped($0.label) + "</b>" + colon + escaped($0.value) + "</li>\n" }.joined() + "</ul>\n"
        case .table(let caption, let header, let rows, let numeric):
            var out = "<table>\n" + (caption.map { "<caption>" + escaped($0) + "</caption>\n" } ?? "")
            out += "<thead><tr>" + header.map { "<th>" + escaped($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows {
                let classes = [row.flagged ? "flag" : nil, row.total ? "total" : nil].compactMap { $0 }
                out += (classes.isEmpty ? "<tr>" : "<tr class=\"" + classes.joined(separator: " ") + "\">")
                out += row.cells.enumerated().map { column, cell in
                    (numeric.contains(column) ? "<td class=\"num\">" : "<td>") + escaped(cell) + "</td>"
                }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        case .list(let items, let numbered):
            let tag = numbered ? "ol" : "ul"
            return "<\(tag)>\n" + items.map { "<li>" + escaped($0) + "</li>\n" }.joined() + "</\(tag)>\n"
        case .signatures(let lines, let stamp):
            var out = "<div class=\"signatures\">\n" + (stamp.map { "<div class=\"stamp\">" + escaped($0) + "</div>\n" } ?? "")
            for line in lines {
                out += "<p>" + escaped(labelled(line.label)) + (line.blank.isEmpty ? "<span class=\"blank\">&nbsp;</span>" : escaped(line.blank)) + "</p>\n"
            }
            return out + "</div>\n"
        }
    }
}
