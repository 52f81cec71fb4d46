public import CanonicalJSON
import EventLog
public import Messages
import Synchronization

/// The policy document: every parameter that differs between jurisdictions (RULES.md: "a rule is never a
/// constant in code"). Each section names its source, which every refusal under it cites. A document may
/// `extend` another: its sections replace the parent's whole, the rest are inherited.
public enum PolicyDocument {
    static func threshold(_ name: String, _ description: String, required: Bool = true) -> FieldSpec {
        FieldSpec(name, .object([
            field("numerator", .count, "n of n/d."),
            field("denominator", .count, "d of n/d (> 0)."),
            field("inclusive", .boolean, "true: at least n/d (以上); false: more than n/d (过半数, strictly)."),
        ]), required: required, description)
    }

    static let source = field("source", .text(maxBytes: 500), "Where the section's rules come from: document file and section, or statute article.")

    /// Version 1 of the document, as published (`Schemas/policy.v1.schema.json` is generated from it): frozen,
    /// never edited. The program reads version 2 (`spec`).
    public static let specV1 = EventTypeSpec(
        "policy", title: "Policy document", term: "政策参数",
        "The parameters a jurisdiction's rules use, adopted by policy.adopted from an effective date.",
        stream: "id", subjects: [], fields: [
            field("id", .id(prefix: "policy:"), "The policy's id."),
            field("title", .text(maxBytes: 200), "Its title."),
            field("source", .text(maxBytes: 500), "The document it encodes (file name in ../shared/seeds/, or statute and version)."),
            field("appliesTo", .list(.oneOf(EventCatalog.groupKind), minItems: 1, maxItems: 2), "Group kinds it governs: village 村民小组, resident 居民小组."),
            optional("extends", .id(prefix: "policy:"), "The policy whose sections it inherits."),
            optional("documentDate", .date, "The document's own date (in force from)."),
            optional("meeting", .object([
                threshold("quorumAdults", "Quorum by adults present of adults entitled (应到): either quorum suffices.", required: false),
                threshold("quorumHouseholds", "Quorum by households represented.", required: false),
                threshold("decision", "A decision (an election's winner among them) needs this share of those attending."),
                source,
            ]), "Group meeting quorum and decision (村民小组会议)."),
            optional("term", .object([field("years", .count, "Term of office in years."), source]), "Term of office."),
            optional("eligibility", .object([
                field("minimumAge", .count, "Age reached on the meeting's date."),
                field("mustResideInGroup", .boolean, "The candidate lives in the group."),
                field("mustHoldVotingRights", .boolean, "The candidate holds voting rights."),
                source,
            ]), "Who may stand."),
            optional("recall", .object([
                threshold("petitionVoters", "Voters who must sign a recall petition."),
                threshold("turnout", "Votes cast, of registered voters, for a recall vote to count."),
                threshold("approve", "Votes to recall, of votes cast."),
                field("investigationRequired", .boolean, "The committee must investigate before the vote."),
                source,
            ]), "Recall (罢免)."),
            optional("grades", .object([
                field("scale", .list(.oneOf(EventCatalog.grade), minItems: 2, maxItems: 4), "The grades, best first."),
                optional("excellentMaxPercent", .percent, "At most this share of the leaders one unit grades in one year may be 优秀."),
                source,
            ]), "Annual assessment grades (年度考核)."),
            optional("pay", .object([
                field("period", .oneOf(EventCatalog.payPeriod), "The amounts are per year or per month."),
                field("groupLeaderFen", .fen, "A group leader's subsidy per period, in fen."),
                optional("groupMemberFen", .fen, "A group member's subsidy per period, in fen."),
                optional("seniorityFenPerFullYear", .fen, "Added per period for every full year served."),
                field("highestPostOnly", .boolean, "One person holding two posts is paid the higher post's subsidy only (高位取酬)."),
                field("fundingShares", .list(.object([
                    field("fundingSource", .oneOf(EventCatalog.fundingSource), "Who pays."),
                    field("percent", .percent, "Their share."),
                    optional("groupKind", .oneOf(EventCatalog.groupKind), "Only for groups of this kind."),
                ]), minItems: 1, maxItems: 8), "Who pays which share; the shares of each group kind add up to 100."),
                source,
            ]), "Subsidy (误工补贴)."),
            optional("deductions", .object([
                field("unfitPercentOfSubsidy", .percent, "Deducted from the year's post subsidy for a 不称职 grade."),
                source,
            ]), "Deductions."),
            optional("approvals", .object([
                field("groupExpenseNeedsMeeting", .boolean, "Every group expense needs a group meeting's approval."),
                field("assetTransferNeedsMeeting", .boolean, "Leasing or disposing of an asset needs a meeting's approval."),
                source,
            ]), "Required approvals."),
            optional("groupSize", .object([
                optional("householdsMin", .count, "Fewest households."),
                optional("householdsMax", .count, "Most households."),
                optional("membersMin", .count, "Fewest group members (小组成员)."),
                optional("membersMax", .count, "Most group members."),
                source,
            ]), "Group size ranges."),
            optional("handover", .object([field("withinDays", .count, "Days after the change by which handover is due."), source]), "Handover (工作移交)."),
            optional("audits", .object([
                field("annualRequired", .boolean, "Each group's finances are audited at least once a year (年度经济责任审计)."),
                field("departureRequired", .boolean, "A departure audit whenever a leader changes (离任审计)."),
                source,
            ]), "Required audits."),
            optional("disclosure", .object([
                field("financeEveryMonths", .count, "Finances (income, expense, balance) are disclosed at least once in every this many months."),
                source,
            ]), "Disclosure (公开)."),
            optional("notices", .object([
                optional("voterListDays", .count, "The voter list is posted at least this many days before election day."),
                optional("candidatesDays", .count, "Official candidates are posted at least this many days."),
                source,
            ]), "Notice periods."),
        ])

