import ArgumentParser
import CanonicalJSON
import Governance

struct PolicyList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the known policies.")

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        let library = PolicyLibrary.builtIn
        let ids = library.documents.keys.sorted()
        if json {
            Terminal.write(CanonicalJSON.string(.array(ids.map { id in .object(library.documents[id] ?? JSONObject()) })) + "\n")
            return
        }
        let rows: [[String]] = ids.map { id in
            let document = library.documents[id] ?? JSONObject()
            return [id, (document["appliesTo"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ","),
                    document["extends"]?.stringValue ?? "-", document["source"]?.stringValue.map { String($0.prefix(40)) } ?? ""]
        }
        Terminal.write(Terminal.table(["POLICY", "GROUPS", "EXTENDS", "SOURCE"], rows))
    }
}
