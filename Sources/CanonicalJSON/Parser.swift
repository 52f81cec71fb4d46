/// Why some bytes are not acceptable JSON, and where (byte offset from the start of the input, 0-based).
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at byte \(offset + 1)" }
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}

/// Limits on what the parser accepts.
public struct JSONLimits: Sendable {
    /// Arrays and objects nested deeper than this are refused.
    public var depthMax: Int
    /// Input longer than this is refused before parsing.
    public var bytesMax: Int
    public init(depthMax: Int = 32, bytesMax: Int = 1 << 20) {
        self.depthMax = depthMax
        self.bytesMax = bytesMax
    }
}

/// A strict, byte-level JSON parser.
///
/// It accepts RFC 8259 JSON with these restrictions, each refused with a message and a byte offset:
/// numbers must be integers in the signed 64-bit range (no fraction, no exponent); an object key may
/// appear once; strings must be valid UTF-8 without unpaired surrogate escapes; nesting is bounded.
public struct JSONParser: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private let limits: JSONLimits
    private var depth = 0

    /// Parses exactly one JSON value (surrounded by optional whitespace) from `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = JSONLimits()) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= limits.bytesMax else {
            throw JSONParseError(offset: limits.bytesMax, reason: "input of \(bytes.count) bytes exceeds the limit of \(limits.bytesMax) bytes")
        }
        var parser = JSONParser(bytes: bytes, limits: limits)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    public static func parse(_ text: String, limits: JSONLimits = JSONLimits()) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    private init(bytes: UnsafeRawBufferPointer, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    private func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: StaticString, produce value: JSONValue) throws(JSONParseError) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard index + count <= bytes.count else { throw error("truncated literal, expected \(literal)") }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error("invalid literal, expected \(literal)")
        }
        index += count
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", produce: .bool(true))
        case UInt8(ascii: "f"): return try expect("false", produce: .bool(false))
        case UInt8(ascii: "n"): return try expect("null", produce: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > limits.depthMax { throw error("nesting deeper than \(limits.depthMax) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a string key")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after key \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            if !object.appendIfLast(key, value) && !object.insert(key, value) {
                throw error("duplicate key \"\(key)\"", at: keyOffset)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(object)
            default: throw error("unexpected \(describeCurrent()), expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw error("unexpected \(describeCurrent()), expected ',' or ']'")
            }
        }
    }

    private mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
            throw error("a '-' must be followed by digits", at: start)
        }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count,
           (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
            throw error("leading zeros are not allowed in numbers", at: start)
        }
        // Accumulate negatively so that Int64.min is representable.
        var value: Int64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let digit = Int64(bytes[index] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(digit)
            if o1 || o2 { throw error("integer out of the signed 64-bit range", at: start) }
            value = next
            index += 1
        }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw error("only integers are accepted (no fraction or exponent; amounts are integer fen)", at: start)
        }
        if negative { return value }
        guard value != Int64.min else { throw error("integer out of the signed 64-bit range", at: start) }
        return -value
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = index
        index += 1  // opening quote
        // Fast path: no escapes, ASCII or already-valid UTF-8 validated below.
        var scratch: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: quote) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])
                index += 1
                if scratch.isEmpty {
                    return try decodeUTF8(run, offset: runStart)
                }
                scratch.append(contentsOf: run)
                return try decodeUTF8Array(scratch, offset: quote)
            }
            if byte < 0x20 {
                throw error("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped in a string")
            }
            if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(into: &scratch)
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONParseError) {
        let start = index
        index += 1  // backslash
        guard index < bytes.count else { throw error("unterminated escape", at: start) }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired high surrogate \\u\(String(scalar, radix: 16))", at: start)
                }
                index += 2
                let low = try parseHex4(escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("high surrogate not followed by a low surrogate", at: start)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired low surrogate \\u\(String(scalar, radix: 16))", at: start)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid code point", at: start) }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(code)))'", at: start)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape", at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func decodeUTF8(_ run: UnsafeRawBufferPointer, offset: Int) throws(JSONParseError) -> String {
        // Fast path for ASCII.
        var ascii = true
        for byte in run where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: run, as: UTF8.self) }
        guard let string = String(validating: run, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: offset)
        }
        return string
    }

    private func decodeUTF8Array(_ bytes: [UInt8], offset: Int) throws(JSONParseError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: offset)
        }
        return string
    }
}