    /// A threshold of version 2: a fraction, and what it is a fraction of (`of`, one of `bases`, the first
    /// the default).
    static func thresholdV2(_ name: String, _ description: String, required: Bool = true, bases: [String]) -> FieldSpec {
        FieldSpec(name, .object([
            field("numerator", .count, "n of n/d."),
            field("denominator", .count, "d of n/d (> 0)."),
            field("inclusive", .boolean, "true: at least n/d (以上); false: more than n/d (过半数, strictly)."),
            optional("of", .oneOf(Vocabulary("ThresholdBase", "What a threshold is a fraction of.", bases)),
                     "What the fraction is of (default \(bases[0])): " + bases.joined(separator: ", ") + "."),
        ]), required: required, description)
    }

    /// Version 2 (`Schemas/policy.v2.schema.json`): what the built-in policies and `policy.defined` documents
    /// are written in. Against version 1:
    /// - every threshold may say what it is a fraction of (`of`): a recall's approval of the votes cast
    ///   (Art. 16) or of all registered voters (Henan Art. 43: 2/3 of the group's voters);
    /// - `grades.scale` is optional: a floor that names no scale restricts none (the statute's Art. 33 names
    ///   only 不称职); `grades.unfitConsecutiveYears` and `grades.unfitRequires` state what the source requires
    ///   after consecutive 不称职 years; `excellentMaxPercent` counts the leaders assessed, whatever the order
    ///   of entry;
    /// - `handover.withinDays` counts from the successor's taking office (Art. 20), and `vacancyWithinDays` /
    ///   `vacancyTo` say what is due while no successor is installed;
    /// - `eligibility.representativeOnlyIn`; the `committee`, `supervision` and `representatives` sections;
    /// - `recall.voteWithinDays` and `recall.failedRetryMonths`; `notices.groupLeaderElections`;
    ///   `approvals.assetTransferNotice`; the `appraisal` section; `unconfirmed` (values not confirmed against
    ///   the source text, as in a template for the 2026 statute).
    public static let specV2 = EventTypeSpec(
        "policy", version: 2, title: "Policy document", term: "政策参数",
        "The parameters a jurisdiction's rules use: built in, or recorded by policy.defined; adopted by policy.adopted from an effective date.",
        stream: "id", subjects: [], fields: [
            field("id", .id(prefix: "policy:"), "The policy's id."),
            field("title", .text(maxBytes: 200), "Its title."),
            field("source", .text(maxBytes: 500), "The document it encodes (file name in ../shared/seeds/, or statute and version)."),
            field("appliesTo", .list(.oneOf(EventCatalog.groupKind), minItems: 1, maxItems: 2), "Group kinds it governs: village 村民小组, resident 居民小组."),
            optional("extends", .id(prefix: "policy:"), "The policy whose sections it inherits."),
            optional("documentDate", .date, "The document's own date (in force from)."),
            optional("unconfirmed", .list(.text(maxBytes: 200), minItems: 1, maxItems: 50),
                     "Values not confirmed against the source text, as section.field paths with a note (a template's placeholders)."),
            optional("meeting", .object([
                thresholdV2("quorumAdults", "Quorum by adults present of adults entitled (应到): either quorum suffices.", required: false, bases: ["adults"]),
                thresholdV2("quorumHouseholds", "Quorum by households represented.", required: false, bases: ["households"]),
                thresholdV2("decision", "A decision (an election's winner among them) needs this share of those attending.", bases: ["attendees"]),
                source,
            ]), "Group meeting quorum and decision (村民小组会议)."),
            optional("term", .object([field("years", .count, "Term of office in years."), source]), "Term of office."),
            optional("eligibility", .object([
                field("minimumAge", .count, "Age reached on the meeting's date."),
                field("mustResideInGroup", .boolean, "The candidate lives in the group."),
                field("mustHoldVotingRights", .boolean, "The candidate holds voting rights."),
                optional("representativeOnlyIn", .list(.oneOf(EventCatalog.groupKind), minItems: 1, maxItems: 2),
                         "In groups of these kinds the leader is chosen from among the group's own representatives (在本小组村民代表中推选产生)."),
                source,
            ]), "Who may stand."),
            optional("committee", .object([
                field("membersMin", .count, "Fewest members of the village or community committee, director and deputies included."),
                field("membersMax", .count, "Most members."),
                source,
            ]), "Committee size (村民委员会、居民委员会的组成)."),
            optional("supervision", .object([
                field("populationThreshold", .count, "The population from which the larger size applies."),
                field("membersBelow", .count, "Members of the supervision committee (director included) below that population."),
                field("membersFrom", .count, "Members from that population on."),
                thresholdV2("confidenceKeep", "The yearly confidence votes, of votes cast, a member needs to keep the post.", required: false, bases: ["ballotsCast"]),
                source,
            ]), "Supervision committee (村务监督委员会)."),
            optional("representatives", .object([
                field("householdsMin", .count, "Fewest households one representative stands for."),
                field("householdsMax", .count, "Most households one representative stands for."),
                source,
            ]), "Villager representatives (村民代表)."),
            optional("recall", .object([
                thresholdV2("petitionVoters", "Voters who must sign a recall petition.", bases: ["registeredVoters"]),
                thresholdV2("petitionRepresentatives", "Or: villager representatives who must sign it instead (Art. 16: one third).", required: false, bases: ["representatives"]),
                thresholdV2("turnout", "Votes cast, of registered voters, for a recall vote to count.", bases: ["registeredVoters"]),
                thresholdV2("approve", "Votes to recall: of votes cast (Art. 16), or of all registered voters (Henan Art. 43).", bases: ["ballotsCast", "registeredVoters"]),
                field("investigationRequired", .boolean, "The committee must investigate before the vote."),
                optional("voteWithinDays", .count, "The recall vote is held within this many days of the petition."),
                optional("failedRetryMonths", .count, "After a recall vote fails, the same grounds are not raised again within this many months (people judge whether grounds are the same: a new petition within the period raises an alert)."),
                source,
            ]), "Recall (罢免)."),
            optional("grades", .object([
                optional("scale", .list(.oneOf(EventCatalog.grade), minItems: 2, maxItems: 4),
                         "The grades, best first. Absent: the policy restricts no grade (the statute names only 不称职)."),
                optional("excellentMaxPercent", .percent,
                         "At most this share of the leaders a unit assesses in one year may be 优秀 (优秀 x 100 <= percent x assessed). Assessed: the group leaders in office in the unit's groups at the end of 31 December of that year, or those graded if more."),
                optional("unfitConsecutiveYears", .count, "Consecutive 不称职 years after which the source requires action."),
                optional("unfitRequires", .text(maxBytes: 300), "What the source requires then (e.g. recall by procedure; replace the leader)."),
                source,
            ]), "Annual assessment grades (年度考核)."),
            optional("pay", .object([
                field("period", .oneOf(EventCatalog.payPeriod), "The amounts are per year or per month."),
                field("groupLeaderFen", .fen, "A group leader's subsidy per period, in fen."),
                optional("groupMemberFen", .fen, "A group member's subsidy per period, in fen."),
                optional("seniorityFenPerFullYear", .fen, "Added per period for every full year served."),
                field("highestPostOnly", .boolean, "One person holding two posts is paid the higher post's subsidy only (高位取酬)."),
                optional("unitPostsFen", .list(.object([
                    field("post", .oneOf(EventCatalog.unitPost), "A village's or community's post."),
                    field("fen", .fen, "Its subsidy per period, in fen."),
                ]), minItems: 1, maxItems: 5), "The subsidies of a village's or community's own posts (committee, supervision committee)."),
                field("fundingShares", .list(.object([
                    field("fundingSource", .oneOf(EventCatalog.fundingSource), "Who pays."),
                    field("percent", .percent, "Their share."),
                    optional("groupKind", .oneOf(EventCatalog.groupKind), "Only for groups of this kind."),
                ]), minItems: 1, maxItems: 8), "Who pays which share; the shares of each group kind add up to 100."),
                source,
            ]), "Subsidy (误工补贴)."),
            optional("deductions", .object([
                field("unfitPercentOfSubsidy", .percent, "Deducted from the year's post subsidy for a 不称职 grade."),
                source,
            ]), "Deductions."),
            optional("approvals", .object([
                field("groupExpenseNeedsMeeting", .boolean, "Every group expense needs a group meeting's approval."),
                field("assetTransferNeedsMeeting", .boolean, "Leasing or disposing of an asset needs a meeting's approval."),
                optional("assetTransferNotice", .boolean, "A notice precedes that meeting, and the result is published after it (公告, 会议审议, 结果公开)."),
                source,
            ]), "Required approvals."),
            optional("groupSize", .object([
                optional("householdsMin", .count, "Fewest households."),
                optional("householdsMax", .count, "Most households."),
                optional("membersMin", .count, "Fewest group members (小组成员)."),
                optional("membersMax", .count, "Most group members."),
                source,
            ]), "Group size ranges."),
            optional("handover", .object([
                field("withinDays", .count, "Days after the successor takes office by which the outgoing leader hands over (工作移交)."),
                optional("vacancyWithinDays", .count, "While no successor is installed: days after the departure by which the outgoing leader hands over to vacancyTo."),
                optional("vacancyTo", .text(maxBytes: 200), "Who receives the handover while the post is vacant (the village committee, or a custodian)."),
                source,
            ]), "Handover (工作移交)."),
            optional("audits", .object([
                field("annualRequired", .boolean, "Each group's finances are audited at least once a year (年度经济责任审计)."),
                field("departureRequired", .boolean, "A departure audit whenever a leader changes (离任审计)."),
                source,
            ]), "Required audits."),
            optional("disclosure", .object([
                field("financeEveryMonths", .count, "Finances (income, expense, balance) are disclosed at least once in every this many months."),
                source,
            ]), "Disclosure (公开)."),
            optional("notices", .object([
                optional("voterListDays", .count, "The voter list is posted at least this many days before election day."),
                optional("candidatesDays", .count, "Official candidates are posted at least this many days."),
                optional("groupLeaderElections", .boolean, "These notice periods govern a group leader's election too (Deqing 二: group leaders are chosen under the committee election rules); otherwise they govern committee elections only."),
                source,
            ]), "Notice periods."),
            optional("appraisal", .object([
                optional("weightPercent", .percent, "The democratic appraisal's weight in the year's assessment (民主评议结果占年度考核的比重)."),
                thresholdV2("unfitVotes", "Share of the appraisal's votes that are 不称职 beyond which the source requires action.", required: false, bases: ["appraisalVotes"]),
                optional("unfitRequires", .text(maxBytes: 300), "What the source then requires (e.g. prompt organisational adjustment)."),
                optional("monthsApartMin", .count, "Appraisals of one holder in one group at least this many months apart."),
                source,
            ]), "Democratic appraisal (民主评议)."),
        ])

