import EventLog
import Foundation
import Testing
import TestSupport

/// A village's own posts and register: its committee (Art. 6: 3 to 7 members), its supervision committee
/// (Art. 32: none of the committee; Yao'an 三(三)1: 3 members under 5,000 people, otherwise 5, one director),
/// its representatives (Art. 25; Yao'an 三(四)1: each for 5 to 15 households) and its population.
@Suite("Scenarios: committees, supervision committees, representatives")
struct UnitOfficeScenarios {
    static func installed(_ person: String, _ post: String, unit: String = "unit:village", on date: String = "2023-01-10") -> String {
        #"{"type":"committee.installed","effectiveDate":"\#(date)","data":{"unit":"\#(unit)","person":"person:\#(person)","post":"\#(post)","electionDay":"\#(date)"}}"#
    }
    static func population(_ count: Int, on date: String = "2023-01-01") -> String {
        #"{"type":"unit.population.recorded","effectiveDate":"\#(date)","data":{"unit":"unit:village","population":\#(count),"households":1200}}"#
    }

    func alerts(_ lines: [String], asOf: String = "2023-06-30") throws -> [String] { try alertLines(lines, asOf: asOf) }

    /// The people, and the notices of the January 2023 election (Art. 14; Yao'an 三(二)3).
    let people = ["d", "m1", "m2", "s1", "s2", "s3", "s4", "s5"].map { Scenario.person($0) } + Scenario.unitNotices("2023-01-10")

