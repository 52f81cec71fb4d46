public import CanonicalJSON
import EventLog

/// Why a payload does not fit its type: the field's path and what is wrong.
public struct PayloadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// e.g. `data.candidates[2].votes`
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Checks a payload against its type's fields: every required field present, no field the type does not
/// declare, every value of its kind. The same rules the generated JSON Schemas state.
public enum PayloadValidator {
    public static func validate(_ data: JSONObject, against spec: EventTypeSpec, form: PayloadForm = .request) throws(PayloadError) {
        try validate(object: data, fields: spec.fields, path: "data", form: form)
    }

    static func validate(object: JSONObject, fields: [FieldSpec], path: String, form: PayloadForm = .request) throws(PayloadError) {
        for key in object.keys where !fields.contains(where: { $0.name == key }) {
            let allowed = fields.map(\.name).joined(separator: ", ")
            throw PayloadError(path: "\(path).\(key)", reason: "unknown field; this type has: \(allowed)")
        }
        for field in fields {
            guard let value = object[field.name] else {
                if field.required { throw PayloadError(path: "\(path).\(field.name)", reason: "missing (required): \(field.description)") }
                continue
            }
            // The path is built only when something is wrong: every field of every append passes here.
            try validate(value, kind: field.kind, path: path + "." + field.name, form: form)
        }
    }

    static func validate(_ value: JSONValue, kind: FieldKind, path: @autoclosure () -> String, form: PayloadForm = .request) throws(PayloadError) {
        func fail(_ reason: String) -> PayloadError { PayloadError(path: path(), reason: reason) }
        switch kind {
        case .text(let maxBytes):
            guard case .string(let s) = value else { throw fail("must be a string, got \(value.kindName)") }
            guard !s.isEmpty, s.utf8.count <= maxBytes else { throw fail("must be 1 to \(maxBytes) bytes of text, got \(s.utf8.count)") }
        case .id(let prefix):
            guard case .string(let s) = value else { throw fail("must be an id string like \(prefix)…, got \(value.kindName)") }
            guard isID(s, prefix: prefix) else {
                throw fail("\"\(s)\" is not an id of the form \(prefix)NAME (1 to 200 bytes, no spaces or control characters)")
            }
            if let number = idCardNumber(in: s) {
                throw fail("\"\(s)\" holds \(number.prefix(6))…, shaped like a resident ID-card number (居民身份证号码, GB 11643: 17 digits and a check character): ids stay in the hash chain for ever and cannot be erased, so they must be opaque (个人信息保护法 第二十八条, 第四十七条); use a number of your own, such as person:p-0001")
            }
        case .date:
            guard case .string(let s) = value, LocalDate(iso: s) != nil else { throw fail("must be a calendar date YYYY-MM-DD, got \(CanonicalJSON.string(value))") }
        case .month:
            guard case .string(let s) = value, isMonth(s) else { throw fail("must be a month YYYY-MM, got \(CanonicalJSON.string(value))") }
        case .year:
            guard case .integer(let i) = value, LocalDate.yearRange.contains(Int(i)) else {
                throw fail("must be a year from \(LocalDate.yearRange.lowerBound) to \(LocalDate.yearRange.upperBound), got \(CanonicalJSON.string(value))")
            }
        case .count:
            guard case .integer(let i) = value, i >= 0 else { throw fail("must be a whole number >= 0, got \(CanonicalJSON.string(value))") }
        case .fen:
            guard case .integer(let i) = value, i >= 0 else { throw fail("must be an amount in fen: a whole number >= 0, got \(CanonicalJSON.string(value))") }
        case .percent:
            guard case .integer(let i) = value, (0...100).contains(i) else { throw fail("must be a whole percentage 0 to 100, got \(CanonicalJSON.string(value))") }
        case .boolean:
            guard case .bool = value else { throw fail("must be true or false, got \(value.kindName)") }
        case .oneOf(let vocabulary):
            let options = vocabulary.values
            guard case .string(let s) = value, options.contains(where: { $0.utf8.elementsEqual(s.utf8) }) else {
                throw fail("must be one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), got \(CanonicalJSON.string(value))")
            }
        case .seq:
            guard case .integer(let i) = value, i >= 1 else { throw fail("must be an event's sequence number (>= 1), got \(CanonicalJSON.string(value))") }
        case .list(let element, let minItems, let maxItems):
            guard case .array(let elements) = value else { throw fail("must be a list, got \(value.kindName)") }
            guard (minItems...maxItems).contains(elements.count) else { throw fail("must have \(minItems) to \(maxItems) items, got \(elements.count)") }
            for (index, item) in elements.enumerated() { try validate(item, kind: element, path: "\(path())[\(index)]") }
            if case .id = element {
                for (index, item) in elements.enumerated() where elements[..<index].contains(item) {
                    throw PayloadError(path: "\(path())[\(index)]", reason: "\(CanonicalJSON.string(item)) is listed twice")
                }
            }
        case .object(let fields):
            guard case .object(let object) = value else { throw fail("must be an object, got \(value.kindName)") }
            try validate(object: object, fields: fields, path: path())
        case .payload:
            guard case .object = value else { throw fail("must be an object, got \(value.kindName)") }
        case .sha256:
            guard case .string(let s) = value, s.utf8.count == 64,
                  s.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
                throw fail("must be a SHA-256 digest: 64 lowercase hexadecimal characters, got \(CanonicalJSON.string(value))")
            }
        case .sealed(let inner):
            switch form {
            case .request:
                guard case .string = value else { throw fail("must be a string, got \(value.kindName)") }
                try validate(value, kind: inner, path: path(), form: form)
            case .stored:
                guard case .string(let s) = value, Commitment(s) != nil else {
                    throw fail("personal data is stored as its salted commitment sha256:<64 hex digits> (Schemas/PERSONAL.md), got \(value.kindName)")
                }
            }
        }
    }

    /// The first run of 17 digits and a digit or X (not part of a longer run of digits) in `id`: the shape of
    /// a resident ID-card number (GB 11643-1999), whatever its check character; nil when there is none.
    static func idCardNumber(in id: String) -> String? {
        let bytes = Array(id.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var start = 0
        while start + 18 <= bytes.count {
            guard isDigit(bytes[start]), start == 0 || !isDigit(bytes[start - 1]) else { start += 1; continue }
            var end = start
            while end < bytes.count && isDigit(bytes[end]) { end += 1 }
            let digits = end - start
            if digits == 18 || (digits == 17 && end < bytes.count && (bytes[end] == UInt8(ascii: "X") || bytes[end] == UInt8(ascii: "x"))) {
                let last = digits == 18 ? end : end + 1
                if last >= bytes.count || !isDigit(bytes[last]) {
                    return String(decoding: bytes[start..<(start + 18)], as: UTF8.self)
                }
            }
            start = end
        }
        return nil
    }

    /// `prefix` followed by 1 or more bytes, 200 bytes in all at most, no space or control character.
    static func isID(_ s: String, prefix: String) -> Bool {
        let bytes = s.utf8
        guard bytes.count > prefix.utf8.count, bytes.count <= 200, bytes.starts(with: prefix.utf8) else { return false }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F }
    }

    static func isMonth(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return false }
        return LocalDate(iso: s + "-01") != nil
    }
}
