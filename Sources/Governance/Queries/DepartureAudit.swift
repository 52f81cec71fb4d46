import CanonicalJSON
public import EventLog
/// The departure audit (离任经济责任审计: 村民委员会组织法 (2018) Art. 35; 000_19bdd15b88ce0110.txt 四(三)):
/// everything an auditor needs about one holder's tenure in one group.
public struct DepartureAudit: Sendable {
    public struct AssetLine: Sendable, Equatable {
        public let asset: String, description: String, registeredValueFen: Int64, status: String
        /// In the handover: nil when not listed; otherwise whether it was there and the value counted.
        public let handedOver: Bool?, countedValueFen: Int64?
        public var finding: String? {
            switch handedOver {
            case nil: return status == "disposed" ? nil : "MISSING from the handover record"
            case false?: return "MISSING: listed as not present at the handover"
            case true?:
                if let counted = countedValueFen, counted != registeredValueFen {
                    return "VALUE MISMATCH: counted \(counted) fen, registered \(registeredValueFen) fen"
                }
                return nil
            }
        }
    }

    public let person: String
    public let group: String
    public var tenures: [PersonReport.Tenure] = []
    public var start: String = ""
    /// nil: still in office (the audit runs to today's state).
    public var end: String?
    public var grades: [PersonReport.Grade] = []
    public var discipline: [PersonReport.Discipline] = []
    public var accruedFen: Int64 = 0
    public var deductedFen: Int64 = 0
    public var paidFen: Int64 = 0
    public var openingBalanceFen: Int64 = 0
    public var fundLines: [FundsReport.Line] = []
    public var closingBalanceFen: Int64 = 0
    public var assets: [AssetLine] = []
    /// The handover record, if any: its date, the cash and balance counted.
    public var handoverDate: String?
    public var handoverIncoming: String?
    public var handoverBalanceFen: Int64?
    public var audits: [String] = []

    public var unapprovedExpenses: [FundsReport.Line] { fundLines.filter { $0.kind == "expense" && $0.approval == nil } }
    /// The handover's balance minus the ledger's closing balance (negative: money short).
    public var fundGapFen: Int64? { handoverBalanceFen.map { $0 - closingBalanceFen } }
}

public struct DepartureAuditQuery: TableQuery {
    public let person: String
    public let group: String
    public init(person: String, group: String) {
        self.person = person
        self.group = group
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> DepartureAudit {
        let record = try PersonQuery(person: person, asOf: nil).run(tables)
        var audit = DepartureAudit(person: person, group: group)
        audit.tenures = record.tenures.filter { $0.group == group }
        guard let first = audit.tenures.first else {
            throw RuleViolation.noTenure(person: person, group: group)
        }
        audit.start = first.since
        audit.end = audit.tenures.contains { $0.until == nil } ? nil : audit.tenures.compactMap(\.until).max()
        let startYear = String(audit.start.prefix(4))
        let endDay = audit.end ?? "9999-12-31"
        audit.grades = record.grades.filter { $0.group == group && $0.year >= startYear && $0.year <= String(endDay.prefix(4)) }
        audit.discipline = record.discipline.filter { $0.date >= audit.start && $0.date <= endDay }
        for line in try tables.moneyLines(of: person) {
            switch line.kind {
            case .accrued where line.group == group: audit.accruedFen += line.amountFen
            case .deducted: audit.deductedFen += line.amountFen
            case .paid: audit.paidFen += line.amountFen
            case .reversed: audit.paidFen -= line.amountFen
            case .accrued, .bonus: break
            }
        }
        // The group fund across the tenure.
        let funds = try FundsQuery(group: group, asOf: nil).run(tables)
        for line in funds.lines {
            let signed = line.kind == "receipt" ? line.amountFen : -line.amountFen
            if line.date < audit.start {
                audit.openingBalanceFen += signed
            } else if line.date <= endDay {
                audit.fundLines.append(line)
            }
        }
        audit.closingBalanceFen = audit.openingBalanceFen + audit.fundLines.reduce(0) { $0 + ($1.kind == "receipt" ? $1.amountFen : -$1.amountFen) }
        // The handover this holder made (the latest).
        let handover = try tables.handovers(of: group).last { $0.outgoing == person }
        audit.handoverDate = handover?.date.description
        audit.handoverIncoming = handover?.incoming
        audit.handoverBalanceFen = handover?.balanceFen
        var items: [String: HandoverRecord.Item] = [:]
        for item in handover?.items ?? [] { items[item.asset] = item }
        // The group's assets registered by the end of the tenure, against the handover.
        for (id, asset) in try tables.assets(of: group) {
            let item = items[id]
            audit.assets.append(.init(asset: id, description: "", registeredValueFen: asset.valueFen,
                                      status: asset.status, handedOver: item?.present, countedValueFen: item?.valueFen))
        }
        for record in try tables.audits(of: group) where record.periodEnd.description >= audit.start {
            audit.audits.append("\(record.kind.rawValue) audit \(record.periodStart)–\(record.periodEnd) by \(record.auditor)")
        }
        return audit
    }
}
