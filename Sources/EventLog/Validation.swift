import CanonicalJSON

/// Checks on a draft that need no state: formats and limits. Every refusal names the field.
enum DraftValidation {
    static func validate(_ draft: EventDraft, index: Int) throws(EventLogError) {
        try checkType(draft.type, index: index)
        guard draft.schemaVersion >= 1 else {
            throw .invalidEvent(index: index, field: "schemaVersion", reason: "must be at least 1")
        }
        try checkIdentifier(draft.stream, field: "stream", index: index)
        try checkIdentifier(draft.actor, field: "actor", index: index)
        if let key = draft.idempotencyKey { try checkIdentifier(key, field: "idempotencyKey", index: index) }
        guard draft.subjects.count <= Limits.subjectsPerEventMax else {
            throw .invalidEvent(index: index, field: "subjects", reason: "\(draft.subjects.count) subjects exceed the limit of \(Limits.subjectsPerEventMax)")
        }
        for (position, subject) in draft.subjects.enumerated() {
            try checkIdentifier(subject, field: "subjects", index: index)
            // At most 32 subjects: comparing pairs is cheaper than hashing into a set.
            for earlier in draft.subjects[..<position] where sameBytes(earlier, subject) {
                throw .invalidEvent(index: index, field: "subjects", reason: "\"\(subject)\" is listed twice")
            }
        }
        let depth = nesting(.object(draft.data))
        guard depth <= Limits.payloadDepthMax else {
            throw .invalidEvent(index: index, field: "data", reason: "nested \(depth) levels deep; the limit is \(Limits.payloadDepthMax)")
        }
    }

    /// Type names: 1 to 64 bytes of letters, digits, `.`, `_` or `-`, starting with a letter.
    static func checkType(_ type: String, index: Int) throws(EventLogError) {
        let bytes = Array(type.utf8)
        guard !bytes.isEmpty, bytes.count <= Limits.typeBytesMax else {
            throw .invalidEvent(index: index, field: "type", reason: "must be 1 to \(Limits.typeBytesMax) bytes, got \(bytes.count)")
        }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard isLetter(bytes[0]), bytes.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) else {
            throw .invalidEvent(index: index, field: "type", reason: "\"\(type)\" must start with a letter and contain only letters, digits, '.', '_' and '-'")
        }
    }

    /// Identifiers: 1 to 200 UTF-8 bytes, no control characters, no leading or trailing space.
    static func checkIdentifier(_ value: String, field: String, index: Int) throws(EventLogError) {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= Limits.identifierBytesMax else {
            throw .invalidEvent(index: index, field: field, reason: "must be 1 to \(Limits.identifierBytesMax) bytes, got \(bytes.count)")
        }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw .invalidEvent(index: index, field: field, reason: "must not contain control characters")
        }
        guard bytes.first != 0x20, bytes.last != 0x20 else {
            throw .invalidEvent(index: index, field: field, reason: "must not start or end with a space")
        }
    }

    static func nesting(_ value: JSONValue) -> Int {
        var deepest = 0
        switch value {
        case .array(let elements):
            for element in elements { deepest = max(deepest, nesting(element)) }
            return 1 + deepest
        case .object(let object):
            for member in object.members { deepest = max(deepest, nesting(member.value)) }
            return 1 + deepest
        default:
            return 0
        }
    }
}
