public import CanonicalJSON
public import EventLog
import Governance
public import Messages

/// Events as a person reads them: the type's Chinese term, every field with its label, money in yuan, dates
/// as dates, closed vocabularies in words, names beside ids. Nothing is cut; long details wrap.
public enum Describe {
    /// The type as a reader names it: 小组长就职 (zh) or its English title; the type itself when unknown.
    public static func type(_ event: RecordedEvent, _ language: Language) -> String {
        guard let spec = EventCatalog.spec(type: event.type, version: event.schemaVersion) else { return event.type }
        return language == .zh ? spec.term : spec.title
    }

    /// Vocabularies a field's value may come from, by field name (`kind` and `reason` try each in turn).
    public static func vocabularies(_ field: String) -> [[String: Message]] {
        let w = Msg.words
        switch field {
        case "post": return [w.post]
        case "grade": return [w.grade]
        case "fundingSource": return [w.fundingSource]
        case "nominatedBy": return [w.nominator]
        case "outcome": return [w.reviewOutcome]
        case "question": return [w.voteQuestion]
        case "raters": return [w.raterGroup]
        case "action": return [w.assetAction]
        case "level": return [w.unitLevel]
        case "sex": return [w.sex]
        case "reason": return [w.endReason]
        case "kind": return [w.noticeKind, w.assetKind, w.disciplineKind, w.disclosureKind, w.auditKind, w.groupKind]
        default: return []
        }
    }

    /// Every field of the payload: `label: value` joined by ；(zh) or `label=value` by "; " (en).
    public static func detail(_ data: JSONObject, _ language: Language, names: [String: String]) -> String {
        data.members.map { member in
            let label = Msg.queries.fields[member.key]?.template(language) ?? member.key
            return label + (language == .zh ? ":" : "=") + value(member.value, field: member.key, language, names: names)
        }.joined(separator: language == .zh ? ";" : "; ")
    }

    public static func value(_ value: JSONValue, field: String, _ language: Language, names: [String: String]) -> String {
        switch value {
        case .string(let text):
            for table in vocabularies(field) {
                if let word = table[text] { return word.template(language) }
            }
            // A sealed value (personal data kept out of the chain): its value as opened, or erased.
            if Commitment(text) != nil {
                guard let opened = names[text], Commitment(opened) == nil else { return Msg.common.erased.template(language) }
                return Describe.value(.string(opened), field: field, language, names: names)
            }
            if let name = names[text] { return Msg.common.named(["name": .plain(name), "id": .plain(text)]).rendered(language) }
            if text.count == 10, LocalDate(iso: text) != nil { return Dates.display(text, language) }
            return text
        case .integer(let number):
            return field.hasSuffix("Fen") ? Money.yuan(number, language) : String(number)
        case .bool(let flag):
            return (flag ? Msg.common.yes : Msg.common.no).template(language)
        case .object(let object):
            return "{" + detail(object, language, names: names) + "}"
        case .array(let items):
            return "[" + items.map { Describe.value($0, field: field, language, names: names) }.joined(separator: language == .zh ? ";" : "; ") + "]"
        case .null:
            return "-"
        }
    }

    /// Every string in the payloads that may be an id, for one lookup of names.
    public static func ids(_ events: [RecordedEvent]) -> Set<String> {
        var ids = Set<String>()
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let text) where text.hasPrefix("unit:") || text.hasPrefix("group:") || text.hasPrefix("asset:") || text.hasPrefix("person:")
                || text.hasPrefix(Commitment.prefix): ids.insert(text)
            case .object(let object): for member in object.members { collect(member.value) }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        for event in events { collect(.object(event.data)) }
        return ids
    }

    /// Splits text into lines of at most `width` terminal columns (Chinese characters count two), breaking
    /// after a space or a separator (；;，,) in the second half of a line where there is one.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var lineWidth = 0
        for character in text {
            let w = TextLayout.displayWidth(String(character))
            if lineWidth + w > width && !line.isEmpty {
                var cut = line.count
                if let at = line.lastIndex(where: { " ;；,，".contains($0) }), at + 1 >= line.count / 2 { cut = at + 1 }
                lines.append(String(line[..<cut]).trimmingTrailingSpaces)
                line = Array(line[cut...])
                lineWidth = TextLayout.displayWidth(String(line))
                if character == " " && line.isEmpty { continue }
            }
            line.append(character)
            lineWidth += w
        }
        if !line.isEmpty { lines.append(String(line)) }
        return lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
