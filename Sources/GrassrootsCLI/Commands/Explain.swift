import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages

struct ExplainCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Recomputes a decision's validity check by check: quorum, majority, eligibility, notices, a recall's petition.",
        discussion: """
            DECISION is vote:ID (the installations citing it; with none, its front-runner as group leader; \
            a vote on an expense or an asset: its approval) or the seq of a leader.installed, vote.tallied, \
            recall.voted, office.ended (recalled: the recall vote it rests on), expense.approved, \
            asset.transferred (v2), committee.installed (its notices) or confidence.voted (its outcome) event. Each check the rules engine \
            makes when the act is appended is shown with its numbers, threshold, result and source, under \
            the policy in force on the decision's date, as the ledger knows it now or, with --at-seq N, as \
            it stood right after event N (read from the stored versions; never a replay, never the writer \
            lock). An unknown vote, an event that is not a decision, or one not yet recorded at --at-seq: \
            exit 2.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("vote:ID, or the seq of a decision event.", valueName: "decision"))
    var decision: String

    /// `vote:ID` or a seq (from 1).
    var target: ExplainTarget? {
        if decision.hasPrefix("vote:") { return .vote(decision) }
        return UInt64(decision).flatMap { $0 > 0 ? .seq($0) : nil }
    }

    @Option(help: ArgumentHelp("As the ledger stood right after event N (what was known then).", valueName: "seq"))
    var atSeq: UInt64?

    @Flag(name: .customLong("json"), help: "Print as JSON (the same as --format json).")
    var jsonFlag = false

    @Option(help: ArgumentHelp("text, json, or csv (one row per check; UTF-8 with a BOM, for Excel).", valueName: "format"))
    var format: OutputFormat?

    func validate() throws {
        guard target != nil else { throw ValidationError(Msg.explain.badTarget(["given": .plain(decision)]).local) }
        if let atSeq, atSeq == 0 { throw ValidationError(Msg.usage.atSeqFromOne.local) }
        if jsonFlag, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    var output: OutputFormat { jsonFlag ? .json : format ?? .text }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .reading)
            guard let target else { return }
            let explanations: [Explanation]
            do {
                explanations = try ledger.readTables(atSeq: atSeq) { tables, head in try ExplainQuery(target: target, head: head.seq).run(tables) }
            } catch let error as ExplainError {
                throw CLIError.said(ExplainCommand.text(of: error), .badInput)
            }
            let ids = explanations.flatMap { explanation in
                [explanation.assessment.group, explanation.assessment.person].compactMap { $0 } + explanation.assessment.checks.flatMap { $0.ids }
            }
            let names = try Lookup.names(ledger, ids, atSeq: atSeq)
            let language = Reading.language
            switch output {
            case .json:
                var object: JSONObject = ["decisions": .array(explanations.map { ExplainCommand.json($0, names: names) })]
                if let atSeq { object.set("atSeq", .integer(Int64(atSeq))) }
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            case .csv:
                Terminal.write(try ExplainCommand.table(explanations, names: names, language).csv(language))
            case .text:
                var text = atSeq.map { "(" + Msg.common.atSeq(["seq": .number($0)]).local + ")\n" } ?? ""
                text += explanations.map { ExplainCommand.text($0, names: names, language) }.joined(separator: "\n")
                Terminal.write(text)
            }
        }
    }

    static func text(of error: ExplainError) -> Text {
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

// MARK: text

extension ExplainCommand {
    /// An id with its name where the register has one (`Lookup.names`: units, groups, and whatever else it
    /// learns to name).
    static func shown(_ id: String, _ names: [String: String]) -> Arg {
        names[id].map { .text(Msg.common.named(["name": .plain($0), "id": .plain(id)])) } ?? .plain(id)
    }

    /// A stored value of a closed vocabulary in the reader's words (the value itself where the table lacks it).
    static func word(_ value: String, _ table: [String: Message]) -> Arg {
        .text(Text(table[value] ?? Message(en: value, zh: value)))
    }

    static func heading(_ explanation: Explanation, names: [String: String]) -> Text {
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

    static func text(_ explanation: Explanation, names: [String: String], _ language: Language) -> String {
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
        if let failed = a.firstFailure, let violation = failed.violation {
            lines.append(words.invalid(["refusal": .text(violation.text)]).rendered(language))
        } else {
            lines.append(words.valid().rendered(language))
        }
        if let passed = a.passed {
            let outcome = a.decision == .confidence ? (passed ? words.confidenceKept : words.confidenceLost) : (passed ? words.recallPassed : words.recallFailed)
            lines.append(outcome().rendered(language))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mark(_ check: DecisionCheck) -> Text {
        let words = Msg.explain
        switch (check.stage, check.passed) {
        case (.validity, true): return words.pass()
        case (.validity, false): return words.fail()
        case (.outcome, true): return words.outcomeYes()
        case (.outcome, false): return words.outcomeNo()
        }
    }

    static func line(_ check: DecisionCheck, names: [String: String]) -> Text {
        Msg.explain.line(["label": word(check.kind.rawValue, Msg.explain.label),
                          "figures": .text(figures(check, names: names)), "mark": .text(mark(check)), "source": .text(check.source)])
    }

    /// The check's numbers in words; a quorum's two bases joined by "or".
    static func figures(_ check: DecisionCheck, names: [String: String]) -> Text {
        let texts = check.figures.map { figure($0, names: names) }
        guard let first = texts.first else { return Msg.explain.noQuorumRule() }
        return texts.dropFirst().reduce(first) { Msg.explain.either(["first": .text($0), "second": .text($1)]) }
    }

    static func figure(_ figure: Figure, names: [String: String]) -> Text {
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
            case .age(let person, _, _, _, _), .votingRights(let person, _, _): [person]
            case .residence(let person, _, let lived, let group): [person, group] + (lived.map { [$0] } ?? [])
            case .representative(let person, _, let group, let represented, _, _): [person, group] + (represented.map { [$0] } ?? [])
            case .notice(_, let at, _, _, _, _): [at]
            case .supervisionPost(let person, let unit, _, _): [person, unit]
            case .share, .noRule, .question, .investigation, .tally, .confidenceTally: []
            }
        }
    }
}

// MARK: JSON and CSV

extension ExplainCommand {
    /// Typed and stable: codes for kinds, integers for counts, ISO dates, thresholds as fractions; rule
    /// names, details and sources in English (the stable texts machines read).
    static func json(_ explanation: Explanation, names: [String: String]) -> JSONValue {
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

    static func json(_ check: DecisionCheck) -> JSONValue {
        var object: JSONObject = [
            "kind": .string(check.kind.rawValue), "stage": .string(check.stage.rawValue), "passed": .bool(check.passed),
            "source": .string(check.source.rendered(.en)), "figures": .array(check.figures.map(json)),
        ]
        if let violation = check.violation {
            object.set("rule", .string(violation.rule))
            object.set("detail", .string(violation.detail))
        }
        return .object(object)
    }

    static func json(_ figure: Figure) -> JSONValue {
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

    /// One row per check: the decision's event (or its vote), the check, its result, its numbers, its source.
    static func table(_ explanations: [Explanation], names: [String: String], _ language: Language) -> Table {
        let words = Msg.explain
        var table = Table([Column(words.columnDecision), Column(words.columnCheck), Column(words.columnResult), Column(words.columnFigures),
                           Column(words.columnSource)])
        for explanation in explanations {
            let decision = explanation.seq.map(String.init) ?? explanation.assessment.basis
            for check in explanation.assessment.checks {
                table.add([.text(decision), .text(word(check.kind.rawValue, Msg.explain.label).rendered(language)),
                           .text(mark(check).rendered(language)), .text(figures(check, names: names).rendered(language)),
                           .text(check.source.rendered(language))])
            }
        }
        return table
    }
}
