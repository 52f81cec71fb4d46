import CanonicalJSON
import EventLog
import Testing
@testable import Governance
import Messages

/// The act builder behind `grassroots record` (and the server's forms): yuan to fen exactly, flags named from the
/// catalog's fields, ids made from the content, keys derived from it.
@Suite("Acts from named values")
struct ActFormTests {
    /// A ledger of one group, one person and whatever ids and keys a test says are taken.
    struct Context: ActContext {
        var registered: Set<String> = []
        var keys: [String: UInt64] = [:]
        func resolve(_ text: String, as kind: Found.Kind) throws -> String {
            if text.hasPrefix(kind.rawValue + ":") { return text }
            switch (kind, text) {
            case (.group, "第三村民小组"): return "group:lh-03"
            case (.person, "王秀英"): return "person:p-0001"
            default: throw ActError(.badInput, Msg.errors.unknownName(["kind": .plain(kind.rawValue), "text": .plain(text)]))
            }
        }
        func isRegistered(_ id: String) throws -> Bool { registered.contains(id) }
        func seq(ofIdempotencyKey key: String) throws -> UInt64? { keys[key] }
    }

    @Test func yuanBecomeFenExactly() {
        #expect(ActValues.fen(fromYuan: "1200.50") == 120_050)
        #expect(ActValues.fen(fromYuan: "1200.5") == 120_050)
        #expect(ActValues.fen(fromYuan: "1200") == 120_000)
        #expect(ActValues.fen(fromYuan: "0.01") == 1)
        #expect(ActValues.fen(fromYuan: "0.1") == 10)
        #expect(ActValues.fen(fromYuan: "1200.50元") == 120_050)
        #expect(ActValues.fen(fromYuan: "9999999999999.99") == 999_999_999_999_999)
        for bad in ["12.345", "-1", "+1", "1e3", "1,200", ".5", "5.", "", "元", "1.2.3", "１２", " 12", "0x10", "NaN"] {
            #expect(ActValues.fen(fromYuan: bad) == nil, "\(bad)")
        }
        #expect(ActValues.fen(fromYuan: "10000000000000") == nil)
    }

    @Test func everyActIsInTheCatalogWithItsWordsAndFlags() throws {
        #expect(Acts.all.count == 18)
        #expect(Set(Acts.all.map(\.name)).count == Acts.all.count && Set(Acts.all.map(\.alias)).count == Acts.all.count)
        for form in Acts.all {
            #expect(EventCatalog.all.contains { $0.type == form.type }, "\(form.name)")
            #expect(Msg.record.act[form.name] != nil, "\(form.name) has no words in Msg.record.act")
            #expect(form.spec.schemaVersion == EventCatalog.all.filter { $0.type == form.type }.map(\.schemaVersion).max())
            if let field = form.voucherField { #expect(form.spec.fields.contains { $0.name == field }, "\(form.name): \(field)") }
            if let generated = form.generated { #expect(form.spec.fields.contains { $0.name == generated.field }) }
        }
        let meeting = try #require(Acts.form(named: "会议"))
        #expect(meeting.flags.map(\.name) == ["group", "meeting", "purpose", "eligible-adults", "attending-adults", "eligible-households", "attending-households"])
        #expect(try #require(Acts.form(named: "handover")).flags.map(\.name) == ["group", "outgoing", "incoming", "witness", "item", "cash", "balance"])
    }

    func meeting(_ purpose: String = "选举小组长") -> ActRequest {
        ActRequest(values: [("group", "第三村民小组"), ("purpose", purpose), ("eligible-adults", "131"), ("attending-adults", "97")],
                   date: LocalDate(year: 2023, month: 2, day: 18)!, actor: "clerk")
    }

    @Test func idsAndKeysFollowTheContent() throws {
        let form = try #require(Acts.form(named: "meeting"))
        let first = try Acts.build(form, meeting(), context: Context())
        #expect(first.generated.map(\.id) == ["meeting:lh-03-2023-02-18"] && first.recordedAs == nil)
        guard case .meetingHeld(let act) = first.act else { Issue.record("not a meeting: \(first.act)"); return }
        #expect(act.attendingAdults == 97 && act.group == "group:lh-03")
        let key = try #require(first.draft.idempotencyKey)
        #expect(key.hasPrefix("rec:meeting.held:2023-02-18:") && key.utf8.count == "rec:meeting.held:2023-02-18:".utf8.count + 32)
        // The same act again: the same key, recognised.
        let recorded = Context(registered: ["meeting:lh-03-2023-02-18"], keys: [key: 7])
        #expect(try Acts.build(form, meeting(), context: recorded).recordedAs == 7)
        // Another meeting that day: the next id.
        let other = try Acts.build(form, meeting("村务"), context: recorded)
        #expect(other.generated.map(\.id) == ["meeting:lh-03-2023-02-18-2"] && other.taken == ["meeting:lh-03-2023-02-18"] && other.recordedAs == nil)
        // --again: the same content, the next id, a key that says so.
        var again = meeting()
        again.again = true
        let repeated = try Acts.build(form, again, context: recorded)
        #expect(repeated.again == 2 && repeated.draft.idempotencyKey?.hasSuffix("/again-2") == true && repeated.generated.map(\.id) == ["meeting:lh-03-2023-02-18-2"])
    }

    @Test func sealedValuesStayOutOfTheKey() throws {
        let spec = try #require(EventCatalog.spec(type: "person.registered", version: 2))
        let date = LocalDate(year: 2023, month: 1, day: 1)!
        let a: JSONObject = ["person": "person:p-1", "name": "王秀英", "birthDate": "1972-05-14", "sex": "F", "group": "group:g", "votingRights": true]
        var b = a
        b.set("name", "李四")
        #expect(Acts.key(spec, date, a) == Acts.key(spec, date, b))
        b.set("group", "group:h")
        #expect(Acts.key(spec, date, a) != Acts.key(spec, date, b))
    }
}