    /// Version 3 (`Schemas/policy.v3.schema.json`, published): Version 2's fields, and the
    /// optional `recording` section: the most days an entry may be recorded after its effective date (counted
    /// from the day of its recorded time in Beijing time). No seed sets such a limit; a jurisdiction that
    /// wants one defines it. A version 2 document is a valid version 3 document.
    public static let specV3 = EventTypeSpec(
        "policy", version: 3, title: "Policy document", term: "政策参数",
        "The parameters a jurisdiction's rules use: built in, or recorded by policy.defined; adopted by policy.adopted from an effective date.",
        stream: "id", subjects: [], fields: specV2.fields + [
            optional("recording", .object([
                field("daysMax", .count, "An entry recorded more than this many days after its effective date raises an alert (the days counted from the recorded time's day in Beijing time, UTC+8)."),
                source,
            ]), "Timely recording (及时入账)."),
        ])

    /// Version 4 (`Schemas/policy.v4.schema.json`): what the program reads now. Version 3 and the `retention`
    /// section, a retention period for records of money paid to a person, during which the person's personal
    /// data is not erased (Schemas/PERSONAL.md). A version-3 document is a version-4 document.
    public static let spec = EventTypeSpec(
        "policy", version: 4, title: specV3.title, term: specV3.term, specV3.description,
        stream: "id", subjects: [], fields: specV3.fields + [
            optional("retention", .object([
                field("moneyRecordsYears", .count,
                      "Years the records of money accrued, awarded, deducted or paid to a person are kept (会计凭证、会计账簿), counted from the day after the end of the year the record's effective date falls in; until then the person's personal data is not erased."),
                source,
            ]), "Retention of records naming a person (会计档案保管期限): a hold on erasing their personal data (个人信息保护法 第四十七条第二款)."),
        ])

