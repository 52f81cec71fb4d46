public import EventLog

/// Whether an id of a thing an act registers (a meeting, vote, approval, asset, payment, petition, unit, group
/// or person) is registered: what `grassroots record` asks before it makes an id (`Acts.build`). An id of
/// another kind is never registered.
public struct RegisteredQuery: TableQuery {
    public let id: String
    public init(id: String) { self.id = id }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> Bool {
        guard let colon = id.firstIndex(of: ":") else { return false }
        switch id[..<colon] {
        case "meeting": return try tables.meeting(id) != nil
        case "vote": return try tables.vote(id) != nil
        case "approval": return try tables.approval(id) != nil
        case "asset": return try tables.asset(id) != nil
        case "payment": return try tables.payment(id) != nil
        case "petition": return try tables.petition(id) != nil
        case "unit": return try tables.unit(id) != nil
        case "group": return try tables.group(id) != nil
        case "person": return try tables.person(id) != nil
        default: return false
        }
    }
}
