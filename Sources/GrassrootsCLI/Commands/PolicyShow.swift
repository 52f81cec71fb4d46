import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages

struct PolicyShow: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a policy, or the policy in force for a group or unit on a date.",
        discussion: """
            --policy ID shows that policy. --group G or --unit U with --date D shows the policy in force there \
            on that date: the latest adoption (policy.adopted) at or before D by the unit or the nearest unit \
            above it; for a group with none, the statute floor for its kind. Each section names its source, \
            which every refusal under it cites.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The policy's id, e.g. policy:damao-2022.")
    var policy: String?

    @Option(help: "The group whose policy in force is wanted.")
    var group: String?

    @Option(help: "The unit whose policy in force is wanted.")
    var unit: String?

    @Option(help: ArgumentHelp("The date for --group or --unit.", valueName: "YYYY-MM-DD"))
    var date: LocalDate?

    @Flag(help: "Print the resolved document as JSON.")
    var json = false

    func validate() throws {
        let given = [policy, group, unit].compactMap { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --policy, --group, --unit") }
        if policy == nil {
            guard date != nil else { throw ValidationError("--group and --unit need --date YYYY-MM-DD") }
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            let resolved: Policy
            do {
                if let policy {
                    // A built-in needs no ledger; any other id is looked up among the ledger's policy.defined events.
                    if PolicyLibrary.builtIn.documents[policy] != nil {
                        resolved = try PolicyLibrary.builtIn.resolve(policy)
                    } else {
                        resolved = try GovernanceQueries.policy(try global.openLedger(for: .reading), id: policy)
                    }
                } else {
                    guard let day = date else { throw CLIError.badInput("--group and --unit need --date YYYY-MM-DD") }
                    let ledger = try global.openLedger(for: .reading)
                    guard let found = try GovernanceQueries.policyInForce(ledger, group: group, unit: unit, on: day) else {
                        Terminal.write(Msg.commands.noPolicyAdopted(["unit": .plain(unit ?? "?"), "date": .date(day.description)]).local + "\n")
                        return
                    }
                    resolved = found
                    if !json { Terminal.write(Msg.commands.policyInForce(["where": .plain(group ?? unit ?? ""), "date": .date(day.description)]).local + "\n") }
                }
            } catch let error as PolicyError {
                throw CLIError.badInput(error.rendered(Reading.language))
            }
            if json {
                Terminal.write(CanonicalJSON.string(.object(resolved.document)) + "\n")
                return
            }
            var text = "\(resolved.id): \(resolved.title)\n"
            let m = Msg.commands
            let language = Reading.language
            text += m.policySource(["source": .source(resolved.source)]).local + "\n"
            text += m.policyAppliesTo(["kinds": .list(resolved.appliesTo.map { .plain(Msg.words.label(m.policyKinds, $0, language)) })]).local + "\n"
            if resolved.lineage.count > 1 {
                text += (policy == nil ? m.policyOver : m.policyInherits)(["lineage": .plain(resolved.lineage.dropFirst().joined(separator: " → "))]).local + "\n"
            }
            var rows: [[String]] = []
            for section in PolicyDocument.sections {
                guard let object = resolved.document[section]?.objectValue else {
                    rows.append([section, (policy != nil ? m.policyNotSet : m.policyNoRule).local, "", ""])
                    continue
                }
                let parameters = object.members.filter { $0.key != "source" }.map { "\($0.key)=\(describe($0.value))" }
                rows.append([section, parameters.joined(separator: " "), (object["source"]?.stringValue).map { Citation.render($0, language) } ?? "", resolved.origin(section)])
            }
            text += "\n" + Terminal.table([m.policySection.local, m.policyParameters.local, m.policySourceColumn.local, m.policyColumn.local], rows)
            if !resolved.unconfirmed.isEmpty {
                text += "\n" + m.policyUnconfirmed.local + "\n"
                text += resolved.unconfirmed.map { "- \($0)\n" }.joined()
            }
            Terminal.write(text)
        }
    }

    private func describe(_ value: JSONValue) -> String {
        if let shares = value.arrayValue?.compactMap(\.objectValue), !shares.isEmpty, shares.allSatisfy({ $0["fundingSource"] != nil }) {
            return shares.map { share in
                "\(share["fundingSource"]?.stringValue ?? "?")_\(share["percent"]?.integerValue ?? 0)%" + (share["groupKind"]?.stringValue.map { "(\($0))" } ?? "")
            }.joined(separator: ",")
        }
        if let object = value.objectValue, let n = object["numerator"]?.integerValue, let d = object["denominator"]?.integerValue,
           let inclusive = object["inclusive"]?.boolValue, d > 0, n >= 0, n <= d {
            let of = object["of"]?.stringValue.map { "_of_\($0)" } ?? ""
            return Threshold(n, d, inclusive: inclusive).description.replacingOccurrences(of: " ", with: "_") + of
        }
        return CanonicalJSON.string(value)
    }
}
