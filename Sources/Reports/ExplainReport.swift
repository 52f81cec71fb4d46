public import CanonicalJSON
public import EventLog
public import Governance
public import Messages

/// `grassroots explain` and `GET /api/explain`: a decision's validity recomputed check by check, with the names
/// of the units, groups and persons it names, as the ledger knows it now or as it stood after `atSeq`.
public struct ExplainReport: Sendable {
    public let explanations: [Explanation]
    public let names: [String: String]
    public let atSeq: UInt64?

    /// An unknown vote, an event that is not a decision, or one not yet recorded at `atSeq`: `ExplainFailure`
    /// (bad input: exit 2, HTTP 404 for an unknown one, 422 for one that is not a decision).
    public static func run(_ ledger: Ledger, target: ExplainTarget, atSeq: UInt64?, language: Language) throws -> ExplainReport {
        let explanations: [Explanation]
        do {
            explanations = try ledger.readTables(atSeq: atSeq) { tables, head in try ExplainQuery(target: target, head: head.seq).run(tables) }
        } catch let error as ExplainError {
            throw ExplainFailure(error: error, text: ExplainReport.text(of: error))
        }
        let ids = explanations.flatMap { explanation in
            [explanation.assessment.group, explanation.assessment.person].compactMap { $0 } + explanation.assessment.checks.flatMap { $0.ids }
        }
        return ExplainReport(explanations: explanations, names: try NameLookup.names(ledger, ids, atSeq: atSeq, language: language), atSeq: atSeq)
    }

    /// The `--json` answer.
    public var json: JSONValue {
        var object: JSONObject = ["decisions": .array(explanations.map { ExplainReport.json($0, names: names) })]
        if let atSeq { object.set("atSeq", .integer(Int64(atSeq))) }
        return .object(object)
    }

    /// The text answer, as `grassroots explain` prints it.
    public func text(_ language: Language) -> String {
        var text = atSeq.map { "(" + Msg.common.atSeq(["seq": .number($0)]).rendered(language) + ")\n" } ?? ""
        text += explanations.map { ExplainReport.text($0, names: names, language) }.joined(separator: "\n")
        return text
    }

    public static func text(of error: ExplainError) -> Text {
        let words = Msg.explain
        func when(_ view: UInt64?) -> Arg { view.map { .text(words.when(["view": .number($0)])) } ?? "" }
        switch error {
        case .unknownVote(let vote): return words.unknownVote(["vote": .plain(vote), "when": ""])
        case .unknownEvent(let seq, let view): return words.unknownEvent(["seq": .number(seq), "when": when(view)])
        case .notADecision(let seq, let type): return words.notADecision(["seq": .number(seq), "type": .plain(type)])
        case .noCandidates(let vote): return words.noCandidates(["vote": .plain(vote)])
        case .noRecallVote(let seq, let person, let group): return words.noRecallVote(["seq": .number(seq), "person": .plain(person), "group": .plain(group)])
        }
    }
}

/// Why a decision cannot be explained, in the catalog's words.
public struct ExplainFailure: Error, Sendable {
    public let error: ExplainError
    public let text: Text
}

// MARK: text

extension ExplainReport {
    /// An id with its name where the register has one (units, groups, persons).
    public static func shown(_ id: String, _ names: [String: String]) -> Arg {
        names[id].map { .text(Msg.common.named(["name": .plain($0), "id": .plain(id)])) } ?? .plain(id)
    }

    /// A stored value of a closed vocabulary in the reader's words (the value itself where the table lacks it).
    public static func word(_ value: String, _ table: [String: Message]) -> Arg {
        .text(Text(table[value] ?? Message(en: value, zh: value)))
    }