    @Test func postsFollowArticle32AndOneDirector() throws {
        try play(Scenario(policy: "policy:yaoan-2019").with(people), [
            (Self.installed("d", "committee-director", unit: "unit:town"),
             .refused("not a village or community: unit:town is a town; committees, supervision committees and representatives belong to a village or community")),
            (Self.installed("d", "committee-director"), .accepted),
            (Self.installed("m1", "committee-director"), .refused("the committee has a director: person:d holds committee-director of unit:village since 2023-01-10")),
            (Self.installed("m1", "committee-member"), .accepted),
            (Self.installed("m1", "committee-member"), .refused("post already held: person:m1 has held committee-member of unit:village since 2023-01-10")),
            (Self.installed("m1", "supervision-member"),
             .refused("on both committees: person:m1 holds committee-member of unit:village; a member of the village committee cannot sit on its supervision committee, nor the reverse; 村民委员会组织法 (2018) Art. 32")),
            (Self.installed("s1", "supervision-director"), .accepted),
            (#"{"type":"committee.ended","effectiveDate":"2023-01-09","data":{"unit":"unit:village","person":"person:s1","post":"supervision-director","reason":"resigned"}}"#,
             .refused("post ends before it began")),
            (#"{"type":"committee.ended","effectiveDate":"2023-05-01","data":{"unit":"unit:village","person":"person:s1","post":"supervision-director","reason":"resigned"}}"#, .accepted),
            (Self.installed("s2", "supervision-director", on: "2023-05-02"),
             .refused("notice not posted: no voter list (选民名单) notice of unit:village is recorded before the election on 2023-05-02")),
            (Scenario.unitNotices("2023-05-02")[0], .accepted),
            (Scenario.unitNotices("2023-05-02")[1], .accepted),
            (Self.installed("s2", "supervision-director", on: "2023-05-02"), .accepted),
        ])
    }

    /// Yao'an 三(三)1: 4,999 people need 3 supervision members, 5,000 need 5; the committee needs 3 to 7 (Art. 6).
    @Test func seatsFollowThePopulationAndTheCommitteeItsSize() throws {
        let setup = Scenario(policy: "policy:yaoan-2019").lines + people
            + [Self.installed("d", "committee-director"), Self.installed("m1", "committee-member"),
               Self.installed("s1", "supervision-director"), Self.installed("s2", "supervision-member")]
        let small = try alerts(setup + [Self.population(4_999)])
        #expect(small.contains { $0.hasSuffix("(unit:village): unit:village (population 4999) has 2 supervision committee members in office; 3 are required, 1 seat(s) vacant; 003_47d81f790fe2866f.txt 三(三)1 (行政村人口在5000人以下的原则上设3人, 5000人以上的原则上设5人), 三(三)3 (年度测评信任票数达不到半数的, 终止其任职资格) (policy:yaoan-2019)") }, "\(small)")
        #expect(small.contains { $0.hasSuffix("(unit:village): unit:village's committee has 2 members in office; the policy requires 3 to 7; 村民委员会组织法 (2018) Art. 6 (主任、副主任和委员共三至七人) (policy:statute-2018-village)") }, "\(small)")
        let large = try alerts(setup + [Self.population(4_999), Self.population(5_000, on: "2023-03-01"), Self.installed("s3", "supervision-member"),
                                        Self.installed("m2", "committee-deputy-director")])
        #expect(large.contains { $0.contains("(unit:village): unit:village (population 5000) has 3 supervision committee members in office; 5 are required, 2 seat(s) vacant") }, "\(large)")
        #expect(!large.contains { $0.contains("committee size") }, "\(large)")
        let full = try alerts(setup + [Self.population(4_999), Self.installed("s3", "supervision-member"), Self.installed("m2", "committee-member")])
        #expect(!full.contains { $0.contains("supervision") || $0.contains("committee size") }, "\(full)")
        // Five years on (the statute floor's term, Art. 11), every term has expired without an election.
        let later = try alerts(setup + [Self.population(4_999), Self.installed("s3", "supervision-member"), Self.installed("m2", "committee-member")], asOf: "2028-01-10")
        #expect(later.filter { $0.hasPrefix("- [term expired]") && $0.contains("(unit:village): ") }.count == 6, "\(later)")
        #expect(later.contains { $0.hasSuffix("(unit:village): person:d has held committee-director of unit:village since 2023-01-10; the term ended on 2028-01-10 without an election; 村民委员会组织法 (2018) Art. 11, Art. 28 (policy:statute-2018-village)") }, "\(later)")
    }

    /// Yao'an 三(四)1: one representative stands for 5 to 15 households.
    @Test func aRepresentativeStandsForFiveToFifteenHouseholds() throws {
        let setup = Scenario(policy: "policy:yaoan-2019").lines + people
        let found = try alerts(setup + [Scenario.representative("m1", households: 15), Scenario.representative("m2", households: 16),
                                        Scenario.representative("s1", households: 4), Scenario.representative("s2", households: 5)])
        #expect(found.filter { $0.contains("representative households") } == [
            "- [representative households] a (group:a): person:m2 represents 16 households of group:a; one representative stands for 5 to 15; 003_47d81f790fe2866f.txt 三(四)1 (每名村民代表所代表的村民原则上不少于5户, 不多于15户) (policy:yaoan-2019)",
            "- [representative households] a (group:a): person:s1 represents 4 households of group:a; one representative stands for 5 to 15; 003_47d81f790fe2866f.txt 三(四)1 (每名村民代表所代表的村民原则上不少于5户, 不多于15户) (policy:yaoan-2019)",
        ])
        try play(Scenario(policy: "policy:yaoan-2019").with(people), [
            (Scenario.representative("m1", households: 0), .refused("representative of no household")),
            (#"{"type":"representative.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:town","person":"person:m1","group":"group:a","households":10}}"#,
             .refused("not a village or community")),
            (#"{"type":"representative.ended","effectiveDate":"2023-01-01","data":{"unit":"unit:village","person":"person:m1","reason":"resigned"}}"#,
             .refused("not a representative: person:m1 is not a representative of unit:village on 2023-01-01")),
        ])
    }

    /// Yao'an 三(三)3: a supervision member whose yearly confidence votes do not reach half loses the post: half
    /// exactly keeps it, one vote short raises an alert while the member stays.
    @Test func aSupervisionMemberNeedsHalfTheConfidenceVotes() throws {
        func vote(_ person: String, _ votesFor: Int, of cast: Int) -> String {
            #"{"type":"confidence.voted","effectiveDate":"2023-12-20","data":{"unit":"unit:village","person":"person:\#(person)","year":2023,"votesFor":\#(votesFor),"votesCast":\#(cast)}}"#
        }
        let setup = Scenario(policy: "policy:yaoan-2019").lines + people + [Self.population(3_000), Self.installed("s1", "supervision-director"),
                                                                        Self.installed("s2", "supervision-member"), Self.installed("s3", "supervision-member")]
        let found = try alerts(setup + [vote("s2", 11, of: 22), vote("s3", 10, of: 21)], asOf: "2024-01-31")
        #expect(found.filter { $0.contains("without confidence") }.map { $0.drop { $0 != "(" } } == [
            "(unit:village): person:s3 received 10 votes of confidence of 21 in the 2023 vote of 2023-12-20, short of at least 1/2 (11), and still holds supervision-member; the source requires the post to end (终止其任职资格); 003_47d81f790fe2866f.txt 三(三)1 (行政村人口在5000人以下的原则上设3人, 5000人以上的原则上设5人), 三(三)3 (年度测评信任票数达不到半数的, 终止其任职资格) (policy:yaoan-2019)",
        ], "\(found)")
        try play(Scenario(policy: "policy:yaoan-2019").with(people + [Self.installed("s1", "supervision-member")]), [
            (vote("d", 10, of: 20), .refused("not a supervision member: person:d holds no supervision committee post of unit:village on 2023-12-20")),
            (vote("s1", 21, of: 20), .refused("impossible tally")),
            (vote("s1", 15, of: 20), .accepted),
            (vote("s1", 16, of: 20), .refused("already voted")),
        ])
    }

    /// A committee election's notices (Art. 14: the voter list at least 20 days before election day; Yao'an
    /// 三(二)3: the candidates 7 days), posted by the village: 19 and 6 days are refused, 20 and 7 accepted.
    @Test func aCommitteeElectionNeedsItsNotices() throws {
        func notice(_ kind: String, _ date: String) -> String {
            #"{"type":"unit.notice.posted","effectiveDate":"\#(date)","data":{"unit":"unit:village","kind":"\#(kind)","election":"election:v-2023"}}"#
        }
        let install = #"{"type":"committee.installed","effectiveDate":"2023-03-02","data":{"unit":"unit:village","person":"person:d","post":"committee-director","electionDay":"2023-03-01","election":"election:v-2023"}}"#
        try play(Scenario(policy: "policy:yaoan-2019").with([Scenario.person("d"), notice("voter-list", "2023-02-10"), notice("candidates", "2023-02-23")]), [
            (install, .refused("notice too short: the voter list (选民名单) of unit:village was posted on 2023-02-10, 19 days before the election on 2023-03-01; at least 20 days are required; 003_47d81f790fe2866f.txt 三(二)3 (policy:yaoan-2019)")),
            (notice("voter-list", "2023-02-09"), .accepted),
            (install, .refused("notice too short: the candidates (候选人) of unit:village was posted on 2023-02-23, 6 days before the election on 2023-03-01; at least 7 days are required; 003_47d81f790fe2866f.txt 三(二)3")),
            (notice("candidates", "2023-02-22"), .accepted),
            (#"{"type":"committee.installed","effectiveDate":"2023-02-28","data":{"unit":"unit:village","person":"person:d","post":"committee-director","electionDay":"2023-03-01"}}"#,
             .refused("installed before the election: installed on 2023-02-28; the election is dated 2023-03-01")),
            (install, .accepted),
            // Setup: 6 + 3 events; the notices relied on are 10 (voter list) and 11 (candidates), the installation 12.
            (Scenario.retract(10, subject: "unit:village"), .refused("later events depend on it: event 10 (unit.notice.posted) is named or cited by event 12")),
        ])
    }
}
