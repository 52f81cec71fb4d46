import Foundation
import Testing
import TestSupport

@Suite("grassroots: crashes, concurrent writers, tampering")
struct DurabilityTests {
    /// SIGKILL at random instants while a child appends; each time, verify passes and the count is a
    /// whole number of batches.
    @Test func killedMidAppendLeavesWholeBatches() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s"])
        let batch = 50
        let file = try dir.file("big.ndjson", eventLines(20_000))
        var random = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0..<10 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: grassrootsBinary)
            process.arguments = ["append", "--ledger", dir.ledger, "--batch-size", String(batch), file]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...250_000, using: &random))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try grassroots("verify", "--ledger", dir.ledger)
            #expect(verify.status == 0, "round \(round): \(verify.stdout)")
            let stats = try grassroots("stats", "--ledger", dir.ledger, "--json").stdout
            let match = try #require(stats.firstMatch(of: /"events":([0-9]+),/))
            let events = try #require(Int(match.1))
            #expect((events - 2) % batch == 0, "round \(round): \(events - 2) events is not a whole number of batches")
        }
        #expect(killedMidway > 0, "no kill landed while appending; the test proved nothing")
    }

    @Test func twoProcessesAppendingAtOnceGetContiguousSequences() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a", "b"])
        let files = try ["a", "b"].map { try dir.file("\($0).ndjson", eventLines(1_500, stream: $0, keys: true)) }
        let processes = try files.map { file in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: grassrootsBinary)
            process.arguments = ["append", "--ledger", dir.ledger, "--batch-size", "25", "--actor", "e2e", file]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
        let export = try grassroots("export", "--ledger", dir.ledger).stdout.split(separator: "\n")
        #expect(export.count == 3_003)
        let seqs = export.compactMap { line in line.firstMatch(of: /"seq":([0-9]+),/).flatMap { Int($0.1) } }
        #expect(seqs == Array(1...3_003))
        for stream in ["a", "b"] {
            let versions = export.filter { $0.contains(#""stream":"group:\#(stream)""#) }
                .compactMap { line in line.firstMatch(of: /"version":([0-9]+)/).flatMap { Int($0.1) } }
            #expect(versions == Array(1...1_501), "stream \(stream)")
        }
        // Both files again: everything is a duplicate, nothing doubles.
        for file in files { #expect(try grassroots("append", "--ledger", dir.ledger, file).stdout.contains("appended 0 events, 1500 already recorded")) }
    }

    @Test func aFlippedByteInDataMdbIsNamedBySeq() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s"])
        let file = try dir.file("e.ndjson", eventLines(40))
        #expect(try grassroots("append", "--ledger", dir.ledger, file).status == 0)
        let path = dir.ledger + "/data.mdb"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("MARKER-23-END".utf8)
        var flipped = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index..<(index + marker.count)].elementsEqual(marker) {
                bytes[index + 7] ^= 0x01  // "MARKER-33-END" becomes "MARKER-23-END" → a different digit
                flipped += 1
            }
            index += 1
        }
        #expect(flipped >= 1)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let verify = try grassroots("verify", "--ledger", dir.ledger)
        #expect(verify.status == 4)
        #expect(verify.stdout.contains("INTEGRITY FAILURE at seq 25"), "\(verify.stdout)")
        let json = try grassroots("verify", "--ledger", dir.ledger, "--json")
        #expect(json.stdout.contains(#""firstBadSeq":25"#))
    }

    @Test func anEditedExportFailsTheIndependentVerifier() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s", "第三组"])
        #expect(try grassroots("append", "--ledger", dir.ledger, try dir.file("e.ndjson", eventLines(12) + #"{"type":"fund.received","effectiveDate":"2026-03-02","data":{"group":"group:第三组","amountFen":77,"source":"第三组\n\"引号\"\t/"}}"# + "\n")).status == 0)
        let exported = dir.path + "/export.ndjson"
        #expect(try grassroots("export", "--ledger", dir.ledger, "--out", exported).status == 0)
        let verifier = repositoryRoot + "/tools/verify_export.py"
        let good = try python([verifier, exported])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.hasPrefix("ok: 16 events, chain intact"))
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #""amountFen":5,"#, with: #""amountFen":6,"#)
        #expect(edited != text)
        let bad = try python([verifier, "-"], stdin: edited)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("(seq 8): hash mismatch"), "\(bad.stdout)")
        let dropped = text.split(separator: "\n").enumerated().filter { $0.offset != 6 }.map(\.element).joined(separator: "\n")
        #expect(try python([verifier, "-"], stdin: dropped).stdout.contains("seq 8 where 7 was due"))
    }
}
