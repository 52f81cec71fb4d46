#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON value as the ledger accepts it.
///
/// Deliberately narrower than RFC 8259: numbers are integers that fit in 64 bits (money is integer fen and
/// rules never use floating point), and object keys are unique. That is what makes the canonical form
/// (see `Schemas/CANONICAL.md`) reproducible by any JSON library: `json.dumps(v, sort_keys=True,
/// separators=(",", ":"), ensure_ascii=False)` in Python yields the same bytes.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object whose members are kept sorted by the UTF-8 bytes of their keys, each key once.
///
/// Keys are compared by their bytes, not by Swift's `String` equality (which treats canonically equivalent
/// Unicode sequences as equal): two keys that differ in bytes are two keys, as they are for every other
/// JSON implementation and for the hash.
public struct JSONObject: Sendable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init() { members = [] }

    /// Builds an object from members; a key given twice is a precondition failure (use `setting` to replace).
    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            let inserted = insert(key, value)
            precondition(inserted, "duplicate key \(key) in JSONObject literal")
        }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value under `key` (compared by UTF-8 bytes).
    public subscript(key: String) -> JSONValue? {
        switch search(key) {
        case .found(let index): return members[index].value
        case .insertAt: return nil
        }
    }

    /// Inserts a new member; returns false (and changes nothing) when the key is already present.
    @discardableResult
    public mutating func insert(_ key: String, _ value: JSONValue) -> Bool {
        switch search(key) {
        case .found: return false
        case .insertAt(let index):
            members.insert((key, value), at: index)
            return true
        }
    }

    /// Sets `key` to `value`, replacing any existing member.
    public mutating func set(_ key: String, _ value: JSONValue) {
        switch search(key) {
        case .found(let index): members[index].value = value
        case .insertAt(let index): members.insert((key, value), at: index)
        }
    }

    /// Removes `key`; returns its value if it was present.
    @discardableResult
    public mutating func remove(_ key: String) -> JSONValue? {
        switch search(key) {
        case .found(let index): return members.remove(at: index).value
        case .insertAt: return nil
        }
    }

    /// Appends a member whose key sorts after every key present (the parser's fast path when input is
    /// already sorted). Returns false when the key does not sort strictly last.
    mutating func appendIfLast(_ key: String, _ value: JSONValue) -> Bool {
        if let last = members.last, !JSONObject.less(last.key, key) { return false }
        members.append((key, value))
        return true
    }

    private enum Position { case found(Int), insertAt(Int) }

    private func search(_ key: String) -> Position {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            let order = JSONObject.compare(members[mid].key, key)
            if order < 0 {
                low = mid + 1
            } else if order > 0 {
                high = mid
            } else {
                return .found(mid)
            }
        }
        return .insertAt(low)
    }

    /// Order of keys: lexicographic by UTF-8 bytes (equivalently, by Unicode code points). A memcmp over
    /// contiguous UTF-8 (the generic sequence comparison was a tenth of a rebuild's time).
    public static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Three-way `less`: negative, zero or positive.
    static func compare(_ a: String, _ b: String) -> Int {
        var left = a
        var right = b
        return left.withUTF8 { x in
            right.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let xBase = x.baseAddress, let yBase = y.baseAddress {
                    let order = memcmp(xBase, yBase, common)
                    if order != 0 { return Int(order) }
                }
                return x.count - y.count
            }
        }
    }
}

extension JSONValue: Equatable {
    /// Structural equality; strings compare by their UTF-8 bytes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (l, r) in zip(lhs.members, rhs.members) where !(l.key.utf8.elementsEqual(r.key.utf8) && l.value == r.value) {
            return false
        }
        return true
    }
}

extension JSONValue {
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var integerValue: Int64? { if case .integer(let i) = self { i } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// The JSON type's name, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