    public static let sections = ["meeting", "term", "eligibility", "recall", "grades", "pay", "deductions", "approvals", "groupSize", "handover",
                                  "audits", "disclosure", "notices", "appraisal", "committee", "supervision", "representatives", "recording", "retention"]
}

/// A policy with its parents' sections filled in.
public struct Policy: Sendable {
    public let id: String
    public let title: String
    public let source: String
    public let appliesTo: [String]
    /// The ids it was resolved from, itself first.
    public let lineage: [String]
    /// The resolved document (sections merged), as JSON.
    public let document: JSONObject
    public let meeting: Meeting?
    public let termYears: (years: Int64, source: String)?
    public let eligibility: Eligibility?
    public let recall: Recall?
    public let grades: Grades?
    public let pay: Pay?
    public let unfitDeduction: (percent: Int64, source: String)?
    public let approvals: Approvals?
    public let audits: (annual: Bool, departure: Bool, source: String)?
    public let disclosureMonths: (months: Int64, source: String)?
    /// The most days an entry may be recorded after its effective date (policy v3 `recording`), if set.
    public let recordingDaysMax: (days: Int64, source: String)?
    public let groupSize: (householdsMin: Int64?, householdsMax: Int64?, membersMin: Int64?, membersMax: Int64?, source: String)?
    public let handover: Handover?
    public let appraisal: Appraisal?
    public let notices: Notices?
    /// Committee size, and the households one representative stands for.
    public let committee: Range?
    public let representatives: Range?
    public let supervision: Supervision?
    /// Values not confirmed against the source text (a template's placeholders).
    public let unconfirmed: [String]
    /// Years the records of money paid to a person hold their personal data from erasure, and the source.
    public let retention: (moneyRecordsYears: Int64, source: String)?