    public static func heading(_ explanation: Explanation, names: [String: String]) -> Text {
        let words = Msg.explain
        let a = explanation.assessment
        let person = a.person.map { shown($0, names) } ?? ""
        let seq: Arg = explanation.seq.map { .number($0) } ?? ""
        let date: Arg = .date((explanation.effectiveDate ?? a.date).description)
        switch a.decision {
        case .installation:
            return words.installation(["person": person, "post": word(a.post?.rawValue ?? "", Msg.words.post), "group": shown(a.group, names),
                                       "vote": .plain(a.basis), "seq": seq, "date": date])
        case .election:
            return words.election(["vote": .plain(a.basis), "group": shown(a.group, names), "person": person])
        case .recall:
            return words.recall(["person": person, "group": shown(a.group, names), "petition": .plain(a.basis), "seq": seq, "date": date])
        case .approval:
            let question = a.checks.lazy.compactMap { check -> String? in
                if case .question(_, let decided, _) = check.figures.first { return decided.rawValue }
                return nil
            }.first ?? ""
            let what = words.approval(["vote": .plain(a.basis), "group": shown(a.group, names), "question": word(question, Msg.words.voteQuestion)])
            guard let recorded = explanation.seq else { return what }
            return words.recordedBy(["what": .text(what), "seq": .number(recorded), "date": date])
        case .committeeElection:
            return words.committeeElection(["person": person, "post": word(a.unitPost?.rawValue ?? "", Msg.words.post), "unit": shown(a.group, names),
                                            "election": .date(a.date.description),
                                            "vote": a.basis.isEmpty ? "" : .text(words.committeeElectionVote(["vote": .plain(a.basis)])), "seq": seq, "date": date])
        case .confidence:
            return words.confidence(["year": .plain(a.basis), "person": person, "post": word(a.unitPost?.rawValue ?? "", Msg.words.post),
                                     "unit": shown(a.group, names), "seq": seq, "date": date])
        }
    }

