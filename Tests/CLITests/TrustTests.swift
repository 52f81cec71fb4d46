import Foundation
import Testing
import TestSupport
@testable import EventLog

/// Checkpoints, proofs and the witness, end to end through the built binary, checked by the second
/// implementation in tools/verify_proof.py (Python standard library, Ed25519 from RFC 8032's reference).
@Suite("Trust: checkpoints, proofs, the witness, verify --checkpoint")
struct TrustTests {
    static let verifier = repositoryRoot + "/tools/verify_proof.py"

    func verifyProof(_ arguments: [String]) throws -> Output {
        try python([TrustTests.verifier] + arguments)
    }

    func readOnly(_ path: String) throws -> Ledger {
        var options = LedgerOptions()
        options.readOnly = true
        return try Ledger.open(at: path, options: options)
    }

    /// A ledger of 3 + `events` events (a unit, groups a and b, then receipts of a), with a signing key.
    func ledgerWithKey(_ dir: TemporaryDirectory, events: Int) throws -> String {
        try makeLedger(dir, groups: ["a", "b"])
        if events > 0 {
            let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(events, stream: "a"))
            #expect(appended.status == 0, "\(appended.stderr)")
        }
        let key = try grassroots("key", "init", "--ledger", dir.ledger)
        #expect(key.status == 0, "\(key.stderr)")
        return dir.ledger + ".key"
    }

    func checkpoint(_ dir: TemporaryDirectory, _ name: String, ledger: String? = nil) throws -> String {
        let path = dir.path + "/" + name
        let made = try grassroots("checkpoint", "--ledger", ledger ?? dir.ledger, "--key", dir.ledger + ".key", "--out", path)
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    func proof(_ dir: TemporaryDirectory, _ name: String, _ arguments: String..., ledger: String? = nil) throws -> String {
        let path = dir.path + "/" + name
        let made = try run(grassrootsBinary, ["prove", "--ledger", ledger ?? dir.ledger, "--out", path] + arguments)
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    func append(_ ledger: String, _ count: Int, from start: Int) throws {
        let appended = try grassroots("append", "--ledger", ledger, "-", stdin: eventLines(count, stream: "a", from: start))
        #expect(appended.status == 0, "\(appended.stderr)")
    }

    // MARK: the tree against the Python verifier

    @Test func theTreeAgreesWithPythonAtEverySizeUpTo70() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a", "b"])
        try append(dir.ledger, 67, from: 1)
        let export = dir.path + "/export.ndjson"
        #expect(try grassroots("export", "--ledger", dir.ledger, "--out", export).status == 0)
        let roots = try verifyProof(["roots", export])
        #expect(roots.status == 0, "\(roots.stderr)")
        let ledger = try readOnly(dir.ledger)
        let expected = try (1...70).map { size in "\(size) \(try ledger.treeHead(size: UInt64(size)).root.hex)" }
        #expect(roots.stdout.split(separator: "\n").map(String.init) == expected)
    }

    /// Across the tiles of levels 0 to 4 (16, 256, 4,096 and 65,536 leaves), with a ledger of 66,000 events built
    /// in-process (no governance hook) and its canonical bytes as Python reads an export.
    @Test func theTreeAgreesWithPythonAtLargeSizes() throws {
        let dir = try TemporaryDirectory()
        let ledger = try Ledger.create(at: dir.ledger, ledgerID: "large")
        var lines = ""
        let days = (1...28).compactMap { LocalDate(year: 2026, month: 3, day: $0) }
        for start in stride(from: 0, to: 66_000, by: 10_000) {
            let drafts = (start..<min(start + 10_000, 66_000)).map { i in
                EventDraft(type: "thing.happened", effectiveDate: days[i % days.count],
                           stream: "s\(i % 11)", actor: "tester", subjects: [], data: ["n": .integer(Int64(i))])
            }
            _ = try ledger.append(drafts)
        }
        try ledger.forEachRecord(in: 1...UInt64.max) { record in
            lines += String(decoding: record.canonical, as: UTF8.self) + "\n"
            return true
        }
        let export = try dir.file("canonical.ndjson", lines)
        let sizes = [15, 16, 17, 255, 256, 257, 511, 512, 4_095, 4_096, 4_097, 65_535, 65_536, 65_537, 66_000]
        let roots = try verifyProof(["roots", export, "--sizes", sizes.map(String.init).joined(separator: ",")])
        #expect(roots.status == 0, "\(roots.stderr)")
        let expected = try sizes.map { size in "\(size) \(try ledger.treeHead(size: UInt64(size)).root.hex)" }
        #expect(roots.stdout.split(separator: "\n").map(String.init) == expected)
    }

    // MARK: checkpoints and proofs

    @Test func checkpointsAndProofsMadeHereVerifyInPythonAndForgedOnesDoNot() throws {
        let dir = try TemporaryDirectory()
        _ = try ledgerWithKey(dir, events: 0)
        let vkey = dir.ledger + ".key.pub"
        let export = dir.path + "/export.ndjson"
        var checkpoints: [(size: Int, path: String)] = []
        var appended = 0
        for target in [3, 8, 9, 17, 70] {
            if target > 3 + appended {
                try append(dir.ledger, target - 3 - appended, from: appended + 1)
                appended = target - 3
            }
            let path = try checkpoint(dir, "cp-\(target)")
            let checked = try verifyProof(["checkpoint", path, "--vkey", vkey])
            #expect(checked.status == 0 && checked.stdout.contains("size \(target) "), "\(checked.stdout)\(checked.stderr)")
            checkpoints.append((target, path))
        }
        #expect(try grassroots("export", "--ledger", dir.ledger, "--out", export).status == 0)
        let events = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").map(String.init)
        for (size, path) in checkpoints {
            for seq in [1, size] {
                let event = try dir.file("event-\(size)-\(seq)", events[seq - 1] + "\n")
                let proof = try self.proof(dir, "inclusion-\(size)-\(seq)", "--seq", String(seq), "--size", String(size))
                let checked = try verifyProof(["inclusion", "--event", event, "--proof", proof, "--checkpoint", path, "--vkey", vkey])
                #expect(checked.status == 0, "\(seq) in \(size): \(checked.stderr)")
                // The same proof with another event (its seq changed to this one's) is refused.
                if size == 70 {
                    let other = try dir.file("other-\(seq)", events[seq % size].replacingOccurrences(of: #""seq":\#(seq % size + 1)"#, with: #""seq":\#(seq)"#) + "\n")
                    #expect(try verifyProof(["inclusion", "--event", other, "--proof", proof, "--checkpoint", path, "--vkey", vkey]).status == 1)
                }
            }
        }
        for (old, new) in zip(checkpoints, checkpoints.dropFirst()) {
            let proof = try self.proof(dir, "consistency-\(old.size)-\(new.size)", "--consistency", "--from", String(old.size), "--to", String(new.size))
            let checked = try verifyProof(["consistency", "--old", old.path, "--new", new.path, "--proof", proof, "--vkey", vkey])
            #expect(checked.status == 0, "\(old.size) to \(new.size): \(checked.stderr)")
        }
        // A forged checkpoint: the size changed, the signature kept.
        let forgedText = try String(contentsOfFile: checkpoints[2].path, encoding: .utf8).replacingOccurrences(of: "\n9\n", with: "\n10\n")
        let forged = try dir.file("forged", forgedText)
        let refused = try verifyProof(["checkpoint", forged, "--vkey", vkey])
        #expect(refused.status == 1 && refused.stderr.contains("does not verify"), "\(refused.stderr)")
        // A consistency proof from 8 to 70 offered between the checkpoints of 8 and 17: refused.
        let proof = try self.proof(dir, "consistency-wrong", "--consistency", "--from", "8", "--to", "70")
        #expect(try verifyProof(["consistency", "--old", checkpoints[1].path, "--new", checkpoints[3].path, "--proof", proof, "--vkey", vkey]).status == 1)
        // The latest checkpoint is stored: `stats` prints it, `prove` proves against it by default.
        let stats = try grassroots("stats", "--ledger", dir.ledger)
        #expect(stats.stdout.contains("checkpoint        70 events, root"), "\(stats.stdout)")
        #expect(try grassroots("prove", "--ledger", dir.ledger, "--seq", "5").stdout.hasPrefix("inclusion 5 70\n"))
    }

    @Test func theSigningKeyIsPrivateAndKeptOutOfTheLedger() throws {
        let dir = try TemporaryDirectory()
        let key = try ledgerWithKey(dir, events: 0)
        var info = stat()
        #expect(stat(key, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        #expect(pub.hasPrefix("grassroots/") && pub.split(separator: "+").count >= 3, "\(pub)")
        let again = try grassroots("key", "init", "--ledger", dir.ledger)
        #expect(again.status == 5 && again.stderr.contains("already exists"), "\(again.stderr)")
        let inside = try grassroots("key", "init", "--ledger", dir.ledger, "--out", dir.ledger + "/my.key")
        #expect(inside.status == 2 && inside.stderr.contains("inside the ledger directory"), "\(inside.stderr)")
        chmod(key, 0o644)
        let exposed = try grassroots("checkpoint", "--ledger", dir.ledger)
        #expect(exposed.status == 3 && exposed.stderr.contains("chmod 600"), "\(exposed.stderr)")
    }

    // MARK: the witness and verify --checkpoint against tampering

    /// A witness that holds a checkpoint of 43 events (3 + 40), and copies of the ledger at 43 events.
    struct Scene {
        let dir: TemporaryDirectory
        let vkey: String
        let state: String
        let cp43: String
        /// A copy of the ledger taken at 43 events, before 10 more were appended.
        let older: String
    }

    func scene() throws -> Scene {
        let dir = try TemporaryDirectory()
        _ = try ledgerWithKey(dir, events: 40)
        let state = dir.path + "/witness"
        #expect(try grassroots("witness", "init", "--state", state, "--name", "province.example").status == 0)
        let cp43 = try checkpoint(dir, "cp43")
        let first = try proof(dir, "from0", "--consistency", "--from", "0")
        let trusted = try grassroots("witness", "trust", "--state", state, "--vkey", dir.ledger + ".key.pub")
        #expect(trusted.status == 0 && trusted.stdout.contains("now witnesses grassroots/"), "\(trusted.stdout)\(trusted.stderr)")
        let cosigned = try grassroots("witness", "add-checkpoint", "--state", state, "--vkey", dir.ledger + ".key.pub", cp43, first)
        #expect(cosigned.status == 0 && cosigned.stdout.hasPrefix("\u{2014} province.example "), "\(cosigned.stderr)")
        let older = dir.path + "/older"
        try FileManager.default.copyItem(atPath: dir.ledger, toPath: older)
        return Scene(dir: dir, vkey: dir.ledger + ".key.pub", state: state, cp43: cp43, older: older)
    }

    func offer(_ scene: Scene, _ checkpoint: String, _ proof: String) throws -> Output {
        try grassroots("witness", "add-checkpoint", "--state", scene.state, "--vkey", scene.vkey, checkpoint, proof)
    }

    func verify(_ scene: Scene, _ ledger: String, _ checkpoint: String) throws -> Output {
        try grassroots("verify", "--ledger", ledger, "--checkpoint", checkpoint, "--vkey", scene.vkey)
    }

    @Test func theWitnessCosignsAnExtensionAndRefusesASizeMismatchApartFromABadProof() throws {
        let scene = try self.scene()
        try append(scene.dir.ledger, 10, from: 41)
        let cp53 = try checkpoint(scene.dir, "cp53")
        let fromZero = try proof(scene.dir, "from0-53", "--consistency", "--from", "0", "--to", "53")
        let conflict = try offer(scene, cp53, fromZero)
        #expect(conflict.status == 3 && conflict.stderr.contains("holds size 43"), "\(conflict.stderr)")
        let wrong = try scene.dir.file("wrong-proof", "old 43\n" + String(repeating: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", count: 3))
        let bad = try offer(scene, cp53, wrong)
        #expect(bad.status == 4 && bad.stderr.contains("consistency proof does not show"), "\(bad.stderr)")
        let good = try proof(scene.dir, "from43", "--consistency", "--from", "43", "--to", "53")
        let cosigned = try grassroots("witness", "add-checkpoint", "--state", scene.state, "--vkey", scene.vkey,
                                      "--out", scene.dir.path + "/cp53-cosigned", cp53, good)
        #expect(cosigned.status == 0, "\(cosigned.stderr)")
        let checked = try verifyProof(["checkpoint", scene.dir.path + "/cp53-cosigned", "--vkey", scene.vkey, "--vkey", scene.state + "/witness.pub"])
        #expect(checked.status == 0 && checked.stdout.contains("province.example"), "\(checked.stdout)\(checked.stderr)")
        #expect(try verify(scene, scene.dir.ledger, cp53).status == 0)
        #expect(try verify(scene, scene.dir.ledger, scene.cp43).status == 0)
    }

    /// C2SP tlog-witness: a witness is configured with the logs it witnesses; a checkpoint of another origin, or
    /// with a key not trusted for its origin, is refused as an unknown log (404; exit 3), apart from a bad
    /// signature by a trusted origin's key (403; exit 4), and leaves the witness's state as it was.
    @Test func theWitnessRefusesALogItWasNotToldToWitness() throws {
        let scene = try self.scene()
        try append(scene.dir.ledger, 10, from: 41)
        let cp53 = try checkpoint(scene.dir, "cp53")
        let proof = try self.proof(scene.dir, "from43", "--consistency", "--from", "43", "--to", "53")
        let held = try FileManager.default.contentsOfDirectory(atPath: scene.state + "/logs")
        let heldBytes = try held.map { try Data(contentsOf: URL(fileURLWithPath: scene.state + "/logs/" + $0)) }
        // Another ledger (another origin), signed by its own key: the witness does not witness it.
        let other = try TemporaryDirectory()
        _ = try ledgerWithKey(other, events: 2)
        let foreign = try checkpoint(other, "foreign")
        let unknown = try grassroots("witness", "add-checkpoint", "--state", scene.state, foreign, try other.file("p", "old 0\n"))
        #expect(unknown.status == 3 && unknown.stderr.contains("unknown log") && unknown.stderr.contains("404"), "\(unknown.stderr)")
        let named = try grassroots("witness", "add-checkpoint", "--state", scene.state, "--vkey", other.ledger + ".key.pub", foreign, try other.file("q", "old 0\n"))
        #expect(named.status == 3 && named.stderr.contains("unknown log"), "\(named.stderr)")
        // The trusted origin with an untrusted key of the same name: --vkey names an unknown log; without
        // --vkey, the trusted key has no signature on it (403).
        let otherKey = scene.dir.path + "/other.key"
        #expect(try grassroots("key", "init", "--ledger", scene.dir.ledger, "--out", otherKey).status == 0)
        let byOther = scene.dir.path + "/cp53-other"
        #expect(try grassroots("checkpoint", "--ledger", scene.dir.ledger, "--key", otherKey, "--out", byOther).status == 0)
        let untrustedKey = try grassroots("witness", "add-checkpoint", "--state", scene.state, "--vkey", otherKey + ".pub", byOther, proof)
        #expect(untrustedKey.status == 3 && untrustedKey.stderr.contains("is not one this witness trusts"), "\(untrustedKey.stderr)")
        let unsigned = try grassroots("witness", "add-checkpoint", "--state", scene.state, byOther, proof)
        #expect(unsigned.status == 4 && unsigned.stderr.contains("signature"), "\(unsigned.stderr)")
        let zh = try grassroots("witness", "add-checkpoint", "--state", scene.state, foreign, try other.file("r", "old 0\n"), environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.status == 3 && zh.stderr.contains("未知日志"), "\(zh.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scene.state + "/logs") == held)
        #expect(try held.map { try Data(contentsOf: URL(fileURLWithPath: scene.state + "/logs/" + $0)) } == heldBytes, "a refusal changes nothing")
        // Trusting the same log again changes nothing; the trusted key's checkpoint is cosigned without --vkey.
        let again = try grassroots("witness", "trust", "--state", scene.state, "--vkey", scene.vkey)
        #expect(again.status == 0 && again.stdout.contains("already witnesses"), "\(again.stdout)\(again.stderr)")
        let cosigned = try grassroots("witness", "add-checkpoint", "--state", scene.state, cp53, proof)
        #expect(cosigned.status == 0 && cosigned.stdout.hasPrefix("\u{2014} province.example "), "\(cosigned.stderr)")
        // A log's key, not a witness's, and a bad origin.
        let notLog = try grassroots("witness", "trust", "--state", scene.state, "--vkey", scene.state + "/witness.pub")
        #expect(notLog.status == 2 && notLog.stderr.contains("not a log's"), "\(notLog.stderr)")
    }

    @Test func aForgedSignatureIsRefusedByTheWitnessAndByVerify() throws {
        let scene = try self.scene()
        try append(scene.dir.ledger, 10, from: 41)
        let cp53 = try checkpoint(scene.dir, "cp53")
        let proof = try self.proof(scene.dir, "from43", "--consistency", "--from", "43", "--to", "53")
        // Another key with the same name signs it: its key id differs, so it is no signature by the log's key.
        let otherKey = scene.dir.path + "/other.key"
        #expect(try grassroots("key", "init", "--ledger", scene.dir.ledger, "--out", otherKey).status == 0)
        let byOther = scene.dir.path + "/cp53-other"
        #expect(try grassroots("checkpoint", "--ledger", scene.dir.ledger, "--key", otherKey, "--out", byOther).status == 0)
        // The log's own signature line on a changed root.
        let text = try String(contentsOfFile: cp53, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = Base64.encode([UInt8](repeating: 7, count: 32))
        let altered = try scene.dir.file("cp53-altered", lines.joined(separator: "\n"))
        for forged in [byOther, altered] {
            let witnessed = try offer(scene, forged, proof)
            #expect(witnessed.status == 4 && witnessed.stderr.contains("signature"), "\(witnessed.stderr)")
            let verified = try verify(scene, scene.dir.ledger, forged)
            #expect(verified.status == 4 && verified.stderr.contains("signature"), "\(verified.stderr)")
        }
    }

    @Test func aRollbackAndATruncatedLogAreRefusedByTheWitnessAndByVerify() throws {
        let scene = try self.scene()
        try append(scene.dir.ledger, 10, from: 41)
        let cp53 = try checkpoint(scene.dir, "cp53")
        #expect(try offer(scene, cp53, try proof(scene.dir, "from43", "--consistency", "--from", "43", "--to", "53")).status == 0)
        // Rollback: the copy of 43 events is put back. Truncation: the last 5 events are cut, the tree rebuilt.
        let truncated = scene.dir.path + "/truncated"
        try FileManager.default.copyItem(atPath: scene.dir.ledger, toPath: truncated)
        try Ledger.truncateForTests(truncated, keeping: 48)
        #expect(try grassroots("verify", "--ledger", truncated).status == 0, "a truncated log verifies on its own")
        for (ledger, size) in [(scene.older, 43), (truncated, 48)] {
            let verified = try verify(scene, ledger, cp53)
            #expect(verified.status == 4 && verified.stdout.contains("rolled back or truncated"), "\(verified.stdout)")
            let signed = try checkpoint(scene.dir, "cp-\(size)", ledger: ledger)
            let claimed = try scene.dir.file("claimed-\(size)", "old 53\n")
            let witnessed = try offer(scene, signed, claimed)
            #expect(witnessed.status == 4 && witnessed.stderr.contains("rollback"), "\(witnessed.stderr)")
        }
    }

    @Test func theWitnessAndProveSpeakChinese() throws {
        let scene = try self.scene()
        try append(scene.dir.ledger, 10, from: 41)
        let cp53 = try checkpoint(scene.dir, "cp53")
        let zh = ["GRASSROOTS_LANG": "zh"]
        let fromZero = try proof(scene.dir, "from0-53", "--consistency", "--from", "0", "--to", "53")
        let conflict = try grassroots("witness", "add-checkpoint", "--state", scene.state, "--vkey", scene.vkey, cp53, fromZero, environment: zh)
        #expect(conflict.status == 3 && conflict.stderr.contains("本见证方为") && conflict.stderr.contains("未联署"), "\(conflict.stderr)")
        let usage = try grassroots("prove", "--ledger", scene.dir.ledger, "--consistency", environment: zh)
        #expect(usage.status == 64 && usage.stderr.contains("--consistency 需要 --from SIZE"), "\(usage.stderr)")
        let both = try grassroots("prove", "--ledger", scene.dir.ledger, "--seq", "3", "--size", "2", environment: zh)
        #expect(both.status == 64 && both.stderr.contains("不含第 3 号事件"), "\(both.stderr)")
        let english = try grassroots("prove", "--ledger", scene.dir.ledger, "--seq", "0")
        #expect(english.status == 64 && english.stderr.contains("--seq counts from 1"), "\(english.stderr)")
        let noKey = try grassroots("checkpoint", "--ledger", scene.dir.ledger, "--key", scene.dir.path + "/absent.key", environment: zh)
        #expect(noKey.status == 2 && noKey.stderr.contains("没有签名密钥"), "\(noKey.stderr)")
    }

    @Test func aRewrittenHistoryAndAnEditedEventAreRefusedByTheWitnessAndByVerify() throws {
        let scene = try self.scene()
        // Rewritten: event 10's bytes changed and every later hash and the tree recomputed; it verifies alone.
        let rewritten = scene.dir.path + "/rewritten"
        try FileManager.default.copyItem(atPath: scene.dir.ledger, toPath: rewritten)
        try Ledger.rewriteForTests(rewritten, seq: 10, rechain: true, rebuildTree: true) { bytes in
            Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "MARKER-7-END", with: "MARKER-7-XXX").utf8)
        }
        #expect(try grassroots("verify", "--ledger", rewritten).status == 0, "a rewritten history verifies on its own")
        // Edited: event 20's bytes changed and the tree rebuilt, the chain left as it was.
        let edited = scene.dir.path + "/edited"
        try FileManager.default.copyItem(atPath: scene.dir.ledger, toPath: edited)
        try Ledger.rewriteForTests(edited, seq: 20, rechain: false, rebuildTree: true) { bytes in
            Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "MARKER-17-END", with: "MARKER-17-XXX").utf8)
        }
        for ledger in [rewritten, edited] {
            let verified = try verify(scene, ledger, scene.cp43)
            #expect(verified.status == 4 && verified.stdout.contains("rewritten below a checkpoint"), "\(verified.stdout)")
            // Signed as it is, at the same size: a fork. Extended by 5 events: the proof from 43 fails.
            let same = try checkpoint(scene.dir, "same-\(ledger.count)", ledger: ledger)
            let forked = try offer(scene, same, try scene.dir.file("empty-\(ledger.count)", "old 43\n"))
            #expect(forked.status == 4 && forked.stderr.contains("fork"), "\(forked.stderr)")
            try append(ledger, 5, from: 41)
            let longer = try checkpoint(scene.dir, "longer-\(ledger.count)", ledger: ledger)
            let proof = try self.proof(scene.dir, "proof-\(ledger.count)", "--consistency", "--from", "43", "--to", "48", ledger: ledger)
            let refused = try offer(scene, longer, proof)
            #expect(refused.status == 4 && refused.stderr.contains("history was rewritten"), "\(refused.stderr)")
        }
        // The edited event also breaks the chain, which plain verify names.
        let plain = try grassroots("verify", "--ledger", edited)
        #expect(plain.status == 4 && plain.stdout.contains("seq 20: hash mismatch"), "\(plain.stdout)")
    }

    // MARK: the ledger's clock

    @Test func aTestClockLedgerSaysSoAndKeepsTheTimeItIsGiven() throws {
        let dir = try TemporaryDirectory()
        let created = try grassroots("init", "--ledger", dir.ledger, "--test-clock", environment: ["GRASSROOTS_RECORDED_AT": "2099-01-01T00:00:00.000000Z"])
        #expect(created.status == 0 && created.stdout.contains("test clock: recorded times may be set"), "\(created.stdout)")
        let stats = try grassroots("stats", "--ledger", dir.ledger)
        #expect(stats.stdout.contains("test clock: recorded times may be set from outside"), "\(stats.stdout)")
        let verified = try grassroots("verify", "--ledger", dir.ledger)
        #expect(verified.status == 0 && verified.stdout.contains("test-clock ledger"), "\(verified.stdout)")
        let plain = try TemporaryDirectory()
        #expect(try grassroots("init", "--ledger", plain.ledger).status == 0)
        #expect(try grassroots("stats", "--ledger", plain.ledger, "--json").stdout.contains(#""testClock":false"#))
    }
}
