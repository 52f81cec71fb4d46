import Foundation
import Testing
import TestSupport

/// Free text about a person kept out of the chain (Schemas/PERSONAL.md; issue 14 item 2): the sealed versions
/// of candidate.reviewed, resignation.submitted, recall.petitioned, investigation.completed,
/// discipline.imposed, expense.paid and asset.transferred; their erasure; corrections that seal their
/// replacement; `explain` of an erased candidate's installation.
@Suite struct SealedTextTests {
    /// Each free text carries a marker of two characters no other text of the ledger holds.
    static let history = """
        {"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:wk-lianhe","name":"联合村","level":"village"}}
        {"type":"group.registered","effectiveDate":"2023-01-10","data":{"group":"group:lh-03","unit":"unit:wk-lianhe","name":"第三村民小组","kind":"village","households":46,"adults":131}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0001","name":"王秀英","birthDate":"1972-05-14","sex":"F","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0002","name":"张伟","birthDate":"1980-03-02","sex":"M","group":"group:lh-03","votingRights":true}}
        {"type":"meeting.held","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","meeting":"meeting:lh-03-0218","purpose":"选举小组长","eligibleAdults":131,"attendingAdults":97}}
        {"type":"vote.tallied","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","vote":"vote:lh-03-leader","meeting":"meeting:lh-03-0218","question":"election","ballotsCast":97,"candidates":[{"person":"person:p-0001","votes":71}]}}
        {"type":"leader.installed","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","vote":"vote:lh-03-leader"}}
        {"type":"candidate.reviewed","schemaVersion":2,"effectiveDate":"2023-02-10","data":{"group":"group:lh-03","election":"election:e1","person":"person:p-0002","outcome":"rejected","reason":"联审未过甲一"}}
        {"type":"resignation.submitted","schemaVersion":2,"effectiveDate":"2023-03-01","data":{"group":"group:lh-03","person":"person:p-0001","reason":"身体原因乙二"}}
        {"type":"recall.petitioned","schemaVersion":3,"effectiveDate":"2023-03-02","data":{"group":"group:lh-03","person":"person:p-0001","petition":"petition:r1","signatures":40,"eligibleVoters":131,"reasons":"长期不履职丙三"}}
        {"type":"investigation.completed","schemaVersion":2,"effectiveDate":"2023-03-10","data":{"group":"group:lh-03","person":"person:p-0001","petition":"petition:r1","substantiated":true,"findings":"查实情况丁四"}}
        {"type":"discipline.imposed","schemaVersion":2,"effectiveDate":"2023-03-11","data":{"person":"person:p-0001","group":"group:lh-03","kind":"warning","reason":"违规事由戊五","imposedBy":"unit:wk-lianhe"}}
        {"type":"fund.received","effectiveDate":"2023-03-12","data":{"group":"group:lh-03","amountFen":500000,"source":"上级拨款"}}
        {"type":"expense.paid","schemaVersion":2,"effectiveDate":"2023-03-13","data":{"group":"group:lh-03","amountFen":1000,"payee":"收款人己六","payeePerson":"person:p-0001"}}
        {"type":"expense.paid","schemaVersion":2,"effectiveDate":"2023-03-13","data":{"group":"group:lh-03","amountFen":2000,"payee":"某施工队庚七"}}
        {"type":"asset.registered","effectiveDate":"2023-03-01","data":{"group":"group:lh-03","asset":"asset:shed","kind":"building","description":"仓库","valueFen":100000,"custodian":"person:p-0002"}}
        {"type":"meeting.held","effectiveDate":"2023-03-05","data":{"group":"group:lh-03","meeting":"meeting:m2","purpose":"资产出租","eligibleAdults":131,"attendingAdults":97}}
        {"type":"vote.tallied","effectiveDate":"2023-03-05","data":{"group":"group:lh-03","vote":"vote:asset1","meeting":"meeting:m2","question":"asset","ballotsCast":97,"yes":80,"no":17}}
        {"type":"asset.transferred","schemaVersion":3,"effectiveDate":"2023-03-14","data":{"group":"group:lh-03","asset":"asset:shed","action":"leased","counterparty":"承租人辛八","counterpartyPerson":"person:p-0001","amountFen":5000,"vote":"vote:asset1"}}

        """
    /// The texts about person:p-0001 (and its name), and the ones erasing them leaves.
    static let aboutP1 = ["王秀英", "身体原因乙二", "长期不履职丙三", "查实情况丁四", "违规事由戊五", "收款人己六", "承租人辛八"]
    static let others = ["联审未过甲一", "某施工队庚七", "张伟"]

    func ledger(_ dir: TemporaryDirectory) throws -> String { try CLITests.ledger(dir, history: Self.history) }

