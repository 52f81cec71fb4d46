import Foundation

/// `application/x-www-form-urlencoded` text (a query string or a form's body) as name-value pairs, in order:
/// `+` is a space, `%XX` a byte; a pair that does not decode as UTF-8 is kept as nil to be refused.
enum FormFields {
    static func parse(_ raw: String) -> [(name: String, value: String?)] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0]) ?? String(parts[0])
            return (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
