import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages

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
            let within = try Lookup.resolve(ledger, self.within, as: .unit, atSeq: query.atSeq)
            let units = try answer(ledger, UnitsQuery(within: within), query)
            let names = Dictionary(units.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(units.map { unit in
                    var o: JSONObject = ["unit": .string(unit.id), "name": .string(unit.name), "level": .string(unit.level)]
                    if let parent = unit.parent { o.set("parent", .string(parent)) }
                    return .object(o)
                })) + "\n")
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
            let unit = try Lookup.resolve(ledger, self.unit, as: .unit, atSeq: query.atSeq)
            let groups = try answer(ledger, GroupsQuery(unit: unit, asOf: query.asOf), query)
            let names = try Lookup.names(ledger, groups.map(\.unit), atSeq: query.atSeq)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(groups.map { group in
                    var o: JSONObject = ["group": .string(group.id), "name": .string(group.name), "unit": .string(group.unit), "kind": .string(group.kind)]
                    if let name = names[group.unit] { o.set("unitName", .string(name)) }
                    if let households = group.households { o.set("households", .integer(households)) }
                    if let adults = group.adults { o.set("adults", .integer(adults)) }
                    if let leader = group.leader { o.set("leader", .string(leader)) }
                    return .object(o)
                })) + "\n")
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
            let (matches, cut) = try answer(ledger, FindQuery(text: text), query)
            let words = Msg.queries.directory
            guard !matches.isEmpty else {
                throw CLIError.said(words.nothingFound(["text": .plain(text)]), .badInput)
            }
            let names = try Lookup.names(ledger, matches.compactMap(\.within), atSeq: query.atSeq)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(matches.map { found in
                    var o: JSONObject = ["kind": .string(found.kind.rawValue), "id": .string(found.id)]
                    if !found.name.isEmpty { o.set("name", .string(found.name)) }
                    if let within = found.within { o.set("within", .string(within)) }
                    return .object(o)
                })) + "\n")
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
