import ArgumentParser
import EventLog
import Governance

struct QueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What was true on this date (a real calendar date), as the ledger knows it now.", valueName: "YYYY-MM-DD"))
    var asOf: LocalDate?

    @Option(help: ArgumentHelp("As the ledger stood right after event N (what was known then).", valueName: "seq"))
    var atSeq: UInt64?

    @Flag(help: "Print as JSON.")
    var json = false

    func validate() throws {
        if let atSeq, atSeq == 0 { throw ValidationError("--at-seq counts from 1") }
    }

    /// A heading line saying which time the answer is for.
    var heading: String {
        var parts: [String] = []
        if let asOf { parts.append("as of \(asOf)") }
        if let atSeq { parts.append("as recorded up to event \(atSeq)") }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: ", ") + ")\n"
    }
}

/// Runs a governance query, turning a refusal into bad input.
func answer<Q: TableQuery>(_ ledger: Ledger, _ query: Q, _ options: QueryOptions) throws -> Q.Result {
    do {
        return try ledger.query(query, atSeq: options.atSeq)
    } catch let error as RuleViolation {
        throw CLIError.badInput(error.description)
    }
}

