import Foundation
import Testing
import TestSupport

/// Names and personal data kept out of the chain (Schemas/PERSONAL.md): person.registered v2, names in the
/// queries, `grassroots erase`, the retention hold, ID-card-shaped ids.
@Suite struct PersonalDataTests {
    static let history = """
        {"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:wk-lianhe","name":"联合村","level":"village"}}
        {"type":"group.registered","effectiveDate":"2023-01-10","data":{"group":"group:lh-03","unit":"unit:wk-lianhe","name":"第三村民小组","kind":"village","households":46,"adults":131}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0001","name":"王秀英","birthDate":"1972-05-14","sex":"F","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0002","name":"张伟","birthDate":"1980-03-02","sex":"M","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0003","name":"张伟","birthDate":"1990-07-21","sex":"M","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","effectiveDate":"2023-01-10","data":{"person":"person:p-0004","birthDate":"1966-11-30","sex":"F","group":"group:lh-03","votingRights":true}}
        {"type":"meeting.held","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","meeting":"meeting:lh-03-0218","purpose":"选举小组长","eligibleAdults":131,"attendingAdults":97}}
        {"type":"vote.tallied","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","vote":"vote:lh-03-leader","meeting":"meeting:lh-03-0218","question":"election","ballotsCast":97,"candidates":[{"person":"person:p-0001","votes":71}]}}
        {"type":"leader.installed","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","vote":"vote:lh-03-leader"}}
        {"type":"bonus.awarded","effectiveDate":"2023-06-01","data":{"person":"person:p-0002","group":"group:lh-03","year":2023,"amountFen":50000,"fundingSource":"town-finance"}}

        """

    func ledger(_ dir: TemporaryDirectory) throws -> String { try CLITests.ledger(dir, history: Self.history) }