    @Test func theNewVersionsKeepTheirTextOutOfTheChainAndQueriesShowIt() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        for text in Self.aboutP1 + Self.others {
            #expect(try files(under: path, holding: text) == ["sealed/data.mdb"], "\(text)")
        }
        let log = try grassroots("log", "--ledger", path, "--json")
        #expect(log.stdout.contains(#""payee":"sha256:"#) && log.stdout.contains(#""reasons":"sha256:"#), "\(log.stdout)")
        let funds = try grassroots("funds", "--ledger", path, "--group", "group:lh-03")
        #expect(funds.stdout.contains("收款人己六") && funds.stdout.contains("某施工队庚七"), "\(funds.stdout)")
        let person = try grassroots("person", "--ledger", path, "person:p-0001")
        #expect(person.stdout.contains("warning: 违规事由戊五"), "\(person.stdout)")
        let trail = try grassroots("trail", "--ledger", path, "--person", "person:p-0001")
        for text in ["reason=身体原因乙二", "reasons=长期不履职丙三", "findings=查实情况丁四", "payee=收款人己六", "counterparty=承租人辛八"] {
            #expect(trail.stdout.contains(text), "\(text): \(trail.stdout)")
        }
        #expect(try grassroots("check", "--ledger", path).status == 0)
    }

    @Test func eraseRemovesEveryTextOwnedByThePersonFromEveryFile() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let erased = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("9 of 9 values removed"), "\(erased.stdout)")
        for text in Self.aboutP1 {
            // The whole text, and its last two characters: no fragment of it survives a page's unused space.
            for needle in [text, String(text.suffix(2))] {
                let holding = try files(under: path, holding: needle)
                #expect(holding.isEmpty, "\(needle) is still in \(holding)")
            }
        }
        // Another person's text, and a payee no person owns, stay.
        for text in Self.others { #expect(try files(under: path, holding: text) == ["sealed/data.mdb"], "\(text)") }
        let verified = try grassroots("verify", "--ledger", path)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(try grassroots("check", "--ledger", path).status == 0)
        let export = dir.path + "/export.ndjson"
        #expect(try grassroots("export", "--ledger", path, "--out", export).status == 0)
        let independent = try python([repositoryRoot + "/tools/verify_export.py", export])
        #expect(independent.status == 0, "\(independent.stdout)\(independent.stderr)")
        // The queries show the texts as erased, in both languages.
        let funds = try grassroots("funds", "--ledger", path, "--group", "group:lh-03")
        #expect(funds.stdout.contains("(erased)") && funds.stdout.contains("某施工队庚七"), "\(funds.stdout)")
        let zh = try grassroots("funds", "--ledger", path, "--group", "group:lh-03", environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.stdout.contains("(已删除)"), "\(zh.stdout)")
        let person = try grassroots("person", "--ledger", path, "person:p-0001")
        #expect(person.stdout.contains("warning: (erased)"), "\(person.stdout)")
        let trail = try grassroots("trail", "--ledger", path, "--person", "person:p-0001")
        for text in ["reason=(erased)", "reasons=(erased)", "findings=(erased)", "payee=(erased)", "counterparty=(erased)"] {
            #expect(trail.stdout.contains(text), "\(text): \(trail.stdout)")
        }
        let alerts = try grassroots("alerts", "--ledger", path, "--unit", "unit:wk-lianhe", "--as-of", "2023-12-31")
        #expect(!alerts.stdout.contains("收款人己六"), "\(alerts.stdout)")
    }

    @Test func eraseStillListsTheVersion1EventsThatKeepTextInTheChain() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let v1 = #"{"type":"discipline.imposed","effectiveDate":"2023-04-01","data":{"person":"person:p-0001","group":"group:lh-03","kind":"warning","reason":"旧版事由","imposedBy":"unit:wk-lianhe"}}"# + "\n"
        #expect(try grassroots("append", "--ledger", path, "-", stdin: v1).status == 0)
        let erased = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("event 20: discipline.imposed v1 (reason)"), "\(erased.stdout)")
        #expect(try files(under: path, holding: "旧版事由") == ["data.mdb"], "the version-1 text stays in the chain")
    }

    @Test func aCorrectionSealsItsReplacementAndIsErasedWithThePerson() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let corrections = """
            {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0009","name":"李四","birthDate":"1985-01-01","sex":"M","group":"group:lh-03","votingRights":true}}
            {"type":"event.corrected","effectiveDate":"2023-04-01","data":{"corrects":12,"subject":"person:p-0001","reason":"事由录错","replacement":{"person":"person:p-0001","group":"group:lh-03","kind":"warning","reason":"更正事由壬九","imposedBy":"unit:wk-lianhe"}}}
            {"type":"event.corrected","effectiveDate":"2023-04-01","data":{"corrects":14,"subject":"group:lh-03","reason":"收款人录错","replacement":{"group":"group:lh-03","amountFen":1000,"payee":"更正收款人癸十","payeePerson":"person:p-0001"}}}

            """
        #expect(try grassroots("append", "--ledger", path, "-", stdin: corrections).status == 0)
        // The registration (seq 20) corrected in a later batch: the new name and birth date are sealed.
        let registration = #"{"type":"event.corrected","effectiveDate":"2023-04-02","data":{"corrects":20,"subject":"person:p-0009","reason":"姓名录错","replacement":{"person":"person:p-0009","name":"李思更正","birthDate":"1986-02-03","sex":"M","group":"group:lh-03","votingRights":true}}}"# + "\n"
        let corrected = try grassroots("append", "--ledger", path, "-", stdin: registration)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        for text in ["更正事由壬九", "更正收款人癸十", "李思更正", "1986-02-03"] {
            #expect(try files(under: path, holding: text) == ["sealed/data.mdb"], "\(text)")
        }
        let person = try grassroots("person", "--ledger", path, "person:p-0009")
        #expect(person.stdout.contains("李思更正 (person:p-0009), born 1986-02-03"), "\(person.stdout)")
        let funds = try grassroots("funds", "--ledger", path, "--group", "group:lh-03")
        #expect(funds.stdout.contains("更正收款人癸十"), "\(funds.stdout)")
        #expect(try grassroots("check", "--ledger", path).status == 0)
        let erased = try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除")
        #expect(erased.status == 0 && erased.stdout.contains("11 of 11 values removed"), "\(erased.stdout)\(erased.stderr)")
        for text in ["更正事由壬九", "更正收款人癸十", "违规事由戊五"] {
            #expect(try files(under: path, holding: text).isEmpty, "\(text)")
        }
        #expect(try grassroots("verify", "--ledger", path).status == 0)
        #expect(try grassroots("check", "--ledger", path).status == 0)
    }

    /// `grassroots correct` keeps a sealed member's commitment and names its owner among the subjects.
    @Test func correctKeepsTheSealedTextAndItsOwner() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let corrected = try grassroots("correct", "--ledger", path, "8", "--set", "outcome=approved", "--reason", "录错")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let log = try grassroots("log", "--ledger", path, "--json", "--from", "20")
        #expect(log.stdout.contains(#""reason":"sha256:"#) && log.stdout.contains(#""subjects":["group:lh-03","person:p-0002"]"#), "\(log.stdout)")
        let erased = try grassroots("erase", "--ledger", path, "person:p-0002", "--reason", "本人申请删除")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(try files(under: path, holding: "联审未过甲一").isEmpty)
        #expect(try grassroots("check", "--ledger", path).status == 0)
    }

    @Test func aCorrectionInTheBatchOfItsTargetIsRefusedAndLeavesEveryByte() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let data = { () throws -> [Data?] in
            let files = try snapshot(path)
            return [files["data.mdb"], files["sealed/data.mdb"]]
        }
        let before = try data()
        // The target is appended in the same batch, so its type is not known when the batch is sealed: the
        // replacement would carry the values into the chain.
        let batch = """
            {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0009","name":"李四","birthDate":"1985-01-01","sex":"M","group":"group:lh-03","votingRights":true}}
            {"type":"event.corrected","effectiveDate":"2023-04-02","data":{"corrects":20,"subject":"person:p-0009","reason":"姓名录错","replacement":{"person":"person:p-0009","name":"李思","birthDate":"1986-02-03","sex":"M","group":"group:lh-03","votingRights":true}}}

            """
        let refused = try grassroots("append", "--ledger", path, "-", stdin: batch)
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("personal data in a correction") && refused.stderr.contains("replacement.name"), "\(refused.stderr)")
        #expect(try data() == before)
    }

    @Test func explainOfAnErasedCandidatesInstallationSaysTheAgeIsNotCheckable() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        #expect(try grassroots("erase", "--ledger", path, "person:p-0001", "--reason", "本人申请删除").status == 0)
        let explained = try grassroots("explain", "--ledger", path, "7")
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("not checkable: personal data erased (个人信息保护法 第四十七条)"), "\(explained.stdout)")
        #expect(explained.stdout.contains("Verdict: valid as far as can be checked (1 check(s) not checkable"), "\(explained.stdout)")
        let zh = try grassroots("explain", "--ledger", path, "7", environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.stdout.contains("无法核对:个人信息已删除(个人信息保护法 第四十七条)"), "\(zh.stdout)")
        let json = try grassroots("explain", "--ledger", path, "7", "--json")
        #expect(json.stdout.contains(#""checkable":false"#) && json.stdout.contains(#""figure":"birth-date-unreadable""#), "\(json.stdout)")
        #expect(json.stdout.contains(#""valid":true"#), "\(json.stdout)")
        // Installing the erased person again is still refused: the age cannot be checked.
        let again = """
            {"type":"office.ended","effectiveDate":"2023-05-01","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","reason":"resigned"}}
            {"type":"leader.installed","effectiveDate":"2023-05-02","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","vote":"vote:lh-03-leader"}}

            """
        let refused = try grassroots("append", "--ledger", path, "-", stdin: again)
        #expect(refused.status == 3 && refused.stderr.contains("birth date not available"), "\(refused.stderr)")
    }
}
