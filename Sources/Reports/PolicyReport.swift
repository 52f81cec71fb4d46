public import CanonicalJSON
public import EventLog
public import Governance
import Messages

/// `grassroots policy list` and `GET /api/policy`: the built-in policies and those the ledger's policy.defined
/// events recorded, by id.
public struct PolicyListReport: Sendable {
    public let documents: [String: JSONObject]

    public init(documents: [String: JSONObject]) { self.documents = documents }

    /// The built-ins, and the ledger's definitions over them (none without a ledger).
    public static func run(_ ledger: Ledger?) throws -> PolicyListReport {
        var documents = PolicyLibrary.builtIn.documents
        if let ledger {
            for document in try GovernanceQueries.definedPolicies(ledger) {
                if let id = document["id"]?.stringValue { documents[id] = document }
            }
        }
        return PolicyListReport(documents: documents)
    }

    public var ids: [String] { documents.keys.sorted() }

    /// The `--json` answer: the documents in id order.
    public var json: JSONValue { .array(ids.map { id in .object(documents[id] ?? JSONObject()) }) }
}

/// `grassroots policy show` and `GET /api/policy/show`: a policy by id, or the one in force for a group or unit on
/// a date.
public struct PolicyShowReport {
    /// Nil: the unit adopted no policy by the date (`noPolicyAdopted`).
    public let policy: Policy?

    /// `policy` (an id: a built-in needs no ledger), or the policy in force for `group` or `unit` on `date`. A
    /// policy that is unknown or does not resolve is a `PolicyError`; an unknown unit a `RuleViolation`.
    public static func run(_ ledger: () throws -> Ledger, policy: String?, group: String?, unit: String?, date: LocalDate?) throws -> PolicyShowReport {
        if let policy {
            if PolicyLibrary.builtIn.documents[policy] != nil { return PolicyShowReport(policy: try PolicyLibrary.builtIn.resolve(policy)) }
            return PolicyShowReport(policy: try GovernanceQueries.policy(try ledger(), id: policy))
        }
        guard let date else { preconditionFailure("policy show for a group or unit is given a date (checked by the caller)") }
        return PolicyShowReport(policy: try GovernanceQueries.policyInForce(try ledger(), group: group, unit: unit, on: date))
    }

    /// The `--json` answer: the resolved document (null when none is adopted).
    public var json: JSONValue { policy.map { .object($0.document) } ?? .null }
}

/// `grassroots stats` and `GET /api/stats`: counts, size on disk and the head.
public enum StatsReport {
    /// The `--json` answer.
    public static func json(_ stats: LedgerStats) -> JSONValue {
        var object = JSONObject()
        object.set("ledgerId", .string(stats.ledgerID))
        object.set("createdAt", .string(stats.createdAt))
        object.set("formatVersion", .integer(Int64(stats.formatVersion)))
        object.set("events", .integer(Int64(stats.events)))
        object.set("headSeq", .integer(Int64(stats.head.seq)))
        object.set("headHash", .string(stats.head.hash.hex))
        object.set("streams", .integer(Int64(stats.streams)))
        object.set("subjects", .integer(Int64(stats.subjects)))
        object.set("countsTruncated", .bool(stats.countsTruncated))
        object.set("idempotencyKeys", .integer(Int64(stats.idempotencyKeys)))
        object.set("firstRecordedAt", stats.firstRecordedAt.map { .string($0.description) } ?? .null)
        object.set("lastRecordedAt", stats.lastRecordedAt.map { .string($0.description) } ?? .null)
        object.set("fileBytes", .integer(Int64(stats.fileBytes)))
        object.set("usedBytes", .integer(Int64(stats.usedBytes)))
        object.set("mapSizeBytes", .integer(Int64(stats.mapSizeBytes)))
        object.set("testClock", .bool(stats.testClock))
        object.set("checkpoint", stats.latestCheckpoint.map { .string($0) } ?? .null)
        return .object(object)
    }
}
