import CanonicalJSON
import EventLog
public import Messages

/// Why an act's values cannot make a payload: a catalog message, and whether the command line itself was
/// malformed (an unknown act or flag: usage) or a value was (bad input). Nothing is written.
public struct ActError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case usage, badInput }
    public let kind: Kind
    public let text: Text
    public var description: String { text.description }

    init(_ kind: Kind, _ text: Text) {
        self.kind = kind
        self.text = text
    }
}

/// What the act builder asks of the ledger: names to ids, whether an id is taken, what a key recorded.
/// The command line answers with its lookups (`Lookup.resolve`); a server can answer with its own.
public protocol ActContext {
    /// The id a person typed: an id as is, else the one unit, group, person or asset of exactly that name;
    /// none or several are an error listing the choices.
    func resolve(_ text: String, as kind: Found.Kind) throws -> String
    /// Whether a meeting, vote, approval, asset or payment id is registered.
    func isRegistered(_ id: String) throws -> Bool
    /// The event recorded under an idempotency key.
    func seq(ofIdempotencyKey key: String) throws -> UInt64?
}

/// Values as people type them, to JSON as the schemas want them.
public enum ActValues {
    /// The most yuan an amount may have: 13 digits before the point (an Int64 of fen holds them).
    public static let yuanDigitsMax = 13

    /// `1200.50` (or `1200`, `1200.5`, `1200.50元`) to 120050 fen, exactly: digits, at most two decimal places,
    /// no sign, no floating point. Nil for anything else.
    public static func fen(fromYuan text: String) -> Int64? {
        var bytes = Array(text.utf8)
        let yuanSign = Array("元".utf8)
        if bytes.count > yuanSign.count, Array(bytes.suffix(yuanSign.count)) == yuanSign { bytes.removeLast(yuanSign.count) }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let whole = parts[0]
        let decimals = parts.count == 2 ? parts[1] : []
        func digits(_ slice: ArraySlice<UInt8>) -> Bool { slice.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        guard !whole.isEmpty, whole.count <= yuanDigitsMax, digits(whole), digits(decimals), decimals.count <= 2,
              parts.count == 1 || !decimals.isEmpty else { return nil }
        var fen: Int64 = 0
        for digit in whole { fen = fen * 10 + Int64(digit - UInt8(ascii: "0")) }
        var cents: Int64 = 0
        for (index, digit) in decimals.enumerated() { cents += Int64(digit - UInt8(ascii: "0")) * (index == 0 ? 10 : 1) }
        return fen * 100 + cents
    }

    /// Whether `text` looks like an amount with too many digits before the point (a separate refusal).
    static func tooManyYuan(_ text: String) -> Bool {
        let whole = text.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        return whole.count > yuanDigitsMax && whole.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static let yes: Set<String> = ["yes", "y", "true", "1", "是", "有", "在"]
    static let no: Set<String> = ["no", "n", "false", "0", "否", "无", "缺"]

    /// The words of a vocabulary in the catalog (Msg.words), keyed by stored value.
    static func words(_ vocabulary: Vocabulary) -> [String: Message] {
        let label: String
        switch vocabulary.name {
        case "UnitPost", "AnyPost": label = "post"
        default: label = vocabulary.name.prefix(1).lowercased() + vocabulary.name.dropFirst()
        }
        return Mirror(reflecting: Msg.words).children.first { $0.label == label }?.value as? [String: Message] ?? [:]
    }

    /// A vocabulary's value from its stored value or its word in either language (小组长 for group-leader).
    static func choice(_ text: String, _ vocabulary: Vocabulary) -> String? {
        if vocabulary.values.contains(text) { return text }
        let words = words(vocabulary)
        let matches = vocabulary.values.filter { value in words[value].map { $0.zh == text || $0.en == text } ?? false }
        return matches.count == 1 ? matches[0] : nil
    }

    static func choices(_ vocabulary: Vocabulary) -> Arg {
        let words = words(vocabulary)
        return .list(vocabulary.values.map { value in
            guard let word = words[value], word.zh != value else { return .plain(value) }
            return .plain("\(value) (\(word.zh))")
        })
    }

    static func found(_ prefix: String) -> Found.Kind? {
        Found.Kind.allCases.first { $0.rawValue + ":" == prefix }
    }

    /// One value of `kind` for `--flag`.
    static func parse(_ text: String, kind: FieldKind, flag: String, context: some ActContext) throws -> JSONValue {
        func bad(_ message: Message) -> ActError {
            ActError(.badInput, message(["flag": .plain(flag), "value": .plain(text)]))
        }
        let m = Msg.record
        switch kind {
        case .text, .sha256:
            return .string(text)
        case .id(let prefix):
            if let found = found(prefix) { return .string(try context.resolve(text, as: found)) }
            return .string(text.hasPrefix(prefix) ? text : prefix + text)
        case .date:
            guard LocalDate(iso: text) != nil else { throw bad(m.badDate) }
            return .string(text)
        case .month:
            guard YearMonth(iso: text) != nil else { throw bad(m.badMonth) }
            return .string(text)
        case .year:
            guard let year = Int(text), text.allSatisfy(\.isASCII), LocalDate.yearRange.contains(year) else {
                throw ActError(.badInput, m.badYear(["flag": .plain(flag), "value": .plain(text), "min": .number(LocalDate.yearRange.lowerBound),
                                                     "max": .number(LocalDate.yearRange.upperBound)]))
            }
            return .integer(Int64(year))
        case .count, .percent:
            guard let count = Int64(text), count >= 0, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad(m.badCount) }
            return .integer(count)
        case .seq:
            guard let seq = Int64(text), seq >= 1, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad(m.badSeq) }
            return .integer(seq)
        case .fen:
            if tooManyYuan(text) {
                throw ActError(.badInput, m.moneyTooLarge(["flag": .plain(flag), "value": .plain(text), "max": .plain(String(repeating: "9", count: yuanDigitsMax))]))
            }
            guard let fen = fen(fromYuan: text) else { throw bad(m.badMoney) }
            return .integer(fen)
        case .boolean:
            if yes.contains(text.lowercased()) { return .bool(true) }
            if no.contains(text.lowercased()) { return .bool(false) }
            throw bad(m.badBoolean)
        case .oneOf(let vocabulary):
            guard let value = choice(text, vocabulary) else {
                throw ActError(.badInput, m.badChoice(["flag": .plain(flag), "value": .plain(text), "choices": choices(vocabulary)]))
            }
            return .string(value)
        case .sealed(let inner):
            return try parse(text, kind: inner, flag: flag, context: context)
        case .object(let fields):
            return .object(try object(text, fields: fields, flag: flag, context: context))
        case .list(let element, _, _):
            return .array([try parse(text, kind: element, flag: flag, context: context)])
        case .payload:
            throw ActError(.badInput, m.badPair(["flag": .plain(flag), "value": .plain(text), "members": .plain("{…}")]))
        }
    }