    init(id: String, title: String, source: String, appliesTo: [String], lineage: [String], document: JSONObject) {
        self.id = id
        self.title = title
        self.source = source
        self.appliesTo = appliesTo
        self.lineage = lineage
        self.document = document
        let sections = Sections(document: document)
        meeting = sections.meeting
        termYears = sections.termYears
        eligibility = sections.eligibility
        recall = sections.recall
        grades = sections.grades
        pay = sections.pay
        unfitDeduction = sections.unfitDeduction
        approvals = sections.approvals
        audits = sections.audits
        disclosureMonths = sections.disclosureMonths
        recordingDaysMax = sections.section("recording").flatMap { s in s["daysMax"]?.integerValue.map { ($0, Policy.text(s["source"])) } }
        groupSize = sections.groupSize
        handover = sections.handover
        appraisal = sections.appraisal
        notices = sections.notices
        committee = sections.range("committee", min: "membersMin", max: "membersMax")
        representatives = sections.range("representatives", min: "householdsMin", max: "householdsMax")
        supervision = sections.supervision
        unconfirmed = document["unconfirmed"]?.arrayValue?.compactMap(\.stringValue) ?? []
        retention = document["retention"]?.objectValue.flatMap { section in
            section["moneyRecordsYears"]?.integerValue.map { ($0, Policy.text(section["source"])) }
        }
    }
    /// For a policy composed from several adoptions: the policy each section came from.
    public var origins: [String: String] = [:]

    /// The policy that supplied `section` (the one a refusal under it cites).
    public func origin(_ section: String) -> String { origins[section] ?? id }

    /// Layers policies section by section: each section from the first layer that has it (nearest unit
    /// first, the statute floor last). The result is named after the first layer.
    public static func compose(_ layers: [Policy]) -> Policy { composeUncached(layers) }

    static func composeUncached(_ layers: [Policy]) -> Policy {
        var document = JSONObject()
        for header in ["id", "title", "source", "appliesTo", "documentDate"] {
            if let value = layers[0].document[header] { document.set(header, value) }
        }
        var origins: [String: String] = [:]
        for section in PolicyDocument.sections {
            for layer in layers {
                if let value = layer.document[section] {
                    document.set(section, value)
                    origins[section] = layer.origin(section)
                    break
                }
            }
        }
        // A value left unconfirmed by the layer a section came from stays unconfirmed in the composition.
        let unconfirmed = layers.flatMap { layer in
            layer.unconfirmed.filter { path in
                let section = String(path.prefix { $0 != "." && $0 != " " })
                return origins[section] == nil ? layer.id == layers[0].id : origins[section] == layer.origin(section)
            }
        }
        if !unconfirmed.isEmpty { document.set("unconfirmed", .array(unconfirmed.map { .string($0) })) }
        var composed = Policy(id: layers[0].id, title: layers[0].title, source: layers[0].source, appliesTo: layers[0].appliesTo,
                              lineage: layers.flatMap(\.lineage), document: document)
        composed.origins = origins
        return composed
    }

    public struct Meeting: Sendable { public let quorumAdults: Threshold?, quorumHouseholds: Threshold?, decision: Threshold, source: String }
    public struct Eligibility: Sendable {
        public let minimumAge: Int, mustResideInGroup: Bool, mustHoldVotingRights: Bool, source: String
        /// Group kinds whose leader must be one of the group's representatives.
        public var representativeOnlyIn: [String] = []
    }
    public struct Range: Sendable { public let min: Int64, max: Int64, source: String }
    public struct Supervision: Sendable {
        public let populationThreshold: Int64, membersBelow: Int64, membersFrom: Int64, source: String
        public var confidenceKeep: Threshold? = nil
    }
    public struct Recall: Sendable {
        public let petitionVoters: Threshold, turnout: Threshold, approve: Threshold, investigationRequired: Bool, source: String
        /// What `approve` is a fraction of: the votes cast (Art. 16), or all registered voters.
        public var approveOfRegisteredVoters = false
        public var voteWithinDays: Int64? = nil
        /// A petition by this share of the village's representatives suffices too (Art. 16).
        public var petitionRepresentatives: Threshold? = nil
        public var failedRetryMonths: Int64? = nil
    }
    public struct Notices: Sendable { public let voterListDays: Int64?, candidatesDays: Int64?, groupLeaderElections: Bool, source: String }
    public struct Grades: Sendable {
        /// Nil: the policy restricts no grade.
        public let scale: [String]?
        public let excellentMaxPercent: Int64?
        public let unfitConsecutiveYears: Int64?
        public let unfitRequires: String?
        public let source: String
    }
    public struct Appraisal: Sendable {
        public let weightPercent: Int64?, unfitVotes: Threshold?, unfitRequires: String?, monthsApartMin: Int64?, source: String
    }
    public struct Handover: Sendable { public let withinDays: Int64, vacancyWithinDays: Int64?, vacancyTo: String?, source: String }
    public struct FundingShare: Sendable { public let fundingSource: String, percent: Int64, groupKind: String? }
    public struct Pay: Sendable {
        public let period: String, groupLeaderFen: Int64, groupMemberFen: Int64?, seniorityFenPerFullYear: Int64
        public let highestPostOnly: Bool, fundingShares: [FundingShare], source: String
        /// The subsidies of a village's or community's own posts, by post.
        public var unitPostsFen: [String: Int64] = [:]
    }
    public struct Approvals: Sendable {
        public let groupExpenseNeedsMeeting: Bool, assetTransferNeedsMeeting: Bool, source: String
        public var assetTransferNotice = false
    }

