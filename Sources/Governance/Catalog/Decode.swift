import CanonicalJSON
import EventLog

/// Typed extraction from a validated payload; a mismatch (impossible after validation) is a PayloadError,
/// never a crash.
enum Decode {
    static func required(_ object: JSONObject, _ name: String, _ path: String) throws(PayloadError) -> JSONValue {
        guard let value = object[name] else { throw PayloadError(path: path + "." + name, reason: "missing (required)") }
        return value
    }
    static func string(_ value: JSONValue, _ path: String) throws(PayloadError) -> String {
        guard case .string(let s) = value else { throw PayloadError(path: path, reason: "must be a string") }
        return s
    }
    static func date(_ value: JSONValue, _ path: String) throws(PayloadError) -> LocalDate {
        guard case .string(let s) = value, let date = LocalDate(iso: s) else { throw PayloadError(path: path, reason: "must be a date YYYY-MM-DD") }
        return date
    }
    static func integer(_ value: JSONValue, _ path: String) throws(PayloadError) -> Int64 {
        guard case .integer(let i) = value else { throw PayloadError(path: path, reason: "must be an integer") }
        return i
    }
    static func bool(_ value: JSONValue, _ path: String) throws(PayloadError) -> Bool {
        guard case .bool(let b) = value else { throw PayloadError(path: path, reason: "must be true or false") }
        return b
    }
    static func choice<T: RawRepresentable<String>>(_ value: JSONValue, _ path: String, as: T.Type) throws(PayloadError) -> T {
        guard case .string(let s) = value, let choice = T(rawValue: s) else {
            throw PayloadError(path: path, reason: "must be one of the values of \(T.self), got \(CanonicalJSON.string(value))")
        }
        return choice
    }
    static func month(_ value: JSONValue, _ path: String) throws(PayloadError) -> YearMonth {
        guard case .string(let s) = value, let month = YearMonth(iso: s) else { throw PayloadError(path: path, reason: "must be a month YYYY-MM") }
        return month
    }
    static func seq(_ value: JSONValue, _ path: String) throws(PayloadError) -> UInt64 {
        guard case .integer(let i) = value, i >= 1 else { throw PayloadError(path: path, reason: "must be an event's sequence number (>= 1)") }
        return UInt64(i)
    }
    static func object(_ value: JSONValue, _ path: String) throws(PayloadError) -> JSONObject {
        guard case .object(let o) = value else { throw PayloadError(path: path, reason: "must be an object") }
        return o
    }
    static func optional<T>(_ value: JSONValue?, _ decode: (JSONValue) throws(PayloadError) -> T) throws(PayloadError) -> T? {
        guard let value else { return nil }
        return try decode(value)
    }
    static func list<T>(_ value: JSONValue, _ path: String, _ element: (JSONValue, String) throws(PayloadError) -> T) throws(PayloadError) -> [T] {
        guard case .array(let items) = value else { throw PayloadError(path: path, reason: "must be a list") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { out.append(try element(item, "\(path)[\(index)]")) }
        return out
    }
}
