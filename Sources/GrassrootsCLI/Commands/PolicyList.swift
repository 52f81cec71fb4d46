import ArgumentParser
import CanonicalJSON
import Foundation
import Governance
import Messages
import Reports

struct PolicyList: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the known policies: the built-in ones, and those the ledger's policy.defined events recorded.",
        discussion: "Without a ledger (none at --ledger, $GRASSROOTS_LEDGER or ./grassroots.ledger), the built-in policies alone.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Print as JSON (the same as --format json).")
    var json = false

    @Option(help: ArgumentHelp("text (a table), json, or csv (UTF-8 with a BOM, for Excel).", valueName: "format"))
    var format: OutputFormat?

    func validate() throws {
        if json, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            let exists = FileManager.default.fileExists(atPath: global.ledgerPath + "/data.mdb")
            let documents = try PolicyListReport.run(exists ? try global.openLedger(for: .reading) : nil).documents
            try list(documents)
        }
    }

    private func list(_ documents: [String: JSONObject]) throws {
        let ids = documents.keys.sorted()
        let output = json ? .json : format ?? .text
        if output == .json {
            Terminal.write(CanonicalJSON.string(PolicyListReport(documents: documents).json) + "\n")
            return
        }
        let rows: [[String]] = ids.map { id in
            let document = documents[id] ?? JSONObject()
            let kinds = (document["appliesTo"]?.arrayValue ?? []).compactMap(\.stringValue).map { Msg.words.label(Msg.commands.policyKinds, $0, Reading.language) }
            return [id, kinds.joined(separator: Reading.language == .zh ? "、" : ", "),
                    document["extends"]?.stringValue ?? "-", document["source"]?.stringValue.map { Citation.render($0, Reading.language) } ?? "",
                    (PolicyLibrary.builtIn.documents[id] != nil ? Msg.commands.policyBuiltIn : Msg.commands.policyDefinedInLedger).local]
        }
        let m = Msg.commands
        var table = Table([Column(m.policyColumn), Column(m.policyListGroups), Column(m.policyListExtends), Column(m.policySourceColumn), Column(m.policyListWhere)])
        for row in rows { table.add(row.map { .text($0) }) }
        Terminal.write(try table.render(output, Reading.language))
    }
}