    static func threshold(_ value: JSONValue) -> Threshold? {
        guard let s = value.objectValue, let n = s["numerator"]?.integerValue, let d = s["denominator"]?.integerValue,
              let inclusive = s["inclusive"]?.boolValue, d > 0, n >= 0, n <= d else { return nil }
        return Threshold(n, d, inclusive: inclusive)
    }

    static func text(_ value: JSONValue?) -> String { value?.stringValue ?? "" }
}


/// Reads a resolved document's typed sections once (Policy stores them).
struct Sections {
    let document: JSONObject
    func section(_ name: String) -> JSONObject? { document[name]?.objectValue }

    var meeting: Policy.Meeting? {
        section("meeting").map { s in
            Policy.Meeting(quorumAdults: s["quorumAdults"].flatMap(Policy.threshold), quorumHouseholds: s["quorumHouseholds"].flatMap(Policy.threshold),
                    decision: s["decision"].flatMap(Policy.threshold) ?? Threshold(1, 2, inclusive: false), source: Policy.text(s["source"]))
        }
    }
    var termYears: (years: Int64, source: String)? {
        section("term").map { (($0["years"]?.integerValue ?? 0), Policy.text($0["source"])) }
    }
    var eligibility: Policy.Eligibility? {
        section("eligibility").map { s in
            var eligibility = Policy.Eligibility(minimumAge: Int(s["minimumAge"]?.integerValue ?? 18), mustResideInGroup: s["mustResideInGroup"]?.boolValue ?? true,
                                                 mustHoldVotingRights: s["mustHoldVotingRights"]?.boolValue ?? true, source: Policy.text(s["source"]))
            eligibility.representativeOnlyIn = s["representativeOnlyIn"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return eligibility
        }
    }
    var recall: Policy.Recall? {
        section("recall").flatMap { s in
            guard let petition = s["petitionVoters"].flatMap(Policy.threshold), let turnout = s["turnout"].flatMap(Policy.threshold),
                  let approve = s["approve"].flatMap(Policy.threshold) else { return nil }
            var recall = Policy.Recall(petitionVoters: petition, turnout: turnout, approve: approve,
                                       investigationRequired: s["investigationRequired"]?.boolValue ?? false, source: Policy.text(s["source"]))
            recall.approveOfRegisteredVoters = s["approve"]?.objectValue?["of"]?.stringValue == "registeredVoters"
            recall.voteWithinDays = s["voteWithinDays"]?.integerValue
            recall.petitionRepresentatives = s["petitionRepresentatives"].flatMap(Policy.threshold)
            recall.failedRetryMonths = s["failedRetryMonths"]?.integerValue
            return recall
        }
    }
    var grades: Policy.Grades? {
        section("grades").map { s in
            Policy.Grades(scale: s["scale"]?.arrayValue?.compactMap(\.stringValue), excellentMaxPercent: s["excellentMaxPercent"]?.integerValue,
                          unfitConsecutiveYears: s["unfitConsecutiveYears"]?.integerValue, unfitRequires: s["unfitRequires"]?.stringValue,
                          source: Policy.text(s["source"]))
        }
    }
    var pay: Policy.Pay? {
        section("pay").map { s in
            var pay = Policy.Pay(period: Policy.text(s["period"]), groupLeaderFen: s["groupLeaderFen"]?.integerValue ?? 0, groupMemberFen: s["groupMemberFen"]?.integerValue,
                seniorityFenPerFullYear: s["seniorityFenPerFullYear"]?.integerValue ?? 0, highestPostOnly: s["highestPostOnly"]?.boolValue ?? false,
                fundingShares: (s["fundingShares"]?.arrayValue ?? []).compactMap { $0.objectValue }.map { share in
                    Policy.FundingShare(fundingSource: Policy.text(share["fundingSource"]), percent: share["percent"]?.integerValue ?? 0,
                                 groupKind: share["groupKind"]?.stringValue)
                }, source: Policy.text(s["source"]))
            for entry in (s["unitPostsFen"]?.arrayValue ?? []).compactMap(\.objectValue) {
                if let post = entry["post"]?.stringValue, let fen = entry["fen"]?.integerValue { pay.unitPostsFen[post] = fen }
            }
            return pay
        }
    }
    var unfitDeduction: (percent: Int64, source: String)? {
        section("deductions").map { ($0["unfitPercentOfSubsidy"]?.integerValue ?? 0, Policy.text($0["source"])) }
    }
    var approvals: Policy.Approvals? {
        section("approvals").map { s in
            var approvals = Policy.Approvals(groupExpenseNeedsMeeting: s["groupExpenseNeedsMeeting"]?.boolValue ?? false,
                                             assetTransferNeedsMeeting: s["assetTransferNeedsMeeting"]?.boolValue ?? false, source: Policy.text(s["source"]))
            approvals.assetTransferNotice = s["assetTransferNotice"]?.boolValue ?? false
            return approvals
        }
    }
    var audits: (annual: Bool, departure: Bool, source: String)? {
        section("audits").map { ($0["annualRequired"]?.boolValue ?? false, $0["departureRequired"]?.boolValue ?? false, Policy.text($0["source"])) }
    }
    var disclosureMonths: (months: Int64, source: String)? {
        section("disclosure").map { ($0["financeEveryMonths"]?.integerValue ?? 0, Policy.text($0["source"])) }
    }
    var groupSize: (householdsMin: Int64?, householdsMax: Int64?, membersMin: Int64?, membersMax: Int64?, source: String)? {
        section("groupSize").map { ($0["householdsMin"]?.integerValue, $0["householdsMax"]?.integerValue, $0["membersMin"]?.integerValue,
                                    $0["membersMax"]?.integerValue, Policy.text($0["source"])) }
    }
    func range(_ name: String, min: String, max: String) -> Policy.Range? {
        section(name).flatMap { s in
            guard let low = s[min]?.integerValue, let high = s[max]?.integerValue else { return nil }
            return Policy.Range(min: low, max: high, source: Policy.text(s["source"]))
        }
    }
    var supervision: Policy.Supervision? {
        section("supervision").flatMap { s in
            guard let threshold = s["populationThreshold"]?.integerValue, let below = s["membersBelow"]?.integerValue,
                  let from = s["membersFrom"]?.integerValue else { return nil }
            var supervision = Policy.Supervision(populationThreshold: threshold, membersBelow: below, membersFrom: from, source: Policy.text(s["source"]))
            supervision.confidenceKeep = s["confidenceKeep"].flatMap(Policy.threshold)
            return supervision
        }
    }
    var notices: Policy.Notices? {
        section("notices").map { s in
            Policy.Notices(voterListDays: s["voterListDays"]?.integerValue, candidatesDays: s["candidatesDays"]?.integerValue,
                           groupLeaderElections: s["groupLeaderElections"]?.boolValue ?? false, source: Policy.text(s["source"]))
        }
    }
    var appraisal: Policy.Appraisal? {
        section("appraisal").map { s in
            Policy.Appraisal(weightPercent: s["weightPercent"]?.integerValue, unfitVotes: s["unfitVotes"].flatMap(Policy.threshold),
                             unfitRequires: s["unfitRequires"]?.stringValue, monthsApartMin: s["monthsApartMin"]?.integerValue,
                             source: Policy.text(s["source"]))
        }
    }
    var handover: Policy.Handover? {
        section("handover").map { s in
            Policy.Handover(withinDays: s["withinDays"]?.integerValue ?? 0, vacancyWithinDays: s["vacancyWithinDays"]?.integerValue,
                            vacancyTo: s["vacancyTo"]?.stringValue, source: Policy.text(s["source"]))
        }
    }

}

/// A composed policy as an object, so that a transaction's `TableMemo` can keep it.
final class PolicyBox {
    let policy: Policy
    init(_ policy: Policy) { self.policy = policy }
}

/// Why a policy document is not acceptable.
public struct PolicyError: Error, CustomStringConvertible, Sendable, Equatable {
    public let policy: String
    /// What is wrong, in either language.
    public let reasonText: Text

