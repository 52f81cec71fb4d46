import ArgumentParser
import EventLog
import Governance
import Messages

struct QueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What was true on this date (a real calendar date), as the ledger knows it now.", valueName: "YYYY-MM-DD"))
    var asOf: LocalDate?

    @Option(help: ArgumentHelp("As the ledger stood right after event N (what was known then).", valueName: "seq"))
    var atSeq: UInt64?

    @Flag(name: .customLong("json"), help: "Print as JSON (the same as --format json).")
    var jsonFlag = false

    @Option(help: ArgumentHelp("text (a table), json, or csv (UTF-8 with a BOM, for Excel).", valueName: "format"))
    var format: OutputFormat?

    func validate() throws {
        if let atSeq, atSeq == 0 { throw ValidationError(Msg.usage.atSeqFromOne.local) }
        if jsonFlag, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    var output: OutputFormat { jsonFlag ? .json : format ?? .text }
    var json: Bool { output == .json }

    /// Refuses a format the command does not print.
    func require(_ offered: [OutputFormat], command: String) throws {
        guard offered.contains(output) else {
            throw CLIError.said(Msg.errors.formatUnsupported([
                "format": .plain(output.rawValue), "command": .plain(command), "offered": .list(offered.map { .plain($0.rawValue) }),
            ]), .usage)
        }
    }

    /// A heading line saying which time the answer is for (none in CSV).
    var heading: String {
        guard output == .text else { return "" }
        var parts: [String] = []
        if let asOf { parts.append(Msg.common.asOf(["date": .date(asOf.description)]).local) }
        if let atSeq { parts.append(Msg.common.atSeq(["seq": .number(atSeq)]).local) }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: Reading.language == .zh ? ",": ", ") + ")\n"
    }
}

/// Runs a governance query as the ledger stood after `--at-seq` (now without it). A refusal (an unknown
/// group...) reaches `runReportingErrors`, which prints it in the reader's language as bad input.
func answer<Q: TableQuery>(_ ledger: Ledger, _ query: Q, _ options: QueryOptions) throws -> Q.Result {
    try ledger.query(query, atSeq: options.atSeq)
}

