import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Units: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "The registered units (county, town, village, community...) with their names, levels and parents.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "Only this unit and the units below it (its id or exact name).")
    var within: String?

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "units")
            let ledger = try global.openLedger(for: .reading)
            let report = try UnitsReport.run(ledger, within: within, atSeq: query.atSeq, language: Reading.language)
            let units = report.units
            let names = report.names
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            if units.isEmpty && query.output == .text {
                Terminal.write(Msg.queries.directory.noUnits.local + "\n")
                return
            }
            let words = Msg.queries.directory
            let language = Reading.language
            var table = Table([Column(words.unit), Column(words.name), Column(words.level), Column(words.parent, .entity(name: words.parentName))])
            for unit in units {
                table.add([.text(unit.id), .text(unit.name), .text(Msg.words.label(Msg.words.unitLevel, unit.level, language)),
                           unit.parent.map { .entity(id: $0, name: names[$0]) } ?? .empty])
            }
            Terminal.write(query.heading + (try table.render(query.output, language)))
        }
    }
}

struct Groups: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "The registered groups (村民小组, 居民小组), with their village or community, size and leader.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "Only the groups at or below this unit (its id or exact name).")
    var unit: String?

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "groups")
            let ledger = try global.openLedger(for: .reading)
            let report = try GroupsReport.run(ledger, unit: unit, asOf: query.asOf, atSeq: query.atSeq, language: Reading.language)
            let groups = report.groups
            let names = report.names
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let words = Msg.queries.directory
            if groups.isEmpty && query.output == .text {
                Terminal.write(words.noGroups.local + "\n")
                return
            }
            let language = Reading.language
            var table = Table([Column(words.group), Column(words.name), Column(words.kind), Column(words.inUnit, .entity(name: words.inUnitName)),
                               Column(words.households), Column(words.adults), Column(words.leader)])
            for group in groups {
                table.add([.text(group.id), .text(group.name), .text(Msg.words.label(Msg.words.groupKind, group.kind, language)),
                           .entity(id: group.unit, name: names[group.unit]), .text(group.households.map(String.init) ?? ""),
                           .text(group.adults.map(String.init) ?? ""), .text(group.leader ?? Msg.common.vacant.local)])
            }
            Terminal.write(query.heading + (try table.render(query.output, language)))
        }
    }
}

struct Find: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find units, groups, assets and persons by a part of their name or id.",
        discussion: """
            Exact matches of a whole name or id come first. Two things with one name are both listed, with \
            where each belongs, to choose from. Nothing found exits 2.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Argument(help: "A part of a name (第3组, 抽水机) or an id (dq-t3).")
    var text: String

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "find")
            let ledger = try global.openLedger(for: .reading)
            let report = try FindReport.run(ledger, text: text, atSeq: query.atSeq, language: Reading.language)
            let (matches, cut, names) = (report.matches, report.cut, report.names)
            let words = Msg.queries.directory
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let language = Reading.language
            var table = Table([Column(words.what), Column(words.id), Column(words.name), Column(words.within, .entity(name: words.withinName))])
            for found in matches {
                table.add([.text((Msg.queries.kind[found.kind.rawValue] ?? Msg.queries.thing).template(language)), .text(found.id),
                           .text(found.name), found.within.map { .entity(id: $0, name: names[$0]) } ?? .empty])
            }
            var text = try table.render(query.output, language)
            if query.output == .text {
                if cut { text += Msg.common.cutByLimit(["limit": .number(DirectoryLimits.matchesMax), "name": "DirectoryLimits.matchesMax"]).local + "\n" }
            }
            Terminal.write(text)
        }
    }
}