    init(policy: String, _ reason: Message, _ arguments: KeyValuePairs<String, Arg> = [:]) {
        self.policy = policy
        self.reasonText = Text(reason, arguments)
    }

    public var reason: String { reasonText.rendered(.en) }
    public var description: String { rendered(.en) }

    /// `policy P: reason` in the reader's language.
    public func rendered(_ language: Language) -> String {
        Msg.rules.detail.policyError(["policy": .plain(policy), "reason": .text(reasonText)]).rendered(language)
    }
}

/// The policies this program knows: the built-in ones (the statute floors and one per seed document).
public struct PolicyLibrary: Sendable {
    public let documents: [String: JSONObject]
    /// True for `builtIn` only: its resolutions are cached.
    var isBuiltIn = false

    public init(documents: [String: JSONObject]) { self.documents = documents }

    public static let builtIn: PolicyLibrary = {
        var documents: [String: JSONObject] = [:]
        for text in BuiltInPolicies.documents {
            do {
                guard case .object(let object) = try JSONParser.parse(text) else { preconditionFailure("a built-in policy is not an object") }
                try PolicyLibrary.check(object)
                guard let id = object["id"]?.stringValue else { preconditionFailure("a built-in policy has no id") }
                documents[id] = object
            } catch {
                preconditionFailure("built-in policy is invalid: \(error)")
            }
        }
        var library = PolicyLibrary(documents: documents)
        library.isBuiltIn = true
        return library
    }()

