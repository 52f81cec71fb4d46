import CanonicalJSON
public import Messages

/// A policy's sections in words (`policy show`): each parameter as a line a clerk or reviewer reads, with
/// thresholds as the statutes write them (超过二分之一, 三分之二以上), money in yuan, and the section's source
/// and the policy it comes from.
public enum PolicyWords {
    /// One parameter: its member name in the document, its label (nil: a member the catalog lacks, shown by
    /// its name) and its value in words.
    public struct Line: Sendable {
        public let member: String
        public let label: Message?
        public let value: Arg

        /// "label: value" in the reader's language.
        public var text: Text {
            let words = Msg.policyWords
            guard let label else { return words.unknown(["name": .plain(member), "value": value]) }
            return words.line(["label": .text(Text(label)), "value": value])
        }
    }

    public struct Section: Sendable {
        /// The section's name in the document (meeting, pay...).
        public let name: String
        /// Its parameters in words; empty when the policy sets no rule there.
        public let lines: [Line]
        /// Its source, as the document cites it (render with `Citation`).
        public let source: String?
        /// The policy of the lineage the section comes from.
        public let origin: String
    }

    /// Every section of the policy, in `PolicyDocument.sections` order.
    public static func sections(_ policy: Policy) -> [Section] {
        PolicyDocument.sections.map { name in
            guard let object = policy.document[name]?.objectValue else { return Section(name: name, lines: [], source: nil, origin: policy.origin(name)) }
            let period = object["period"]?.stringValue
            let known = Msg.policyWords.parameters.filter { $0.key.hasPrefix(name + ".") }
            var lines = known.compactMap { parameter in
                object[String(parameter.key.dropFirst(name.count + 1))].map { line(parameter, $0, period: period) }
            }
            let named = Set(known.map { String($0.key.dropFirst(name.count + 1)) })
            for (key, value) in object.members where key != "source" && !named.contains(key) {
                lines.append(Line(member: key, label: nil, value: .plain(CanonicalJSON.string(value))))
            }
            return Section(name: name, lines: lines, source: object["source"]?.stringValue, origin: policy.origin(name))
        }
    }

    /// The section's title in the reader's language, with its document name: 小组会议 (meeting).
    public static func title(_ name: String, _ language: Language) -> String {
        guard let title = Msg.policyWords.section[name] else { return name }
        return title.template(language) + " (" + name + ")"
    }

    static func line(_ parameter: PolicyWordsMessages.Parameter, _ value: JSONValue, period: String?) -> Line {
        let member = String(parameter.key.split(separator: ".").last ?? "")
        guard let rendered = render(value, parameter.unit, period: period) else {
            return Line(member: member, label: nil, value: .plain(CanonicalJSON.string(value)))
        }
        return Line(member: member, label: parameter.label, value: rendered)
    }

    /// The value in words, or nil when it is not of the unit's shape (then shown as written).
    static func render(_ value: JSONValue, _ unit: PolicyWordsMessages.Unit, period: String?) -> Arg? {
        let words = Msg.policyWords
        func count(_ message: Message) -> Arg? { value.integerValue.map { .text(message(["count": .number($0)])) } }
        switch unit {
        case .threshold:
            guard let threshold = Policy.threshold(value) else { return nil }
            guard let of = value.objectValue?["of"]?.stringValue else { return .text(threshold.words) }
            guard let base = words.base[of] else { return nil }
            return .text(words.thresholdOf(["threshold": .text(threshold.words), "base": .text(Text(base))]))
        case .flag:
            guard let flag = value.boolValue else { return nil }
            return .text(Text(flag ? Msg.common.yes : Msg.common.no))
        case .days: return count(words.days)
        case .months: return count(words.months)
        case .years: return count(words.years)
        case .age: return count(words.age)
        case .percent: return count(words.percent)
        case .persons: return count(words.persons)
        case .households: return count(words.households)
        case .fen:
            guard let fen = value.integerValue else { return nil }
            guard let period, let periodWord = Msg.words.payPeriod[period] else { return .fen(fen) }
            return .text(words.perPeriod(["amount": .fen(fen), "period": .text(Text(periodWord))]))
        case .text: return value.stringValue.map { .plain($0) }
        case .grades:
            guard let grades = value.arrayValue?.compactMap(\.stringValue) else { return nil }
            return .list(grades.map { .plain($0) })
        case .groupKinds:
            guard let kinds = value.arrayValue?.compactMap(\.stringValue) else { return nil }
            return .list(kinds.map { kind in Msg.commands.policyKinds[kind].map { .text(Text($0)) } ?? .plain(kind) })
        case .period:
            guard let period = value.stringValue, let word = Msg.words.payPeriod[period] else { return nil }
            return .text(Text(word))
        case .shares:
            guard let shares = value.arrayValue?.compactMap(\.objectValue) else { return nil }
            var items: [Arg] = []
            for share in shares {
                guard let source = share["fundingSource"]?.stringValue, let percent = share["percent"]?.integerValue else { return nil }
                let kind = share["groupKind"]?.stringValue
                items.append(.text(words.share([
                    "source": Msg.words.fundingSource[source].map { .text(Text($0)) } ?? .plain(source), "percent": .number(percent),
                    "kind": kind.map { kind in Msg.commands.policyKinds[kind].map { .text(Text($0)) } ?? .plain(kind) } ?? .plain("-"),
                ])))
            }
            return .list(items)
        case .postsFen:
            guard let posts = value.arrayValue?.compactMap(\.objectValue) else { return nil }
            var items: [Arg] = []
            for entry in posts {
                guard let post = entry["post"]?.stringValue, let fen = entry["fen"]?.integerValue else { return nil }
                let amount: Arg = period.flatMap { Msg.words.payPeriod[$0] }.map { .text(words.perPeriod(["amount": .fen(fen), "period": .text(Text($0))])) } ?? .fen(fen)
                items.append(.text(words.postPay(["post": Msg.words.post[post].map { .text(Text($0)) } ?? .plain(post), "amount": amount])))
            }
            return .list(items)
        }
    }
}
