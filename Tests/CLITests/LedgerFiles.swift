import Foundation
import Testing
import TestSupport

/// A new ledger in `dir` holding `history` (NDJSON), as the personal-data suites start from.
func ledger(_ dir: TemporaryDirectory, history: String) throws -> String {
    #expect(try grassroots("init", "--ledger", dir.ledger).status == 0)
    let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: history)
    #expect(appended.status == 0, "\(appended.stderr)")
    return dir.ledger
}

/// Every file under `path` whose bytes hold `text`'s UTF-8 (relative paths, sorted).
func files(under path: String, holding text: String) throws -> [String] {
    let needle = Data(text.utf8)
    return try snapshot(path).filter { _, bytes in bytes.range(of: needle) != nil }.map(\.key).sorted()
}
