import ArgumentParser
import CanonicalJSON
import Foundation
import Governance
import Messages

struct PolicyList: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the known policies: the built-in ones, and those the ledger's policy.defined events recorded.",
        discussion: "Without a ledger (none at --ledger, $GRASSROOTS_LEDGER or ./grassroots.ledger), the built-in policies alone.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            var documents = PolicyLibrary.builtIn.documents
            if FileManager.default.fileExists(atPath: global.ledgerPath + "/data.mdb") {
                for document in try GovernanceQueries.definedPolicies(try global.openLedger(for: .reading)) {
                    if let id = document["id"]?.stringValue { documents[id] = document }
                }
            }
            list(documents)
        }
    }

    private func list(_ documents: [String: JSONObject]) {
        let ids = documents.keys.sorted()
        if json {
            Terminal.write(CanonicalJSON.string(.array(ids.map { id in .object(documents[id] ?? JSONObject()) })) + "\n")
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
        Terminal.write(Terminal.table([m.policyColumn.local, m.policyListGroups.local, m.policyListExtends.local, m.policySourceColumn.local,
                                       m.policyListWhere.local], rows))
    }
}
