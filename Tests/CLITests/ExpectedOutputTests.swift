import Foundation
import Testing
import TestSupport

/// Every query of the built binary against a deterministic demo ledger (seed 2026, 2 years, fixed record
/// time), compared with the committed files in Tests/CLITests/Expected/. After an intended change, run the
/// suite once with GRASSROOTS_UPDATE_EXPECTED=1 and review the diff.
@Suite("grassroots queries: expected output files")
struct ExpectedOutputTests {
    static let queries: [(file: String, arguments: [String])] = [
        ("roster-unit.txt", ["roster", "--unit", "unit:dq-t1"]),
        ("roster-group-as-of.json", ["roster", "--group", "group:jyg-xg-c01-g1", "--as-of", "2022-06-30", "--json"]),
        ("roster-at-seq.txt", ["roster", "--group", "group:dq-t3-v1-g1", "--at-seq", "2000"]),
        ("person.txt", ["person", "person:dq-t3-v1-g1-1"]),
        ("person.json", ["person", "person:dq-t2-v1-g3-1", "--json"]),
        ("subsidies-person.txt", ["subsidies", "--person", "person:jyg-xg-c01-g1-1"]),
        ("subsidies-group-as-of.json", ["subsidies", "--group", "group:dq-t2-v1-g3", "--as-of", "2023-12-31", "--json"]),
        ("funds.txt", ["funds", "--group", "group:dq-t3-v1-g1"]),
        ("funds-damao.json", ["funds", "--group", "group:dq-t2-v1-g1", "--json"]),
        ("assets.txt", ["assets", "--group", "group:dq-t3-v1-g1", "--history"]),
        ("trail.txt", ["trail", "--group", "group:dq-t3-v1-g1"]),
        ("alerts.txt", ["alerts", "--unit", "unit:dq", "--as-of", "2024-01-31"]),
        ("audit-departure.txt", ["audit", "departure", "--person", "person:dq-t3-v1-g1-1", "--group", "group:dq-t3-v1-g1"]),
        ("audit-departure.zh.txt", ["audit", "departure", "--person", "person:dq-t3-v1-g1-1", "--group", "group:dq-t3-v1-g1", "--lang", "zh"]),
        ("policy-in-force.txt", ["policy", "show", "--group", "group:dq-t2-v1-g1", "--date", "2023-06-30"]),
        ("policy-in-force.zh.txt", ["policy", "show", "--group", "group:dq-t2-v1-g1", "--date", "2023-06-30", "--lang", "zh"]),
        ("policy-list.txt", ["policy", "list"]),
        ("policy-list.zh.txt", ["policy", "list", "--lang", "zh"]),
        ("policy-in-force.zh.csv", ["policy", "show", "--group", "group:dq-t2-v1-g1", "--date", "2023-06-30", "--format", "csv", "--lang", "zh"]),
        ("log.txt", ["log", "--from", "1", "--limit", "12"]),
        ("units.txt", ["units", "--within", "unit:dq-t1"]),
        ("groups.txt", ["groups", "--unit", "unit:dq-t1-v1"]),
        ("find.txt", ["find", "抽水"]),
        ("explain.txt", ["explain", "vote:dq-t3-v1-g1-2022"]),
        ("explain.json", ["explain", "1295", "--json"]),
        // Chinese, the default for people (the harness sets GRASSROOTS_LANG=en; these ask for zh).
        ("roster-unit.zh.txt", ["roster", "--unit", "unit:dq-t1", "--lang", "zh"]),
        ("roster-at-seq.zh.txt", ["roster", "--group", "group:dq-t3-v1-g1", "--at-seq", "2000", "--lang", "zh"]),
        ("person.zh.txt", ["person", "person:dq-t3-v1-g1-1", "--lang", "zh"]),
        ("subsidies-person.zh.txt", ["subsidies", "--person", "person:jyg-xg-c01-g1-1", "--lang", "zh"]),
        ("funds.zh.txt", ["funds", "--group", "group:dq-t3-v1-g1", "--lang", "zh"]),
        ("assets.zh.txt", ["assets", "--group", "group:dq-t3-v1-g1", "--history", "--lang", "zh"]),
        ("trail.zh.txt", ["trail", "--group", "group:dq-t3-v1-g1", "--lang", "zh"]),
        ("alerts.zh.txt", ["alerts", "--unit", "unit:dq", "--as-of", "2024-01-31", "--lang", "zh"]),
        ("log.zh.txt", ["log", "--from", "1", "--limit", "12", "--lang", "zh"]),
        ("units.zh.txt", ["units", "--within", "unit:dq-t1", "--lang", "zh"]),
        ("groups.zh.txt", ["groups", "--unit", "unit:dq-t1-v1", "--lang", "zh"]),
        ("find.zh.txt", ["find", "第3村民", "--lang", "zh"]),
        ("explain.zh.txt", ["explain", "vote:dq-t3-v1-g1-2022", "--lang", "zh"]),
        // CSV for Excel, in both languages.
        ("roster-unit.csv", ["roster", "--unit", "unit:dq-t1", "--format", "csv"]),
        ("funds.zh.csv", ["funds", "--group", "group:dq-t3-v1-g1", "--format", "csv", "--lang", "zh"]),
        ("subsidies-unit.zh.csv", ["subsidies", "--unit", "unit:dq-t2-v1", "--format", "csv", "--lang", "zh"]),
        ("alerts.zh.csv", ["alerts", "--unit", "unit:dq", "--as-of", "2024-01-31", "--format", "csv", "--lang", "zh"]),
        ("trail.csv", ["trail", "--group", "group:dq-t3-v1-g1", "--format", "csv"]),
    ]

    @Test func everyQueryMatchesItsExpectedFile() throws {
        let dir = try TemporaryDirectory()
        let demo = try grassroots("demo", "--ledger", dir.ledger, "--years", "2")
        #expect(demo.status == 0, "\(demo.stderr)")
        let expected = repositoryRoot + "/Tests/CLITests/Expected/"
        let update = ProcessInfo.processInfo.environment["GRASSROOTS_UPDATE_EXPECTED"] == "1"
        for (file, arguments) in ExpectedOutputTests.queries {
            let result = try run(grassrootsBinary, arguments + ["--ledger", dir.ledger])
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            if update {
                try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: expected + file))
                continue
            }
            // Compared as bytes: a CSV file starts with a byte-order mark, which decoding would drop.
            let want = try Data(contentsOf: URL(fileURLWithPath: expected + file))
            #expect(Data(result.stdout.utf8) == want, "\(arguments.joined(separator: " ")) differs from Expected/\(file)")
        }
    }
}
