import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "The policies the rules use: built-in statute floors and one per seed document.",
        subcommands: [PolicyList.self, PolicyShow.self])
}

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

struct PolicyShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a policy with its inherited sections filled in.",
        discussion: "Each section names its source, which every refusal under it cites.")

    @Option(help: "The policy's id, e.g. policy:damao-2022.")
    var policy: String

    @Flag(help: "Print the resolved document as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let resolved: Policy
            do {
                resolved = try PolicyLibrary.builtIn.resolve(policy)
            } catch let error as PolicyError {
                throw CLIError.badInput(error.description)
            }
            if json {
                Terminal.write(CanonicalJSON.string(.object(resolved.document)) + "\n")
                return
            }
            var text = "\(resolved.id): \(resolved.title)\n"
            text += "source: \(resolved.source)\n"
            text += "applies to: \(resolved.appliesTo.joined(separator: ", ")) groups\n"
            if resolved.lineage.count > 1 { text += "inherits from: \(resolved.lineage.dropFirst().joined(separator: " → "))\n" }
            var rows: [[String]] = []
            for section in PolicyDocument.sections {
                guard let object = resolved.document[section]?.objectValue else {
                    rows.append([section, "(no rule)", ""])
                    continue
                }
                let parameters = object.members.filter { $0.key != "source" }.map { "\($0.key)=\(describe($0.value))" }
                rows.append([section, parameters.joined(separator: " "), object["source"]?.stringValue ?? ""])
            }
            text += "\n" + Terminal.table(["SECTION", "PARAMETERS", "SOURCE"], rows)
            Terminal.write(text)
        }
    }

    private func describe(_ value: JSONValue) -> String {
        if let object = value.objectValue, let n = object["numerator"]?.integerValue, let d = object["denominator"]?.integerValue,
           let inclusive = object["inclusive"]?.boolValue {
            return Threshold(n, d, inclusive: inclusive).description.replacingOccurrences(of: " ", with: "_")
        }
        return CanonicalJSON.string(value)
    }
}
