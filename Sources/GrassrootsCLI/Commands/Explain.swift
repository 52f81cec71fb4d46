import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct ExplainCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Recomputes a decision's validity check by check: quorum, majority, eligibility, notices, a recall's petition.",
        discussion: """
            DECISION is vote:ID (the installations citing it; with none, its front-runner as group leader; \
            a vote on an expense or an asset: its approval) or the seq of a leader.installed, vote.tallied, \
            recall.voted, office.ended (recalled: the recall vote it rests on), expense.approved, \
            asset.transferred (v2), committee.installed (its notices) or confidence.voted (its outcome) event. Each check the rules engine \
            makes when the act is appended is shown with its numbers, threshold, result and source, under \
            the policy in force on the decision's date, as the ledger knows it now or, with --at-seq N, as \
            it stood right after event N (read from the stored versions; never a replay, never the writer \
            lock). An unknown vote, an event that is not a decision, or one not yet recorded at --at-seq: \
            exit 2.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("vote:ID, or the seq of a decision event.", valueName: "decision"))
    var decision: String

    /// `vote:ID` or a seq (from 1).
    var target: ExplainTarget? {
        if decision.hasPrefix("vote:") { return .vote(decision) }
        return UInt64(decision).flatMap { $0 > 0 ? .seq($0) : nil }
    }

    @Option(help: ArgumentHelp("As the ledger stood right after event N (what was known then).", valueName: "seq"))
    var atSeq: UInt64?

    @Flag(name: .customLong("json"), help: "Print as JSON (the same as --format json).")
    var jsonFlag = false

    @Option(help: ArgumentHelp("text, json, or csv (one row per check; UTF-8 with a BOM, for Excel).", valueName: "format"))
    var format: OutputFormat?

    func validate() throws {
        guard target != nil else { throw ValidationError(Msg.explain.badTarget(["given": .plain(decision)]).local) }
        if let atSeq, atSeq == 0 { throw ValidationError(Msg.usage.atSeqFromOne.local) }
        if jsonFlag, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    var output: OutputFormat { jsonFlag ? .json : format ?? .text }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            guard let target else { return }
            let report: ExplainReport
            do {
                report = try ExplainReport.run(ledger, target: target, atSeq: atSeq, language: Reading.language)
            } catch let failure as ExplainFailure {
                throw CLIError.said(failure.text, .badInput)
            }
            switch output {
            case .json:
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
            case .csv:
                Terminal.write(try ExplainCommand.table(report.explanations, names: report.names, Reading.language).csv(Reading.language))
            case .text:
                Terminal.write(report.text(Reading.language))
            }
        }
    }
}

// MARK: CSV

extension ExplainCommand {
    /// One row per check: the decision's event (or its vote), the check, its result, its numbers, its source.
    static func table(_ explanations: [Explanation], names: [String: String], _ language: Language) -> Table {
        let words = Msg.explain
        var table = Table([Column(words.columnDecision), Column(words.columnCheck), Column(words.columnResult), Column(words.columnFigures),
                           Column(words.columnSource)])
        for explanation in explanations {
            let decision = explanation.seq.map(String.init) ?? explanation.assessment.basis
            for check in explanation.assessment.checks {
                table.add([.text(decision), .text(ExplainReport.word(check.kind.rawValue, Msg.explain.label).rendered(language)),
                           .text(ExplainReport.mark(check).rendered(language)), .text(ExplainReport.figures(check, names: names).rendered(language)),
                           .text(check.source.rendered(language))])
            }
        }
        return table
    }
}