    @Test func aVersion2RegistrationKeepsNameBirthDateAndSexOutOfTheChain() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        #expect(try files(under: path, holding: "王秀英") == ["sealed/data.mdb"])
        #expect(try files(under: path, holding: "1972-05-14") == ["sealed/data.mdb"])
        let log = try grassroots("log", "--ledger", path, "--json", "--stream", "person:p-0001")
        #expect(!log.stdout.contains("王秀英") && !log.stdout.contains("1972-05-14"))
        #expect(log.stdout.contains(#""name":"sha256:"#))
        // A payload with the value itself where the chain holds commitments never gets in by another road.
        let checked = try grassroots("check", "--ledger", path)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    @Test func queriesShowNamesBesideIdsAndFindTakesNames() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let roster = try grassroots("roster", "--ledger", path, "--group", "第三村民小组")
        #expect(roster.stdout.contains("王秀英 (person:p-0001)"), "\(roster.stdout)")
        let person = try grassroots("person", "--ledger", path, "王秀英")
        #expect(person.status == 0, "\(person.stderr)")
        #expect(person.stdout.contains("王秀英 (person:p-0001), born 1972-05-14"), "\(person.stdout)")
        let zh = try grassroots("roster", "--ledger", path, "--group", "group:lh-03", environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.stdout.contains("王秀英(person:p-0001)"), "\(zh.stdout)")
        // Two people of one name: a list to choose from, each with where they live.
        let ambiguous = try grassroots("subsidies", "--ledger", path, "--person", "张伟")
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("person:p-0002") && ambiguous.stderr.contains("person:p-0003"), "\(ambiguous.stderr)")
        let found = try grassroots("find", "--ledger", path, "张伟", "--json")
        #expect(found.stdout.contains(#""id":"person:p-0002""#) && found.stdout.contains(#""id":"person:p-0003""#), "\(found.stdout)")
        let subsidies = try grassroots("subsidies", "--ledger", path, "--person", "person:p-0002")
        #expect(subsidies.stdout.contains("张伟 (person:p-0002)"), "\(subsidies.stdout)")
        let trail = try grassroots("trail", "--ledger", path, "--person", "王秀英")
        #expect(trail.stdout.contains("name=王秀英"), "\(trail.stdout)")
    }

    @Test func eraseRemovesTheValuesFromEveryFileAndTheChainStillVerifies() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let erased = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("3 of 3 values removed"), "\(erased.stdout)")
        #expect(erased.stdout.contains("no event keeps personal data of person:p-0001 in the hash chain"))
        for value in ["王秀英", "1972-05-14"] {
            let holding = try files(under: path, holding: value)
            #expect(holding.isEmpty, "\(value) is still in \(holding)")
        }
        #expect(try files(under: path, holding: "张伟") == ["sealed/data.mdb"], "others' names stay")
        let verified = try grassroots("verify", "--ledger", path)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let export = dir.path + "/export.ndjson"
        #expect(try grassroots("export", "--ledger", path, "--out", export).status == 0)
        let independent = try python([repositoryRoot + "/tools/verify_export.py", export])
        #expect(independent.status == 0, "\(independent.stdout)\(independent.stderr)")
        #expect(try String(contentsOfFile: export, encoding: .utf8).contains(#""type":"person.erased""#))
        let roster = try grassroots("roster", "--ledger", path, "--group", "group:lh-03")
        #expect(roster.stdout.contains("(erased) (person:p-0001)"), "\(roster.stdout)")
        let zh = try grassroots("person", "--ledger", path, "person:p-0001", environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.stdout.contains("(已删除)(person:p-0001)"), "\(zh.stdout)")
        #expect(try grassroots("check", "--ledger", path).status == 0)
        // Again: nothing left, nothing new recorded.
        let again = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "again")
        #expect(again.status == 0 && again.stdout.contains("nothing of it is left"), "\(again.stdout)\(again.stderr)")
        // An erased person's birth date cannot be read: installing them is refused, naming why.
        let v1 = try grassroots("erase", "--ledger", path, "person:p-0004", "--reason", "本人申请删除")
        #expect(v1.status == 0, "\(v1.stderr)")
        #expect(v1.stdout.contains("event 6: person.registered v1 (birthDate, sex)"), "\(v1.stdout)")
    }

    /// SIGKILL at random instants while `erase` records the erasure, deletes the values and rewrites the store:
    /// running it again always finishes the erasure (the next writable open finishes an interrupted rewrite
    /// from `sealed.erasing`), after which no file holds the values, the erasure is recorded once, and the
    /// chain and the projections verify.
    @Test func anErasureKilledAtAnyInstantIsFinishedByTheNextRun() throws {
        var random = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0..<12 {
            let dir = try TemporaryDirectory()
            let path = try ledger(dir)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: grassrootsBinary)
            process.arguments = ["erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 5_000...120_000, using: &random))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let again = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除")
            #expect(again.status == 0, "round \(round): \(again.stderr)")
            for value in ["王秀英", "1972-05-14"] {
                let holding = try files(under: path, holding: value)
                #expect(holding.isEmpty, "round \(round): \(value) is still in \(holding)")
            }
            #expect(!FileManager.default.fileExists(atPath: path + "/sealed.erasing"), "round \(round)")
            let log = try grassroots("log", "--ledger", path, "--json").stdout
            #expect(log.components(separatedBy: #""type":"person.erased""#).count == 2, "round \(round): recorded once")
            #expect(try grassroots("verify", "--ledger", path).status == 0, "round \(round)")
            #expect(try grassroots("check", "--ledger", path).status == 0, "round \(round)")
        }
        #expect(killedMidway > 0, "no kill landed while erasing; the test proved nothing")
    }

    /// An erasure cut short after it wrote `sealed.erasing` (its digests) is finished by any writable open,
    /// even one that erases nothing: the values leave every file.
    @Test func aPendingErasureIsFinishedByTheNextWritableOpen() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        // The digests of p-0001's three commitments, as `erase` would write them before deleting anything.
        let export = try grassroots("log", "--ledger", path, "--from", "3", "--limit", "1", "--json").stdout
        let digests = export.matches(of: /sha256:([0-9a-f]{64})/).map { String($0.1) }
        #expect(digests.count == 3, "\(export)")
        try Data((digests.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path + "/sealed.erasing"))
        #expect(try files(under: path, holding: "王秀英") == ["sealed/data.mdb"])
        // A read leaves it as it is.
        #expect(try grassroots("roster", "--ledger", path, "--group", "group:lh-03").status == 0)
        #expect(FileManager.default.fileExists(atPath: path + "/sealed.erasing"))
        // A writable open (an append of an unrelated event) finishes it.
        let event = #"{"type":"fund.received","effectiveDate":"2023-07-01","data":{"group":"group:lh-03","amountFen":1000,"source":"村集体"}}"#
        let appended = try grassroots("append", "--ledger", path, "-", stdin: event + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try files(under: path, holding: "王秀英").isEmpty)
        #expect(try files(under: path, holding: "张伟") == ["sealed/data.mdb"], "others' values stay")
        #expect(!FileManager.default.fileExists(atPath: path + "/sealed.erasing"))
        // A damaged marker is refused by name, and left for a person to look at.
        try Data("not a digest\n".utf8).write(to: URL(fileURLWithPath: path + "/sealed.erasing"))
        let refused = try grassroots("append", "--ledger", path, "-", stdin: event + "\n")
        #expect(refused.status != 0 && refused.stderr.contains("sealed.erasing"), "\(refused.stderr)")
    }

    @Test func aReadOnlyCopyAnswersWithNames() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let copy = dir.path + "/copy"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try makeReadOnly(copy)
        defer {
            do { try makeWritable(copy) } catch { Issue.record("cannot make \(copy) writable again: \(error)") }
        }
        let before = try snapshot(copy)
        let roster = try grassroots("roster", "--ledger", copy, "--group", "group:lh-03")
        #expect(roster.status == 0, "\(roster.stderr)")
        #expect(roster.stdout.contains("王秀英 (person:p-0001)"), "\(roster.stdout)")
        #expect(try snapshot(copy) == before)
    }

    /// The built-in floor holds money records 30 years from the end of their year (会计档案管理办法 第十四条);
    /// a policy of one year moves the boundary to the end of the next year.
    @Test func eraseIsRefusedWhileARetentionPeriodRunsAndLeavesEveryByte() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let data = { () throws -> [Data?] in
            let files = try snapshot(path)
            return [files["data.mdb"], files["sealed/data.mdb"]]
        }
        let before = try data()
        let floor = try grassroots("erase", "--ledger", path, "张伟", "--reason", "x")
        #expect(floor.status == 2, "ambiguous name: \(floor.stderr)")
        let held = try grassroots("erase", "--ledger", path, "person:p-0002", "--reason", "本人申请删除")
        #expect(held.status == 3, "\(held.stdout)\(held.stderr)")
        #expect(held.stderr.contains("retention period not ended") && held.stderr.contains("2053-12-31") && held.stderr.contains("2054-01-01"), "\(held.stderr)")
        #expect(held.stderr.contains("会计档案管理办法"), "\(held.stderr)")
        #expect(try data() == before)
        // A jurisdiction's policy of one year: held through 2024-12-31.
        let document = try dir.file("ret.json", #"{"id":"policy:ret-1","title":"一年","source":"test","appliesTo":["village"],"extends":"policy:statute-2018-village","retention":{"moneyRecordsYears":1,"source":"test retention"}}"#)
        #expect(try grassroots("policy", "define", "--ledger", path, document, "--date", "2023-01-01").status == 0)
        let adopt = #"{"type":"policy.adopted","effectiveDate":"2023-01-01","data":{"unit":"unit:wk-lianhe","policy":"policy:ret-1"}}"# + "\n"
        #expect(try grassroots("append", "--ledger", path, "-", stdin: adopt).status == 0)
        let clock = ["GRASSROOTS_RECORDED_AT": "2025-01-02T00:00:00.000000Z"]
        let mid = try data()
        let lastDay = try grassroots("erase", "--ledger", path, "person:p-0002", "--reason", "x", "--date", "2024-12-31", environment: clock)
        #expect(lastDay.status == 3 && lastDay.stderr.contains("2024-12-31"), "\(lastDay.stderr)")
        #expect(try data() == mid)
        // Recorded times never go backwards: this one takes the head's, 2026-01-31 (Beijing 16:00).
        let ahead = try grassroots("erase", "--ledger", path, "person:p-0002", "--reason", "x", "--date", "2026-02-01", environment: clock)
        #expect(ahead.status == 3 && ahead.stderr.contains("erasure dated after it is recorded"), "\(ahead.stderr)")
        let firstDay = try grassroots("erase", "--ledger", path, "person:p-0002", "--reason", "x", "--date", "2025-01-01", environment: clock)
        #expect(firstDay.status == 0, "\(firstDay.stderr)")
        #expect(try files(under: path, holding: "1980-03-02").isEmpty)
    }

    @Test func idsShapedLikeAnIDCardNumberAreRefused() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        for id in ["person:11010519491231002X", "person:p-110105194912310021"] {
            let line = #"{"type":"person.registered","effectiveDate":"2023-01-10","data":{"person":"\#(id)","birthDate":"1949-12-31","sex":"F","group":"group:lh-03","votingRights":true}}"# + "\n"
            let refused = try grassroots("append", "--ledger", path, "-", stdin: line)
            #expect(refused.status == 2, "\(id): \(refused.stderr)")
            #expect(refused.stderr.contains("resident ID-card number"), "\(refused.stderr)")
        }
        // Long numbers that are not that shape pass.
        let fine = #"{"type":"fund.received","effectiveDate":"2023-03-01","data":{"group":"group:lh-03","amountFen":100,"source":"x","reference":"1101051949123100211"}}"# + "\n"
        #expect(try grassroots("append", "--ledger", path, "-", stdin: fine).status == 0)
    }

    @Test func aDryRunStoresNoPersonalValue() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let line = #"{"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0009","name":"李娜","birthDate":"1985-01-01","sex":"F","group":"group:lh-03","votingRights":true}}"# + "\n"
        let dry = try grassroots("append", "--ledger", path, "--dry-run", "-", stdin: line)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try files(under: path, holding: "李娜").isEmpty)
        // A payload holding the value where a commitment belongs is refused.
        let forged = #"{"type":"person.erased","effectiveDate":"2023-01-10","data":{"person":"person:p-0001","reason":"x","name":"李娜"}}"# + "\n"
        #expect(try grassroots("append", "--ledger", path, "-", stdin: forged).status == 2)
    }
}
