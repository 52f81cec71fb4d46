import Messages

/// Sources as a person reads them (`RuleViolation.sourceText`, `Alert.sourceText`): a citation rendered as
/// one (`.source`: 《村民委员会组织法》(2018年修正)第二十八条 in Chinese, as written in English), what it says
/// from the catalog (`Msg.rules.why`), a policy section's source with the policy that supplied it, and
/// several of them joined. A source is never free English: its words come from the catalog, its citations
/// from the documents.
enum Cite {
    /// A citation as written: a statute article, a seed document and section, a schema, or a policy
    /// section's `source` (data, rendered as a citation).
    static func the(_ citation: String) -> Text {
        Text(Msg.rules.part.citation, ["citation": .source(citation)])
    }

    /// A citation and what it says: `村民委员会组织法 (2018) Art. 28 (a group's meeting decides the group's affairs)`.
    static func the(_ citation: String, _ says: Message) -> Text {
        Text(Msg.rules.part.citationSaying, ["citation": .source(citation), "says": .text(Text(says))])
    }

    /// A citation of the catalog (a design document's principle) and what it says.
    static func the(_ citation: Message, _ says: Message) -> Text {
        Text(Msg.rules.part.citationSaying, ["citation": .text(Text(citation)), "says": .text(Text(says))])
    }

    /// A policy section's source and the policy that supplied it: `村民委员会组织法 (2018) Art. 28 (policy:statute-2018-village)`.
    static func policy(_ source: String, _ policy: String) -> Text {
        Text(Msg.rules.part.inPolicy, ["source": .source(source), "policy": .plain(policy)])
    }

    /// A sentence of the catalog standing as the source (a rule of the ledger itself).
    static func said(_ message: Message, _ arguments: KeyValuePairs<String, Arg> = [:]) -> Text {
        Text(message, arguments)
    }

    /// Sources joined by `; `.
    static func all(_ first: Text, _ rest: Text...) -> Text {
        rest.reduce(first) { joined, next in Text(Msg.rules.part.joined, ["first": .text(joined), "second": .text(next)]) }
    }
}

extension Arg {
    /// A stored value of a closed vocabulary (`Msg.words`, `Msg.rules.word`): the value itself in English, as
    /// the ledger stores it (`group-leader`, a stable code the English texts have always shown), its word in
    /// Chinese (小组长).
    static func code(_ value: String, in table: [String: Message]) -> Arg {
        .text(Text(Message(en: value, zh: table[value]?.zh ?? value)))
    }

    /// A share as the statutes write it: 2/3 in English, 三分之二 in Chinese.
    static func fraction(_ numerator: Int64, _ denominator: Int64) -> Arg {
        .text(Text(Message(en: "\(numerator)/\(denominator)",
                           zh: "\(Citation.chineseNumber(Int(denominator)))分之\(Citation.chineseNumber(Int(numerator)))")))
    }

    /// Ids or names as a list (`a, b` / `a、b`).
    static func ids(_ values: [String]) -> Arg { .list(values.map { .plain($0) }) }
}

extension Threshold {
    /// "at least 2/3" / 三分之二以上; "more than 1/2" / 超过二分之一.
    var text: Text {
        Text(inclusive ? Msg.rules.part.atLeast : Msg.rules.part.moreThan, ["fraction": .fraction(numerator, denominator)])
    }

    var arg: Arg { .text(text) }
}

extension RuleViolation {
    /// A unit, group or person that is not on the register: the refusal every query and rule gives for it.
    static func unknownUnit(_ unit: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.unknownUnit, Msg.rules.detail.notRegistered(["id": .plain(unit)]), source: Cite.said(Msg.rules.why.unitRegister))
    }

    static func unknownGroup(_ group: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.unknownGroup, Msg.rules.detail.notRegistered(["id": .plain(group)]), source: Cite.said(Msg.rules.why.groupRegister))
    }

    static func unknownPerson(_ person: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.unknownPerson, Msg.rules.detail.notRegistered(["id": .plain(person)]), source: Cite.said(Msg.rules.why.personRegister))
    }
}

extension RuleViolation {
    /// A departure audit asked of someone who never held a post in the group.
    static func noTenure(person: String, group: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.noTenure, Msg.rules.detail.neverHeldAPost(["person": .plain(person), "group": .plain(group)]),
                      source: Cite.the("村民委员会组织法 (2018) Art. 35", Msg.rules.why.departureAuditOfHolder))
    }
}
