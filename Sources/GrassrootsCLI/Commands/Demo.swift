import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages
import GrassrootsDemo

struct Demo: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a demo ledger of realistic histories and tour it.",
        discussion: """
            Generates (deterministically, from --seed) a Jiayuguan-like city of 135 resident groups and a \
            Deqing-like county of village groups over --years years: elections, grades, payroll and payments, \
            group funds with approvals, audits, a recall and a by-election, and a departure with an \
            incomplete handover. Appends it to a new ledger (default ./grassroots.ledger; refuses an existing \
            one), then shows a roster, alerts and a departure audit, and how to ask more.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The generator's seed.") var seed: UInt64 = 2026
    @Option(help: "Years of history (1 to 20), from 2022.") var years: Int = 4

    func validate() throws {
        guard (1...20).contains(years) else { throw ValidationError(Msg.usage.demoYears.local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            let path = global.ledgerPath
            var size = DemoGenerator.Size()
            size.years = years
            var generator = DemoGenerator(seed: seed, size: size)
            let requests = generator.generate()
            var id = "demo-\(seed)"
            id += "-\(years)y"
            var ledgerOptions = try global.ledgerOptions()
            // The demo's names are sealed with salts derived from its seed where a fixed clock is honoured
            // (a debug build, a test-clock ledger), so that its output is reproducible; random otherwise.
            ledgerOptions.requestedSaltSeed = ledgerOptions.requestedSaltSeed ?? id
            let ledger = try Ledger.create(at: path, options: ledgerOptions, ledgerID: id)
            var start = 0
            while start < requests.count {
                let end = min(start + Limits.batchEventsMax, requests.count)
                let drafts: [EventDraft]
                do {
                    drafts = try requests[start..<end].map { try GovernanceRequests.draft(from: .object($0), defaultActor: "demo") }
                } catch let failure as GovernanceRequests.Failure {
                    throw CLIError.failure("the demo generator produced an invalid request: \(failure)")
                }
                _ = try ledger.append(drafts)
                start = end
                Terminal.progress("building the demo", done: UInt64(start), total: UInt64(requests.count))
            }
            Terminal.clearProgress()
            let head = try ledger.head()
            let d = Msg.commands
            let language = Reading.language
            var text = d.demoBuilt(["path": .plain(path), "count": .number(head.seq), "head": .plain("\(head.seq):\(head.hash.hex)")]).local + "\n\n"
            let roster = try ledger.query(RosterQuery(unit: "unit:dq-t1", group: nil, asOf: nil))
            let names = try Lookup.names(ledger, roster.prefix(5).map(\.group) + roster.prefix(5).compactMap(\.person), atSeq: nil)
            text += d.demoRoster.local + "\n"
            let table = Roster.table(roster.prefix(5), names: names, language)
            text += table.text(language)
            let asOf = LocalDate(year: size.startYear + years, month: 1, day: 31) ?? LocalDate.today()
            let alerts = try ledger.query(AlertsQuery(unit: "unit:dq", asOf: asOf))
            text += "\n" + d.demoAlerts(["date": .date(asOf.description), "asOf": .plain(asOf.description), "count": .number(alerts.count)]).local + "\n"
            for kind in Set(alerts.map(\.kind)).sorted() {
                if let alert = alerts.first(where: { $0.kind == kind }) {
                    text += "- [\(alert.kindMessage.template(language))] \(alert.group): \(alert.detailText.rendered(language))\n"
                }
            }
            let audit = try ledger.query(DepartureAuditQuery(person: DemoGenerator.incompleteHandoverLeader, group: DemoGenerator.incompleteHandoverGroup))
            text += "\n" + d.demoAudit(["person": .plain(audit.person), "group": .plain(audit.group)]).local + "\n"
            text += "- " + d.demoTenure(["from": .date(audit.start), "to": audit.end.map { .date($0) } ?? .text(d.demoToday()),
                                         "opening": .fen(audit.openingBalanceFen), "closing": .fen(audit.closingBalanceFen)]).local + "\n"
            if let gap = audit.fundGapFen {
                text += "- " + d.demoGap(["handedOver": .fen(audit.handoverBalanceFen ?? 0), "gap": .fen(gap)]).local + "\n"
            }
            for asset in audit.assets { if let finding = asset.finding { text += "- \(asset.asset): \(finding)\n" } }
            text += "\n" + d.demoAskMore.local + "\n"
            text += """
                  grassroots roster --group group:jyg-xg-c01-g1 --as-of 2023-06-30
                  grassroots person \(DemoGenerator.incompleteHandoverLeader)
                  grassroots funds --group \(DemoGenerator.incompleteHandoverGroup)
                  grassroots trail --group group:dq-t1-v1-g1
                  grassroots policy show --group group:dq-t2-v1-g1 --date \(size.startYear + 1)-06-30
                  grassroots verify; grassroots check

                """
            Terminal.write(text)
        }
    }
}
