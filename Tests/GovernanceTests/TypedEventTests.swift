import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance
@testable import GovernanceCodegen
@testable import GrassrootsDemo

@Suite("Typed events generated from the catalog")
struct TypedEventTests {
    @Test func theCommittedFileIsTheGeneratedOne() throws {
        let committed = try String(contentsOfFile: repositoryRoot + "/Sources/Governance/Catalog/Events.generated.swift", encoding: .utf8)
        #expect(committed == CodeGenerator.source(), "run `swift run grassroots-schemas` to regenerate Events.generated.swift")
        #expect(allGovernanceEventTypes.count == EventCatalog.all.count)
    }

    @Test func everyTypeRoundTripsItsPayloadExactly() throws {
        for type in allGovernanceEventTypes {
            let spec = type.spec
            var minimal = JSONObject()
            for field in spec.fields where field.required { minimal.set(field.name, sample(field.kind, "m")) }
            for payload in [fullObject(spec.fields, "x"), minimal] {
                let event = try type.init(payload: payload)
                #expect(event.payload == payload, "\(spec.type) did not round-trip")
            }
            var broken = minimal
            broken.set("unexpected", 1)
            #expect(throws: PayloadError.self) { _ = try type.init(payload: broken) }
        }
    }

    @Test func eventsAreBuiltAndReadAsSwiftValues() throws {
        let installed = LeaderInstalled(group: "group:a", person: "person:p", post: .groupLeader, vote: "vote:v", termEnds: LocalDate(iso: "2027-12-31"))
        #expect(CanonicalJSON.string(.object(installed.payload)) == #"{"group":"group:a","person":"person:p","post":"group-leader","termEnds":"2027-12-31","vote":"vote:v"}"#)
        let tally = try VoteTallied(payload: try #require(JSONParser.parse(#"{"group":"group:a","vote":"vote:v","meeting":"meeting:m","question":"election","ballotsCast":9,"candidates":[{"person":"person:p","votes":5}]}"#).objectValue))
        #expect(tally.candidates?.first?.votes == 5)
        #expect(tally.yes == nil)
        #expect(VoteTallied.type == "vote.tallied" && VoteTallied.schemaVersion == 1)
    }

    @Test func theDemosDeductionsCiteTheGradesTheyRestOn() throws {
        // The demo builds typed acts; a deduction's `cites` is set to its grade's seq once the history is sorted.
        var size = DemoGenerator.Size()
        size.years = 3
        size.cityGroups = 1
        size.cityCommunities = 1
        size.countyTowns = 2        // town 2 is on Damao's plan, where the third group's leader is graded 不称职
        size.villagesPerTown = 1
        size.groupsPerVillage = 3
        var generator = DemoGenerator(seed: 5, size: size)
        let acts = try generator.generate().map { request in
            let type = try #require(request["type"]?.stringValue)
            let data = try #require(request["data"]?.objectValue)
            return try #require(try GovernanceAct.decode(type: type, schemaVersion: 1, payload: data))
        }
        var deductions = 0
        for case .deductionApplied(let deduction) in acts {
            deductions += 1
            let cited = try #require(acts.indices.contains(Int(deduction.cites) - 1) ? acts[Int(deduction.cites) - 1] : nil)
            guard case .gradeAssigned(let grade) = cited else {
                Issue.record("deduction for \(deduction.person) \(deduction.year) cites seq \(deduction.cites), a \(cited.spec.type)")
                continue
            }
            #expect(grade.person == deduction.person && grade.year == deduction.year && grade.grade == .incompetent)
        }
        #expect(deductions == 2)
    }
}
