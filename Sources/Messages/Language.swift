/// The language a person reads: Chinese first (the ledger's users are Chinese-speaking), English on request.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// Why a language could not be chosen.
    public struct Unknown: Error, CustomStringConvertible, Sendable {
        public let value: String
        public let from: String
        public var description: String {
            "\(from) \(value) is not a language this program speaks (zh 中文, en English) / \(from) \(value) 不是本程序支持的语言(zh 中文、en 英文)"
        }
    }

    /// `--lang` when given; else `GRASSROOTS_LANG`; else `LANG` (`zh_*` is Chinese, another language such as
    /// `en_US.UTF-8` is English); else Chinese. `LANG` of `C` or `POSIX` names no language, so it chooses
    /// Chinese too. An unknown `--lang` or `GRASSROOTS_LANG` is an error, never a silent fallback.
    public static func resolve(flag: String?, environment: [String: String]) throws(Unknown) -> Language {
        if let flag { return try parse(flag, from: "--lang") }
        if let chosen = environment["GRASSROOTS_LANG"], !chosen.isEmpty { return try parse(chosen, from: "GRASSROOTS_LANG") }
        if let locale = environment["LC_ALL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? environment["LANG"], !locale.isEmpty {
            let language = locale.prefix { $0 != "_" && $0 != "." && $0 != "@" }.lowercased()
            if language == "zh" || language == "c" || language == "posix" { return .zh }
            return .en
        }
        return .zh
    }

    static func parse(_ value: String, from: String) throws(Unknown) -> Language {
        switch value.lowercased() {
        case "zh", "zh-cn", "zh_cn", "zh-hans", "cn", "中文": return .zh
        case "en", "en-us", "en_us", "en-gb", "english": return .en
        default: throw Unknown(value: value, from: from)
        }
    }
}
