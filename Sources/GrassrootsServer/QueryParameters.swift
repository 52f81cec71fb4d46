import EventLog
import Hummingbird
import Messages

/// A parameter that is unknown, given twice, or not of its kind: 400, in the words of the catalog.
struct ParameterError: Error {
    let text: Text
}

/// The query string of a request, checked against the names an endpoint takes (the command's flags:
/// `as-of`, `at-seq`, `group`...).
struct QueryParameters {
    private var values: [String: String] = [:]

    /// The longest parameter value read.
    static let valueBytesMax = 1_000

    init(_ request: Request, allowed: [String]) throws(ParameterError) {
        for (name, value) in FormFields.parse(request.uri.query ?? "") {
            guard allowed.contains(name) else {
                throw ParameterError(text: Msg.serve.unknownParameter(["name": .plain(name), "offered": .list(allowed.map { .plain($0) })]))
            }
            guard let value, value.utf8.count <= QueryParameters.valueBytesMax, values[name] == nil else {
                throw ParameterError(text: Msg.serve.badParameter(["name": .plain(name), "value": .plain(value.map { String($0.prefix(40)) } ?? "?"),
                                                                   "reason": .plain(values[name] == nil ? "not UTF-8, or too long" : "given twice")]))
            }
            values[name] = value
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// The names given.
    var names: [String] { Array(values.keys) }

    /// A calendar date (`YYYY-MM-DD`).
    func date(_ name: String) throws(ParameterError) -> LocalDate? {
        guard let text = values[name] else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw ParameterError(text: Msg.serve.badParameter(["name": .plain(name), "value": .plain(text), "reason": .plain("not a date YYYY-MM-DD")]))
        }
        return date
    }

    /// A sequence number, 1 or more.
    func seq(_ name: String) throws(ParameterError) -> UInt64? {
        guard let text = values[name] else { return nil }
        guard let seq = UInt64(text), seq >= 1 else {
            throw ParameterError(text: Msg.serve.badParameter(["name": .plain(name), "value": .plain(text), "reason": .plain("counts from 1")]))
        }
        return seq
    }

    /// A whole number in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ParameterError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ParameterError(text: Msg.serve.badParameter(["name": .plain(name), "value": .plain(text),
                                                               "reason": .plain("\(range.lowerBound) to \(range.upperBound)")]))
        }
        return value
    }
}