    /// `member=value,member=value` (members named as flags are: `value` for `valueFen`, in yuan); or, for
    /// objects of two required members, `A=B` for `first=A,second=B` (`--candidate 王秀英=71`).
    static func object(_ text: String, fields: [FieldSpec], flag: String, context: some ActContext) throws -> JSONObject {
        let members = fields.map { ActFlag($0) }
        let names: Arg = .list(members.map { .plain($0.name) })
        let pairs = text.split(separator: ",", omittingEmptySubsequences: false).map { (part: Substring) -> (String, String)? in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return nil }
            return (String(pieces[0]).trimmed, String(pieces[1]).trimmed)
        }
        guard !pairs.isEmpty, pairs.allSatisfy({ $0 != nil }) else {
            throw ActError(.badInput, Msg.record.badPair(["flag": .plain(flag), "value": .plain(text), "members": names]))
        }
        let given = pairs.compactMap { $0 }
        let required = members.filter(\.field.required)
        var object = JSONObject()
        if given.count == 1, required.count == 2, members.count == 2, !members.contains(where: { $0.name == given[0].0 || $0.field.name == given[0].0 }) {
            object.set(required[0].field.name, try parse(given[0].0, kind: required[0].field.kind, flag: flag, context: context))
            object.set(required[1].field.name, try parse(given[0].1, kind: required[1].field.kind, flag: flag, context: context))
            return object
        }
        for (name, value) in given {
            guard let member = members.first(where: { $0.name == name || $0.field.name == name }) else {
                throw ActError(.badInput, Msg.record.badMember(["flag": .plain(flag), "value": .plain(text), "member": .plain(name), "members": names]))
            }
            guard object[member.field.name] == nil else {
                throw ActError(.badInput, Msg.record.givenTwice(["flag": .plain("\(flag) \(member.name)"), "first": .plain(name), "second": .plain(value)]))
            }
            object.set(member.field.name, try parse(value, kind: member.field.kind, flag: "\(flag) \(member.name)", context: context))
        }
        // Members in their declared order, as the typed acts encode them.
        var ordered = JSONObject()
        for member in members { if let value = object[member.field.name] { ordered.set(member.field.name, value) } }
        return ordered
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