    public static func text(_ explanation: Explanation, names: [String: String], _ language: Language) -> String {
        let words = Msg.explain
        let a = explanation.assessment
        var lines: [String] = []
        if let ended = explanation.endedBy, let person = a.person {
            lines.append(words.officeEnded(["seq": .number(ended), "person": shown(person, names), "vote": .number(explanation.seq ?? 0)]).rendered(language))
        }
        lines.append(heading(explanation, names: names).rendered(language))
        if let status = explanation.status, let seq = explanation.seq, let by = explanation.statusBy {
            lines.append((status == "retracted" ? words.retracted : words.corrected)(["seq": .number(seq), "by": .number(by)]).rendered(language))
        }
        let lineage: Arg = .list(a.policyLineage.map { .plain($0) })
        if let meeting = a.meeting {
            lines.append(words.meeting(["meeting": .plain(meeting), "date": .date(a.date.description), "policy": .plain(a.policy), "lineage": lineage]).rendered(language))
        } else {
            lines.append(words.judgedOn(["date": .date(a.date.description), "policy": .plain(a.policy), "lineage": lineage]).rendered(language))
        }
        for check in a.checks {
            lines.append("  " + line(check, names: names).rendered(language))
        }
        lines += verdict(explanation).map { $0.rendered(language) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict: invalid with the first failed check's refusal, valid (as far as checkable), and a recall's or a
    /// confidence vote's outcome.
    public static func verdict(_ explanation: Explanation) -> [Text] {
        let words = Msg.explain
        let a = explanation.assessment
        var texts: [Text] = []
        if let failed = a.firstFailure, let violation = failed.violation {
            texts.append(words.invalid(["refusal": .text(violation.text)]))
        } else if !a.notCheckable.isEmpty {
            texts.append(Msg.sealed.validAsFarAsCheckable(["count": .number(a.notCheckable.count)]))
        } else {
            texts.append(words.valid())
        }
        if let passed = a.passed {
            let outcome = a.decision == .confidence ? (passed ? words.confidenceKept : words.confidenceLost) : (passed ? words.recallPassed : words.recallFailed)
            texts.append(outcome())
        }
        return texts
    }

    public static func mark(_ check: DecisionCheck) -> Text {
        let words = Msg.explain
        guard check.checkable else {
            let erased = check.figures.contains { if case .birthDateUnreadable(_, let erasedBy) = $0 { erasedBy != nil } else { false } }
            return (erased ? Msg.sealed.notCheckable : Msg.sealed.notCheckableHere)()
        }
        switch (check.stage, check.passed) {
        case (.validity, true): return words.pass()
        case (.validity, false): return words.fail()
        case (.outcome, true): return words.outcomeYes()
        case (.outcome, false): return words.outcomeNo()
        }
    }

    public static func line(_ check: DecisionCheck, names: [String: String]) -> Text {
        Msg.explain.line(["label": word(check.kind.rawValue, Msg.explain.label),
                          "figures": .text(figures(check, names: names)), "mark": .text(mark(check)), "source": .text(check.source)])
    }

    /// The check's numbers in words; a quorum's two bases joined by "or".
    public static func figures(_ check: DecisionCheck, names: [String: String]) -> Text {
        let texts = check.figures.map { figure($0, names: names) }
        guard let first = texts.first else { return Msg.explain.noQuorumRule() }
        return texts.dropFirst().reduce(first) { Msg.explain.either(["first": .text($0), "second": .text($1)]) }
    }

    public static func figure(_ figure: Figure, names: [String: String]) -> Text {
        let words = Msg.explain
        switch figure {
        case .share(let of, let count, let base, let threshold, let minimum, let reported):
            guard let message = words.share[of.rawValue] else { preconditionFailure("the catalog has no share \(of.rawValue)") }
            return message(["count": .number(count), "base": .number(base), "threshold": .text(threshold.words), "minimum": .number(minimum),
                            "reported": reported.map { .text(words.reported(["reported": .number($0)])) } ?? ""])
        case .noRule(let policies):
            return words.noRule(["policies": .list(policies.map { .plain($0) })])
        case .candidate(let person, let vote, let votes):
            guard let votes else { return words.notACandidate(["person": shown(person, names), "vote": .plain(vote)]) }
            return words.noRival(["person": shown(person, names), "votes": .number(votes)])
        case .rival(let person, let votes, let rival, let rivalVotes):
            guard let rival, let rivalVotes else { return words.noRival(["person": shown(person, names), "votes": .number(votes)]) }
            return words.rival(["person": shown(person, names), "votes": .number(votes), "rival": shown(rival, names), "rivalVotes": .number(rivalVotes)])
        case .age(let person, let birth, let age, let on, let minimum):
            return words.age(["person": shown(person, names), "birth": .date(birth.description), "age": .number(age), "date": .date(on.description),
                              "minimum": .number(minimum)])
        case .birthDateUnreadable(let person, let erasedBy):
            guard let erasedBy else { return Msg.sealed.birthDateUnreadable(["person": shown(person, names)]) }
            return Msg.sealed.birthDateErased(["person": shown(person, names), "seq": .number(erasedBy)])
        case .residence(let person, let on, let lived, let group):
            return words.residence(["date": .date(on.description), "person": shown(person, names),
                                    "lived": lived.map { shown($0, names) } ?? .text(words.noResidence()), "group": shown(group, names)])
        case .votingRights(let person, let on, let holds):
            return (holds ? words.votingRights : words.noVotingRights)(["date": .date(on.description), "person": shown(person, names)])
        case .representative(let person, let on, let group, let represented, let since, let left):
            guard let represented, let since else {
                return words.noRepresentative(["date": .date(on.description), "person": shown(person, names), "group": shown(group, names)])
            }
            return words.representative(["date": .date(on.description), "person": shown(person, names), "represented": shown(represented, names),
                                         "since": .date(since.description), "left": left.map { .text(words.left(["date": .date($0.description)])) } ?? "",
                                         "group": shown(group, names)])
        case .notice(let kind, let at, let election, let posted, let given, let required):
            let details: KeyValuePairs<String, Arg> = [
                "kind": word(kind.rawValue, Msg.words.noticeKind), "at": shown(at, names), "election": .date(election.description),
                "posted": .date(posted?.description ?? ""), "given": .number(given ?? 0), "required": .number(required),
            ]
            return posted == nil ? words.noNotice(details) : words.notice(details)
        case .question(let vote, let decided, let required):
            return words.question(["vote": .plain(vote), "decided": word(decided.rawValue, Msg.words.voteQuestion),
                                   "required": word(required.rawValue, Msg.words.voteQuestion)])
        case .investigation(let petition, let substantiated):
            let message = substantiated.map { $0 ? words.groundsTrue : words.groundsNotTrue } ?? words.notInvestigated
            return message(["petition": .plain(petition)])
        case .tally(let approve, let cast, let eligible):
            return words.tally(["approve": .number(approve), "cast": .number(cast), "eligible": .number(eligible)])
        case .confidenceTally(let votesFor, let cast):
            return words.confidenceTally(["for": .number(votesFor), "cast": .number(cast)])
        case .supervisionPost(let person, let unit, let on, let since):
            guard let since else { return words.noSupervisionPost(["date": .date(on.description), "person": shown(person, names), "unit": shown(unit, names)]) }
            return words.supervisionPost(["date": .date(on.description), "person": shown(person, names), "unit": shown(unit, names), "since": .date(since.description)])
        }
    }
}

extension DecisionCheck {
    /// The ids its figures name (to show their names).
    var ids: [String] {
        figures.flatMap { figure -> [String] in
            switch figure {
            case .candidate(let person, _, _): [person]
            case .rival(let person, _, let rival, _): [person] + (rival.map { [$0] } ?? [])
            case .age(let person, _, _, _, _), .votingRights(let person, _, _), .birthDateUnreadable(let person, _): [person]
            case .residence(let person, _, let lived, let group): [person, group] + (lived.map { [$0] } ?? [])
            case .representative(let person, _, let group, let represented, _, _): [person, group] + (represented.map { [$0] } ?? [])
            case .notice(_, let at, _, _, _, _): [at]
            case .supervisionPost(let person, let unit, _, _): [person, unit]
            case .share, .noRule, .question, .investigation, .tally, .confidenceTally: []
            }
        }
    }
}

// MARK: JSON

extension ExplainReport {
    /// Typed and stable: codes for kinds, integers for counts, ISO dates, thresholds as fractions; rule
    /// names, details and sources in English (the stable texts machines read).
    public static func json(_ explanation: Explanation, names: [String: String]) -> JSONValue {
        let a = explanation.assessment
        var object: JSONObject = [
            "decision": .string(a.decision.rawValue), "group": .string(a.group), "basis": .string(a.basis), "date": .string(a.date.description),
            "policy": .string(a.policy), "policyLineage": .array(a.policyLineage.map { .string($0) }), "valid": .bool(a.valid),
            "checks": .array(a.checks.map(json)),
        ]
        if let name = names[a.group] { object.set("groupName", .string(name)) }
        if let seq = explanation.seq { object.set("seq", .integer(Int64(seq))) }
        if let type = explanation.type { object.set("type", .string(type)) }
        if let date = explanation.effectiveDate { object.set("effectiveDate", .string(date.description)) }
        if let status = explanation.status { object.set("status", .string(status)) }
        if let by = explanation.statusBy { object.set("statusBy", .integer(Int64(by))) }
        if let ended = explanation.endedBy { object.set("endedBy", .integer(Int64(ended))) }
        if let person = a.person {
            object.set("person", .string(person))
            if let name = names[person] { object.set("personName", .string(name)) }
        }
        if let post = a.post { object.set("post", .string(post.rawValue)) }
        if let post = a.unitPost { object.set("post", .string(post.rawValue)) }
        if let meeting = a.meeting { object.set("meeting", .string(meeting)) }
        if let passed = a.passed { object.set("passed", .bool(passed)) }
        if let failed = a.firstFailure { object.set("firstFailure", .string(failed.kind.rawValue)) }
        return .object(object)
    }

    public static func json(_ check: DecisionCheck) -> JSONValue {
        var object: JSONObject = [
            "kind": .string(check.kind.rawValue), "stage": .string(check.stage.rawValue), "passed": .bool(check.passed),
            "source": .string(check.source.rendered(.en)), "figures": .array(check.figures.map(json)),
        ]
        // Only where it cannot be made (the personal data it needs is erased), so other outputs stay as they were.
        if !check.checkable { object.set("checkable", .bool(false)) }
        if let violation = check.violation {
            object.set("rule", .string(violation.rule))
            object.set("detail", .string(violation.detail))
        }
        return .object(object)
    }

    public static func json(_ figure: Figure) -> JSONValue {
        func date(_ value: LocalDate?) -> JSONValue { value.map { .string($0.description) } ?? .null }
        func int(_ value: Int64?) -> JSONValue { value.map { .integer($0) } ?? .null }
        func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        let members: [(String, JSONValue)]
        switch figure {
        case .share(let of, let count, let base, let threshold, let minimum, let reported):
            members = [("figure", "share"), ("of", .string(of.rawValue)), ("count", .integer(count)), ("base", .integer(base)),
                       ("threshold", .object(["numerator": .integer(threshold.numerator), "denominator": .integer(threshold.denominator),
                                              "inclusive": .bool(threshold.inclusive)])),
                       ("minimum", .integer(minimum)), ("reported", int(reported))]
        case .noRule(let policies):
            members = [("figure", "no-rule"), ("policies", .array(policies.map { .string($0) }))]
        case .candidate(let person, let vote, let votes):
            members = [("figure", "candidate"), ("person", .string(person)), ("vote", .string(vote)), ("votes", int(votes))]
        case .rival(let person, let votes, let rival, let rivalVotes):
            members = [("figure", "rival"), ("person", .string(person)), ("votes", .integer(votes)), ("rival", string(rival)), ("rivalVotes", int(rivalVotes))]
        case .age(let person, let birth, let age, let on, let minimum):
            members = [("figure", "age"), ("person", .string(person)), ("birthDate", date(birth)), ("age", .integer(Int64(age))), ("on", date(on)),
                       ("minimum", .integer(Int64(minimum)))]
        case .birthDateUnreadable(let person, let erasedBy):
            members = [("figure", "birth-date-unreadable"), ("person", .string(person)), ("erasedBy", erasedBy.map { .integer(Int64($0)) } ?? .null)]
        case .residence(let person, let on, let lived, let group):
            members = [("figure", "residence"), ("person", .string(person)), ("on", date(on)), ("lived", string(lived)), ("group", .string(group))]
        case .votingRights(let person, let on, let holds):
            members = [("figure", "voting-rights"), ("person", .string(person)), ("on", date(on)), ("holds", .bool(holds))]
        case .representative(let person, let on, let group, let represented, let since, let left):
            members = [("figure", "representative"), ("person", .string(person)), ("on", date(on)), ("group", .string(group)),
                       ("represented", string(represented)), ("since", date(since)), ("left", date(left))]
        case .notice(let kind, let at, let election, let posted, let given, let required):
            members = [("figure", "notice"), ("kind", .string(kind.rawValue)), ("at", .string(at)), ("election", date(election)), ("posted", date(posted)),
                       ("daysGiven", int(given)), ("daysRequired", .integer(required))]
        case .question(let vote, let decided, let required):
            members = [("figure", "question"), ("vote", .string(vote)), ("decided", .string(decided.rawValue)), ("required", .string(required.rawValue))]
        case .investigation(let petition, let substantiated):
            members = [("figure", "investigation"), ("petition", .string(petition)), ("substantiated", substantiated.map { .bool($0) } ?? .null)]
        case .tally(let approve, let cast, let eligible):
            members = [("figure", "tally"), ("approve", .integer(approve)), ("cast", .integer(cast)), ("eligible", .integer(eligible))]
        case .confidenceTally(let votesFor, let cast):
            members = [("figure", "confidence-tally"), ("for", .integer(votesFor)), ("cast", .integer(cast))]
        case .supervisionPost(let person, let unit, let on, let since):
            members = [("figure", "supervision-post"), ("person", .string(person)), ("unit", .string(unit)), ("on", date(on)), ("since", date(since))]
        }
        var object = JSONObject()
        for (key, value) in members { object.set(key, value) }
        return .object(object)
    }

}
