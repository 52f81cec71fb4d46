import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance

struct DepartureAuditCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "departure",
        abstract: "The departure audit of one holder's tenure in one group (离任经济责任审计).",
        discussion: """
            Tenure and posts; grades and discipline; subsidies accrued, deducted and paid; the group fund's \
            opening balance, every receipt and expense in the tenure with its approval (unapproved ones \
            flagged) and the closing balance; the group's assets reconciled against the handover record \
            (missing, value mismatches, the balance handed over against the ledger's); audits done; and an \
            integrity line: the chain verified, with its head. Sources: 村民委员会组织法 (2018) Art. 35; \
            000_19bdd15b88ce0110.txt 四(三).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The holder who left (or is leaving).") var person: String
    @Option(help: "The group.") var group: String
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "Also write the report as Markdown to this file (refuses to overwrite).") var out: String?

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            let audit: DepartureAudit
            do {
                audit = try ledger.query(DepartureAuditQuery(person: person, group: group))
            } catch let error as RuleViolation {
                throw CLIError.badInput(error.description)
            }
            let integrity = try ledger.verify { done, total in Terminal.progress("verifying", done: done, total: total) }
            Terminal.clearProgress()
            let integrityLine = integrity.isIntact
                ? "chain verified up to seq \(integrity.head.seq), head hash \(integrity.head.hash.hex)"
                : "INTEGRITY FAILURE at seq \(integrity.firstBadSeq.map(String.init) ?? "?"): this report cannot be relied on"
            if json {
                Terminal.write(CanonicalJSON.string(.object(jsonReport(audit, integrity: integrity))) + "\n")
            } else {
                Terminal.write(markdown(audit, integrityLine: integrityLine))
            }
            if let out {
                guard !FileManager.default.fileExists(atPath: out) else { throw CLIError.badInput("\(out) already exists; refusing to overwrite it") }
                guard FileManager.default.createFile(atPath: out, contents: Data(markdown(audit, integrityLine: integrityLine).utf8)) else {
                    throw CLIError.failure("cannot write \(out)")
                }
            }
            if !integrity.isIntact { throw ExitCode(Exit.integrity.rawValue) }
        }
    }

    func markdown(_ a: DepartureAudit, integrityLine: String) -> String {
        var text = "# Departure audit: \(a.person), \(a.group)\n\n"
        text += "Tenure: \(a.start) to \(a.end ?? "today (still in office)")\n\n"
        text += "## Posts\n"
        for t in a.tenures { text += "- \(t.post) from \(t.since) to \(t.until ?? "—")\(t.reason.map { " (\($0))" } ?? "")\n" }
        text += "\n## Grades and discipline\n"
        text += a.grades.isEmpty ? "- no grades recorded\n" : a.grades.map { "- \($0.year): \($0.grade)\n" }.joined()
        text += a.discipline.isEmpty ? "- no discipline recorded\n" : a.discipline.map { "- \($0.date) \($0.kind): \($0.reason) (\($0.imposedBy))\n" }.joined()
        text += "\n## Subsidies\n- accrued \(yuan(a.accruedFen)), deducted \(yuan(a.deductedFen)), paid \(yuan(a.paidFen)), owed \(yuan(a.accruedFen - a.deductedFen - a.paidFen)) yuan\n"
        text += "\n## Group fund\n- opening balance on \(a.start): \(yuan(a.openingBalanceFen)) yuan\n"
        for line in a.fundLines {
            let approval = line.kind == "receipt" ? "" : line.approval.map { " (approval \($0))" } ?? " — **UNAPPROVED**"
            text += "- \(line.date) seq \(line.seq): \(line.kind) \(yuan(line.amountFen)) yuan, \(line.counterparty)\(approval)\n"
        }
        text += "- closing balance: \(yuan(a.closingBalanceFen)) yuan\n"
        if !a.unapprovedExpenses.isEmpty { text += "- **\(a.unapprovedExpenses.count) expense(s) without approval**\n" }
        text += "\n## Assets and handover\n"
        if let date = a.handoverDate {
            text += "- handover on \(date) to \(a.handoverIncoming ?? "?"); balance handed over \(yuan(a.handoverBalanceFen ?? 0)) yuan"
            if let gap = a.fundGapFen, gap != 0 { text += " — **FUND GAP: \(yuan(gap)) yuan against the ledger's \(yuan(a.closingBalanceFen))**" }
            text += "\n"
        } else {
            text += "- **no handover recorded**\n"
        }
        for asset in a.assets {
            text += "- \(asset.asset): registered \(yuan(asset.registeredValueFen)) yuan, \(asset.status)" + (asset.finding.map { " — **\($0)**" } ?? ", handed over") + "\n"
        }
        text += "\n## Audits\n" + (a.audits.isEmpty ? "- none recorded in the tenure\n" : a.audits.map { "- \($0)\n" }.joined())
        text += "\n## Integrity\n- \(integrityLine)\n"
        return text
    }

    func jsonReport(_ a: DepartureAudit, integrity: VerificationReport) -> JSONObject {
        var o = JSONObject()
        o.set("person", .string(a.person))
        o.set("group", .string(a.group))
        o.set("start", .string(a.start))
        o.set("end", a.end.map { .string($0) } ?? .null)
        o.set("grades", .array(a.grades.map { .object(["year": .string($0.year), "grade": .string($0.grade)]) }))
        o.set("discipline", .array(a.discipline.map { .object(["date": .string($0.date), "kind": .string($0.kind), "reason": .string($0.reason)]) }))
        o.set("subsidies", .object(["accruedFen": .integer(a.accruedFen), "deductedFen": .integer(a.deductedFen), "paidFen": .integer(a.paidFen)]))
        o.set("fund", .object(JSONObject([
            ("openingBalanceFen", .integer(a.openingBalanceFen)), ("closingBalanceFen", .integer(a.closingBalanceFen)),
            ("unapprovedExpenses", .array(a.unapprovedExpenses.map { .integer(Int64($0.seq)) })),
            ("lines", .array(a.fundLines.map { line in
                var l: JSONObject = ["seq": .integer(Int64(line.seq)), "date": .string(line.date), "kind": .string(line.kind), "amountFen": .integer(line.amountFen)]
                if let approval = line.approval { l.set("approval", .string(approval)) }
                return .object(l)
            })),
        ])))
        var handover = JSONObject()
        if let date = a.handoverDate { handover.set("date", .string(date)) }
        if let balance = a.handoverBalanceFen { handover.set("balanceFen", .integer(balance)) }
        if let gap = a.fundGapFen { handover.set("fundGapFen", .integer(gap)) }
        o.set("handover", .object(handover))
        o.set("assets", .array(a.assets.map { asset in
            var item: JSONObject = ["asset": .string(asset.asset), "registeredValueFen": .integer(asset.registeredValueFen), "status": .string(asset.status)]
            if let finding = asset.finding { item.set("finding", .string(finding)) }
            return .object(item)
        }))
        o.set("audits", .array(a.audits.map { .string($0) }))
        o.set("integrity", .object(JSONObject([("intact", .bool(integrity.isIntact)), ("headSeq", .integer(Int64(integrity.head.seq))),
                                               ("headHash", .string(integrity.head.hash.hex))])))
        return o
    }
}
