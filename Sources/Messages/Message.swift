/// One message of the catalog in both languages. Placeholders are `{name}`; both texts name the same ones
/// (a test checks it).
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public let en: String
    public let zh: String
    /// English for a `count` of exactly 1, where it differs ("appended 1 event" beside "appended {count} events").
    public let enOne: String?

    public init(en: String, zh: String, enOne: String? = nil) {
        self.en = en
        self.zh = zh
        self.enOne = enOne
    }

    public func template(_ language: Language) -> String { language == .zh ? zh : en }

    /// The template for these arguments: English singular when `count` is 1.
    func template(_ language: Language, _ arguments: [String: Arg]) -> String {
        if language == .en, let enOne, arguments["count"] == .int(1) { return enOne }
        return template(language)
    }

    /// The message with its arguments.
    public func callAsFunction(_ arguments: KeyValuePairs<String, Arg> = [:]) -> Text {
        Text(self, arguments)
    }

    /// The English text, placeholders unfilled: the stable name a machine reads (rule names in JSON, tests).
    public var description: String { en }
}

/// A message with its arguments, rendered in either language.
public struct Text: Sendable, Hashable, CustomStringConvertible {
    public let message: Message
    public let arguments: [String: Arg]

    public init(_ message: Message, _ arguments: KeyValuePairs<String, Arg> = [:]) {
        self.message = message
        var map: [String: Arg] = [:]
        for (key, value) in arguments { map[key] = value }
        self.arguments = map
    }

    public func rendered(_ language: Language) -> String {
        Placeholders.fill(message.template(language, arguments)) { name in arguments[name]?.rendered(language) }
    }

    /// English, for logs and tests.
    public var description: String { rendered(.en) }
}

/// A value put into a message.
public indirect enum Arg: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringInterpolation {
    /// As is: ids, names, numbers already formatted.
    case plain(String)
    case int(Int64)
    /// Money in fen, shown in yuan with its unit: 1,234.50元 / 1,234.50 yuan.
    case fen(Int64)
    /// An ISO date (`YYYY-MM-DD`, or `YYYY-MM` for a month, `YYYY` for a year): 2023年2月18日 / 2023-02-18.
    case date(String)
    /// A citation of a source (statute article, seed document and section, schema): 《村民委员会组织法》第十六条.
    case source(String)
    /// A nested message.
    case text(Text)
    /// Items joined: 、 in Chinese, ", " in English.
    case list([Arg])

    public init(stringLiteral value: String) { self = .plain(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self = .plain(String(stringInterpolation: stringInterpolation)) }

    /// Any integer as a number.
    public static func number<I: BinaryInteger>(_ value: I) -> Arg { .int(Int64(value)) }

    public func rendered(_ language: Language) -> String {
        switch self {
        case .plain(let value): value
        case .int(let value): String(value)
        case .fen(let fen): Money.yuan(fen, language)
        case .date(let iso): Dates.display(iso, language)
        case .source(let citation): Citation.render(citation, language)
        case .text(let text): text.rendered(language)
        case .list(let items): items.map { $0.rendered(language) }.joined(separator: language == .zh ? "、" : ", ")
        }
    }
}

enum Placeholders {
    /// Replaces each `{name}` by `value(name)`; an unknown name stays as written (a test keeps that from
    /// happening in the catalog).
    static func fill(_ template: String, _ value: (String) -> String?) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if let filled = value(name) { out += filled } else { out += "{\(name)}" }
            rest = after[after.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The placeholder names of a template.
    static func names(_ template: String) -> Set<String> {
        var names = Set<String>()
        _ = fill(template) { name in names.insert(name); return "" }
        return names
    }
}