    /// Checks a document's shape and its arithmetic (fractions, funding shares).
    public static func check(_ document: JSONObject) throws {
        let id = document["id"]?.stringValue ?? "(no id)"
        do {
            try PayloadValidator.validate(object: document, fields: PolicyDocument.spec.fields, path: "policy")
        } catch {
            throw PolicyError(policy: id, Msg.rules.detail.policyShape, ["error": .plain(error.description)])
        }
        func fractions(_ value: JSONValue, path: String) throws {
            switch value {
            case .object(let object):
                if let n = object["numerator"]?.integerValue, let d = object["denominator"]?.integerValue, n > d || d == 0 {
                    throw PolicyError(policy: id, Msg.rules.detail.policyFraction, ["path": .plain(path), "n": .number(n), "d": .number(d)])
                }
                for member in object.members { try fractions(member.value, path: path + "." + member.key) }
            case .array(let items):
                for (index, item) in items.enumerated() { try fractions(item, path: "\(path)[\(index)]") }
            default: break
            }
        }
        try fractions(.object(document), path: "policy")
        if let shares = document["pay"]?.objectValue?["fundingShares"]?.arrayValue?.compactMap(\.objectValue) {
            let kinds = document["appliesTo"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for kind in kinds {
                let total = shares.filter { $0["groupKind"] == nil || $0["groupKind"]?.stringValue == kind }
                    .reduce(Int64(0)) { $0 + ($1["percent"]?.integerValue ?? 0) }
                guard total == 100 else {
                    throw PolicyError(policy: id, Msg.rules.detail.policyShares, ["kind": .code(kind, in: Msg.words.groupKind), "total": .number(total)])
                }
            }
        }
    }

    /// Resolutions of the built-in policies, computed once (policies are immutable data).
    private static let resolvedBuiltIns: [String: Policy] = {
        var resolved: [String: Policy] = [:]
        for id in builtIn.documents.keys {
            do { resolved[id] = try builtIn.resolveUncached(id) } catch { preconditionFailure("built-in policy \(id) does not resolve: \(error)") }
        }
        return resolved
    }()

    /// The policy `id` with its ancestors' sections filled in.
    public func resolve(_ id: String) throws -> Policy {
        if isBuiltIn, let cached = PolicyLibrary.resolvedBuiltIns[id] { return cached }
        return try resolveUncached(id)
    }

    /// The composition (`Policy.compose`) of built-in policies by id, nearest first; cached, since built-ins
    /// never change and the distinct chains of adoptions are few.
    func composeBuiltIns(_ ids: [String]) throws -> Policy {
        let key = ids.joined(separator: "\u{0}")
        if let cached = PolicyLibrary.compositions.withLock({ $0[key] }) { return cached }
        let composed = Policy.compose(try ids.map { try PolicyLibrary.builtIn.resolve($0) })
        PolicyLibrary.compositions.withLock { cache in
            if cache.count >= PolicyLibrary.compositionsCachedMax { cache.removeAll() }
            cache[key] = composed
        }
        return composed
    }

    static let compositionsCachedMax = 4_096
    /// How deep a chain of `extends` may go.
    public static let extendsDepthMax = 8
    private static let compositions = Mutex<[String: Policy]>([:])

    func resolveUncached(_ id: String) throws -> Policy {
        var lineage: [String] = []
        var merged = JSONObject()
        var next: String? = id
        while let current = next {
            guard !lineage.contains(current) else { throw PolicyError(policy: id, Msg.rules.detail.policyCycle, ["chain": .plain(lineage.joined(separator: " → "))]) }
            guard lineage.count < PolicyLibrary.extendsDepthMax else {
                throw PolicyError(policy: id, Msg.rules.detail.policyTooDeep, ["max": .number(PolicyLibrary.extendsDepthMax)])
            }
            guard let document = documents[current] else {
                throw lineage.isEmpty ? PolicyError(policy: id, Msg.rules.detail.noSuchPolicy, ["known": .ids(documents.keys.sorted())])
                    : PolicyError(policy: id, Msg.rules.detail.extendsUnknownPolicy, ["parent": .plain(current)])
            }
            lineage.append(current)
            for member in document.members where merged[member.key] == nil { merged.set(member.key, member.value) }
            next = document["extends"]?.stringValue
        }
        merged.remove("extends")
        return Policy(id: id, title: merged["title"]?.stringValue ?? id, source: merged["source"]?.stringValue ?? "",
                      appliesTo: merged["appliesTo"]?.arrayValue?.compactMap(\.stringValue) ?? [], lineage: lineage, document: merged)
    }

    /// The statute floor for a group kind, used where no unit has adopted a policy.
    public static func floor(for groupKind: String) -> String {
        groupKind == "resident" ? BuiltInPolicies.statuteResident : BuiltInPolicies.statuteVillage
    }
}
