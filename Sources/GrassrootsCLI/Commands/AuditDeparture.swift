import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages
import Reports

/// The forms the departure audit report is printed in.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, md, html, pdf, json

    /// The form a file name asks for by its extension (report.pdf, report.html...), if any.
    init?(fileName: String) {
        switch fileName.split(separator: ".").last.map({ $0.lowercased() }) {
        case "pdf": self = .pdf
        case "html", "htm": self = .html
        case "md", "markdown": self = .md
        case "json": self = .json
        case "txt": self = .text
        default: return nil
        }
    }
}

struct DepartureAuditCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "departure",
        abstract: "The departure audit of one holder's tenure in one group (离任经济责任审计报告), to sign, stamp and file.",
        discussion: """
            A numbered report in the reader's language (Chinese by default): its basis (村民委员会组织法 (2018) \
            Art. 35 and the policies in force, cited); the tenure, grades and discipline; subsidies by year; the \
            group fund as a table with a running balance and each expense's approval (an expense without one is \
            flagged only where the policy in force on its date requires a meeting's approval); the assets at the \
            tenure's start and end, reconciled against the handover; the audits recorded and their findings; the \
            alerts open in the tenure; every entry of the tenure recorded after its end or after an audit \
            covering it, and every correction of one, with both times (Beijing time); a conclusion; lines for \
            the auditor's and witnesses' signatures and the stamp; and an integrity line (the hash chain \
            verified up to the event the report stands at, with that event's hash, and the latest signed checkpoint \
            or that there is none). The late entries are those the alerts flag (recorded after an audit, handover or \
            disclosure covering their date, or later than the policy allows), and those recorded after the \
            tenure's end; declared backfills (append --backfill) are listed with their reasons. \
            Forms: text, md (Markdown), html (a printable A4 page), pdf (that page printed by headless Chromium, \
            which tools/install-deps.sh installs with fonts-noto-cjk), json (fen and ids, for programs). \
            --at-seq N reproduces the report as the ledger stood right after event N: a filed report can be \
            printed again, identical, however many events were recorded since (the checkpoint line shows the latest \
            one held when printed). The SHA-256 of the json form without its checkpoint is printed on stderr and \
            in the document's footer; record it with audit.completed v2 (reportSha256) so that a filed paper \
            report can be matched to the ledger.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The holder who left (or is leaving): their id, or their exact name.") var person: String
    @Option(help: "The group (its id, or its exact name).") var group: String
    @Option(help: ArgumentHelp("text, md, html, pdf or json (default: from --out's extension, else text).", valueName: "format"))
    var format: AuditFormat?
    @Flag(help: "Print the report as JSON (the same as --format json).") var json = false
    @Option(help: ArgumentHelp("Write the report to this file instead of stdout (refuses to overwrite).", valueName: "file"))
    var out: String?
    @Option(help: ArgumentHelp("As the ledger stood right after event N (reproduces a report printed then).", valueName: "seq"))
    var atSeq: UInt64?

    func validate() throws {
        if let atSeq, atSeq == 0 { throw ValidationError(Msg.usage.atSeqFromOne.local) }
        if json, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    var chosenFormat: AuditFormat { json ? .json : format ?? out.flatMap(AuditFormat.init(fileName:)) ?? .text }

    func run() throws {
        try runReportingErrors(global) {
            let format = chosenFormat
            if let out, FileManager.default.fileExists(atPath: out) {
                throw CLIError.said(Msg.audit.outExists(["file": .plain(out)]), .badInput)
            }
            if format == .pdf && out == nil && isatty(STDOUT_FILENO) == 1 { throw CLIError.said(Msg.audit.pdfToTerminal(), .badInput) }
            let ledger = try global.openLedger(for: .reading)
            let report = try DepartureAuditReport.run(ledger, person: person, group: group, atSeq: atSeq, language: Reading.language) { done, total in
                Terminal.progress("verifying", done: done, total: total)
            }
            Terminal.clearProgress()
            let integrity = report.integrity
            let jsonText = report.jsonText
            let digest = DepartureAuditReport.sha256(report.contentText)
            let bytes: Data
            switch format {
            case .json: bytes = Data(jsonText.utf8)
            case .text: bytes = Data(report.document(Reading.language, digest: digest).text().utf8)
            case .md: bytes = Data(report.document(Reading.language, digest: digest).markdown().utf8)
            case .html: bytes = Data(report.document(Reading.language, digest: digest).html().utf8)
            case .pdf: bytes = try PDFRenderer.render(html: report.document(Reading.language, digest: digest).html())
            }
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: bytes) else {
                    throw CLIError.said(Msg.audit.cannotWrite(["file": .plain(out), "reason": .plain(String(cString: strerror(errno)))]), .failure)
                }
                Terminal.note(Msg.audit.wrote(["file": .plain(out), "format": .plain(format.rawValue), "sha256": .plain(digest)]).local)
            } else {
                FileHandle.standardOutput.write(bytes)
                Terminal.note(Msg.audit.digestNote(["sha256": .plain(digest)]).local)
            }
            if !integrity.isIntact { throw ExitCode(Exit.integrity.rawValue) }
        }
    }
}
