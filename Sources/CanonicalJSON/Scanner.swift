/// A fast walk over the top-level members of a JSON object, without building values.
///
/// Used where only a few members of a large object are needed (verification reads every stored event).
/// Malformed input is reported as an error, never trusted: the scanner checks string termination and
/// bracket balance as it skips.
public enum JSONScanner {
    public struct Member {
        /// The key's raw bytes between the quotes (escapes not decoded).
        public let key: UnsafeRawBufferPointer
        /// The value's bytes, exactly as they stand.
        public let value: UnsafeRawBufferPointer
    }

    /// Calls `body` with each top-level member of the object in `bytes`, in order.
    public static func forEachMember(
        of bytes: UnsafeRawBufferPointer, _ body: (Member) throws -> Void
    ) throws {
        var index = 0
        func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else {
            throw fail("not a JSON object")
        }
        index = 1
        if bytes.count == 2 { return }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let keyStart = index + 1
            index = try skipString(bytes, from: index)
            let key = UnsafeRawBufferPointer(rebasing: bytes[keyStart..<(index - 1)])
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            let valueStart = index
            index = try skipValue(bytes, from: index)
            try body(Member(key: key, value: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<index])))
            guard index < bytes.count else { throw fail("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}"), index == bytes.count - 1 else { throw fail("expected ',' or the end of the object") }
            return
        }
    }

    /// Returns the index just past the string starting at `from` (which must be a quote).
    static func skipString(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(JSONParseError) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw JSONParseError(offset: start, reason: "unterminated string")
    }

    /// Returns the index just past the value starting at `from` (compact JSON: no whitespace expected).
    static func skipValue(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(JSONParseError) -> Int {
        guard start < bytes.count else { throw JSONParseError(offset: start, reason: "expected a value") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(bytes, from: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            throw JSONParseError(offset: start, reason: "unterminated container")
        default:
            var index = start
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}"),
                  bytes[index] != UInt8(ascii: "]") {
                index += 1
            }
            guard index > start else { throw JSONParseError(offset: start, reason: "expected a value") }
            return index
        }
    }

    /// True when `key` (raw bytes) equals `name`.
    @inline(__always)
    public static func key(_ key: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        return memcmpEqual(key.baseAddress, name.utf8Start, key.count)
    }

    @inline(__always)
    private static func memcmpEqual(_ a: UnsafeRawPointer?, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard let a else { return count == 0 }
        for offset in 0..<count where a.load(fromByteOffset: offset, as: UInt8.self) != b[offset] { return false }
        return true
    }

    /// Parses an unsigned decimal integer value (as written in canonical JSON); nil when it is not one.
    public static func unsignedInteger(_ value: UnsafeRawBufferPointer) -> UInt64? {
        guard !value.isEmpty, value.count <= 20 else { return nil }
        if value.count > 1 && value[0] == UInt8(ascii: "0") { return nil }
        var result: UInt64 = 0
        for byte in value {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            result = sum
        }
        return result
    }
}
