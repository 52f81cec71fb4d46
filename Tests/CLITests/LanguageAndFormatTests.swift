import Foundation
import Testing
import TestSupport

/// `--lang`, `--format`, names for ids, and the errors a reader meets: on the sample history.
@Suite("grassroots for readers: languages, formats, names, finding things")
struct LanguageAndFormatTests {
    func ledger() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, repositoryRoot + "/tools/sample-events.ndjson").status == 0)
        return dir
    }

    @Test func chineseIsChosenByFlagThenEnvironmentThenLocale() throws {
        let dir = try ledger()
        let english = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03")
        #expect(english.stdout.hasPrefix("GROUP"))
        let flag = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--lang", "zh")
        #expect(flag.stdout.hasPrefix("小组"), "\(flag.stdout)")
        #expect(flag.stdout.contains("小组长"))
        let root = try grassroots("--lang", "zh", "roster", "--ledger", dir.ledger, "--group", "group:lh-03")
        #expect(root.stdout == flag.stdout)
        let environment = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", environment: ["GRASSROOTS_LANG": "zh"])
        #expect(environment.stdout == flag.stdout)
        // LANG decides when GRASSROOTS_LANG is empty: zh_CN is Chinese, en_US English, none (C) Chinese.
        for (locale, chinese) in [("zh_CN.UTF-8", true), ("en_US.UTF-8", false), ("C", true)] {
            let output = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03",
                                        environment: ["GRASSROOTS_LANG": "", "LANG": locale, "LC_ALL": ""])
            #expect(output.stdout.hasPrefix("小组") == chinese, "LANG=\(locale): \(output.stdout)")
        }
    }

    @Test func anUnknownLanguageIsAUsageError() throws {
        let dir = try ledger()
        let flag = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--lang", "fr")
        #expect(flag.status == 64)
        #expect(flag.stderr.contains("--lang fr"))
        #expect(flag.stdout.isEmpty)
        let environment = try grassroots("stats", "--ledger", dir.ledger, environment: ["GRASSROOTS_LANG": "klingon"])
        #expect(environment.status == 64)
        #expect(environment.stderr.contains("GRASSROOTS_LANG klingon"))
    }

    /// Usage errors (exit 64) in Chinese: the commands' own checks from the catalog; the parser's frame and its
    /// common messages translated; in English as the parser writes them.
    @Test func usageErrorsSpeakTheReadersLanguage() throws {
        let dir = try ledger()
        let neither = try grassroots("roster", "--ledger", dir.ledger, "--lang", "zh")
        #expect(neither.status == 64 && neither.stderr.hasPrefix("用法错误:请给出 --unit 或 --group 中的一个\n用法:grassroots roster "), "\(neither.stderr)")
        #expect(neither.stderr.contains("运行 'grassroots roster --help' 查看说明"))
        let missing = try grassroots("explain", "--ledger", dir.ledger, environment: ["GRASSROOTS_LANG": "zh"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("用法错误:缺少参数 '<decision>'"), "\(missing.stderr)")
        let badValue = try grassroots("roster", "--ledger", dir.ledger, "--group", "g", "--format", "xml", "--lang", "zh")
        #expect(badValue.status == 64 && badValue.stderr.hasPrefix("用法错误:'--format <format>' 的取值 'xml' 无效。请给出以下之一:'text', 'json', 'csv'。"),
                "\(badValue.stderr)")
        let extra = try grassroots("roster", "--ledger", dir.ledger, "--group", "g", "h", "--lang=zh")
        #expect(extra.status == 64 && extra.stderr.hasPrefix("用法错误:多余的参数 'h'"), "\(extra.stderr)")
        let english = try grassroots("roster", "--ledger", dir.ledger, "--lang", "en")
        #expect(english.status == 64 && english.stderr.hasPrefix("Error: give --unit or --group\nUsage: grassroots roster "), "\(english.stderr)")
        #expect(neither.stdout.isEmpty && english.stdout.isEmpty)
    }

    @Test func refusalsAndLedgerErrorsSpeakTheReadersLanguage() throws {
        let dir = try ledger()
        let unknown = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:nowhere", "--lang", "zh")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("grassroots:"))
        let missing = try grassroots("roster", "--ledger", dir.path + "/none", "--group", "group:lh-03", "--lang", "zh")
        #expect(missing.status == 5)
        #expect(missing.stderr.contains("处没有账本"), "\(missing.stderr)")
        let english = try grassroots("roster", "--ledger", dir.path + "/none", "--group", "group:lh-03")
        #expect(english.stderr.contains("no ledger at"))
    }

    @Test func formatJsonEqualsJsonAndCsvIsForExcel() throws {
        let dir = try ledger()
        for command in [["roster", "--group", "group:lh-03"], ["funds", "--group", "group:lh-03"], ["person", "person:p-0001"],
                        ["units"], ["groups"], ["alerts", "--as-of", "2024-01-31"]] {
            let flag = try run(grassrootsBinary, command + ["--ledger", dir.ledger, "--json"])
            let format = try run(grassrootsBinary, command + ["--ledger", dir.ledger, "--format", "json"])
            #expect(flag.status == 0 && flag.stdout == format.stdout, "\(command)")
        }
        let csv = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--format", "csv", "--lang", "zh")
        #expect(csv.status == 0)
        let bytes = Array(csv.stdout.utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM first")
        #expect(csv.stdout.contains("\r\n"))
        #expect(csv.stdout.dropFirst().hasPrefix("小组,小组名称,职务,任职人,姓名,任职起始\r\n"), "\(csv.stdout)")
        let both = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--json", "--format", "csv")
        #expect(both.status == 64)
        let unknown = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--format", "xml")
        #expect(unknown.status == 64)
    }

    @Test func namesStandBesideIdsAndFindFindsThem() throws {
        let dir = try ledger()
        let roster = try grassroots("roster", "--ledger", dir.ledger, "--unit", "unit:deqing")
        #expect(roster.stdout.contains("(group:lh-03)"), "\(roster.stdout)")
        let found = try grassroots("find", "--ledger", dir.ledger, "lh-03", "--json")
        #expect(found.status == 0)
        #expect(found.stdout.contains(#""id":"group:lh-03""#))
        let nothing = try grassroots("find", "--ledger", dir.ledger, "没有这个名字", "--lang", "zh")
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("没有名称或编号含"), "\(nothing.stderr)")
        let units = try grassroots("units", "--ledger", dir.ledger, "--json")
        #expect(units.stdout.contains(#""unit":"unit:deqing""#))
        let groups = try grassroots("groups", "--ledger", dir.ledger, "--json")
        #expect(groups.stdout.contains(#""group":"group:lh-03""#))
    }

    @Test func aNameSharedByTwoGroupsIsListedToChooseFrom() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let lines = """
            {"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:town","name":"和平镇","level":"town"}}
            {"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:v1","name":"东村","level":"village","parent":"unit:town"}}
            {"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:v2","name":"西村","level":"village","parent":"unit:town"}}
            {"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:a","unit":"unit:v1","name":"第一村民小组","kind":"village","households":30,"adults":80}}
            {"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:b","unit":"unit:v2","name":"第一村民小组","kind":"village","households":20,"adults":50}}

            """
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines).status == 0)
        let both = try grassroots("find", "--ledger", dir.ledger, "第一村民小组", "--lang", "zh")
        #expect(both.status == 0)
        #expect(both.stdout.contains("group:a") && both.stdout.contains("group:b") && both.stdout.contains("东村") && both.stdout.contains("西村"))
        let ambiguous = try grassroots("funds", "--ledger", dir.ledger, "--group", "第一村民小组", "--lang", "zh")
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("对应2个小组") && ambiguous.stderr.contains("group:a(东村)"), "\(ambiguous.stderr)")
        let unique = try grassroots("groups", "--ledger", dir.ledger, "--unit", "东村", "--json")
        #expect(unique.stdout.contains("group:a") && !unique.stdout.contains("group:b"), "\(unique.stdout)")
    }
}
