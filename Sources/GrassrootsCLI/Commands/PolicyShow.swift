import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

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

    @Flag(help: "Print the resolved document as JSON (the same as --format json).")
    var json = false

    @Option(help: ArgumentHelp("text (the policy in words), json (the resolved document), or csv (one row per parameter, UTF-8 with a BOM, for Excel).",
                               valueName: "format"))
    var format: OutputFormat?

    var output: OutputFormat { json ? .json : format ?? .text }

    func validate() throws {
        if json, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
        let given = [policy, group, unit].compactMap { $0 }.count
        guard given == 1 else { throw ValidationError(Msg.usage.onePolicyTarget.local) }
        if policy == nil {
            guard date != nil else { throw ValidationError(Msg.usage.needsDate.local) }
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            let resolved: Policy
            do {
                let report = try PolicyShowReport.run({ try global.openLedger(for: .reading) }, policy: policy, group: group, unit: unit, date: date)
                guard let found = report.policy else {
                    if let day = date { Terminal.write(Msg.commands.noPolicyAdopted(["unit": .plain(unit ?? "?"), "date": .date(day.description)]).local + "\n") }
                    return
                }
                resolved = found
                if policy == nil, output == .text, let day = date {
                    Terminal.write(Msg.commands.policyInForce(["where": .plain(group ?? unit ?? ""), "date": .date(day.description)]).local + "\n")
                }
            } catch let error as PolicyError {
                throw CLIError.badInput(error.rendered(Reading.language))
            }
            switch output {
            case .json:
                Terminal.write(CanonicalJSON.string(.object(resolved.document)) + "\n")
                return
            case .csv:
                Terminal.write(try PolicyShow.table(resolved, showingInForce: policy == nil).csv(Reading.language))
                return
            case .text: break
            }
            Terminal.write(PolicyShow.text(resolved, showingInForce: policy == nil, Reading.language))
        }
    }

    /// One row per parameter (a section without a rule: one row saying so): the section, the parameter, its
    /// value in words, the section's source and the policy it comes from.
    static func table(_ resolved: Policy, showingInForce: Bool) -> Table {
        let m = Msg.commands, words = Msg.policyWords
        var table = Table([Column(m.policySection), Column(words.parameterColumn), Column(words.valueColumn), Column(m.policySourceColumn), Column(m.policyColumn)])
        let language = Reading.language
        for section in PolicyWords.sections(resolved) {
            let title = Cell.text(PolicyWords.title(section.name, language))
            let source = Cell.text(section.source.map { Citation.render($0, language) } ?? "")
            guard !section.lines.isEmpty else {
                table.add([title, .empty, .text((showingInForce ? m.policyNoRule : m.policyNotSet).template(language)), .empty, .empty])
                continue
            }
            for line in section.lines {
                table.add([title, .text(line.label.map { $0.template(language) } ?? line.member), .text(line.value.rendered(language)), source, .text(section.origin)])
            }
        }
        return table
    }

    /// The policy in words: its title and source, the groups it applies to, its lineage, then each section with
    /// its parameters, its source and the policy it comes from.
    static func text(_ resolved: Policy, showingInForce: Bool, _ language: Language) -> String {
        let m = Msg.commands
        // A title written in English (the built-ins') is left out of Chinese output: the source line names the document.
        let title = language == .en || !resolved.title.unicodeScalars.contains { ("A"..."Z").contains($0) || ("a"..."z").contains($0) } ? resolved.title : nil
        var text = resolved.id + (title.map { ": " + $0 } ?? "") + "\n"
        text += m.policySource(["source": .source(resolved.source)]).rendered(language) + "\n"
        text += m.policyAppliesTo(["kinds": .list(resolved.appliesTo.map { .plain(Msg.words.label(m.policyKinds, $0, language)) })]).rendered(language) + "\n"
        if resolved.lineage.count > 1 {
            text += (showingInForce ? m.policyOver : m.policyInherits)(["lineage": .plain(resolved.lineage.dropFirst().joined(separator: " → "))]).rendered(language) + "\n"
        }
        let words = Msg.policyWords
        for section in PolicyWords.sections(resolved) {
            text += "\n" + PolicyWords.title(section.name, language)
            guard !section.lines.isEmpty else {
                text += (language == .zh ? ":" : ": ") + (showingInForce ? m.policyNoRule : m.policyNotSet).template(language) + "\n"
                continue
            }
            text += "  " + words.fromPolicy(["policy": .plain(section.origin)]).rendered(language) + "\n"
            for line in section.lines { text += "  " + line.text.rendered(language) + "\n" }
            if let source = section.source { text += "  " + words.source(["source": .source(source)]).rendered(language) + "\n" }
        }
        if !resolved.unconfirmed.isEmpty {
            text += "\n" + m.policyUnconfirmed.template(language) + "\n"
            text += resolved.unconfirmed.map { "- \($0)\n" }.joined()
        }
        return text
    }
}
