// The coverage-guided fuzzing harness (issue 16, item 7), run by tools/fuzz.sh under libFuzzer.
//
// Each input is taken as NDJSON, as `grassroots append` reads it: up to `linesMax` lines, each parsed by the
// strict JSON parser, the parsed value encoded canonically and parsed again (it must come back equal, and
// encode to the same bytes), decoded into an event draft, and the drafts appended in one batch to a scratch
// ledger with the governance hook (payload validation and every rule). A dry run of the same batch must
// agree with the append, and a refused append must leave the ledger's head (seq and hash) as it was (the
// tables are not compared here: the suite's refusal tests compare every byte); an accepted one grows the
// scratch ledger, which is made afresh every `appendsPerLedger` accepted appends.
// Any crash, any precondition, an inequality above, or a hang (libFuzzer's -timeout) is a finding.
//
// A normal `swift build` compiles the replaying entry point at the bottom. tools/fuzz.sh builds with
// -DGRASSROOTS_FUZZ and coverage instrumentation instead: SwiftPM links an executable's `main` to
// `<module>_main`, which is then `fuzzMain`, handing control to libFuzzer's driver (libclang_rt.fuzzer_no_main).
import CanonicalJSON
import EventLog
import Foundation
import Governance

enum Harness {
    static let linesMax = 16
    static let appendsPerLedger = 2_000
    static let scratch: String = {
        let base = ProcessInfo.processInfo.environment["GRASSROOTS_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
        return base + "/grassroots-fuzz-\(getpid())"
    }()
    nonisolated(unsafe) static var ledger: Ledger?
    nonisolated(unsafe) static var accepted = 0

    /// The setup every input may build on: a village, three groups, two persons.
    static let setup = """
        {"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:f","name":"模糊村","level":"village"}}
        {"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:a","unit":"unit:f","name":"一组","kind":"village","households":40,"adults":120}}
        {"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:b","unit":"unit:f","name":"二组","kind":"village","households":30,"adults":90}}
        {"type":"person.registered","effectiveDate":"2020-01-01","data":{"person":"person:p1","birthDate":"1970-05-01","sex":"F","group":"group:a","votingRights":true}}
        {"type":"person.registered","effectiveDate":"2020-01-01","data":{"person":"person:p2","birthDate":"1980-05-01","sex":"M","group":"group:a","votingRights":true}}
        """

    static func freshLedger() -> Ledger {
        do {
            if FileManager.default.fileExists(atPath: scratch) { try FileManager.default.removeItem(atPath: scratch) }
            var options = LedgerOptions()
            options.hook = GovernanceHook()
            options.durableCommits = false
            let made = try Ledger.create(at: scratch, options: options, ledgerID: "fuzz")
            let drafts = try setup.split(separator: "\n").map { line in
                try GovernanceRequests.draft(from: try JSONParser.parse(String(line)), defaultActor: "fuzz")
            }
            _ = try made.append(drafts)
            return made
        } catch {
            fatalError("cannot make the scratch ledger at \(scratch): \(error)")
        }
    }

    static func run(_ bytes: UnsafeRawBufferPointer) {
        var drafts: [EventDraft] = []
        var lines = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lines += 1
            if lines > linesMax { break }
            let value: JSONValue
            do {
                value = try line.withUnsafeBytes { try JSONParser.parse($0) }
            } catch {
                continue
            }
            let canonical = CanonicalJSON.encode(value)
            let again: JSONValue
            do {
                again = try JSONParser.parse(canonical)
            } catch {
                fatalError("canonical bytes of a parsed value do not parse: \(error): \(String(decoding: canonical, as: UTF8.self))")
            }
            precondition(again == value, "canonical round trip changed the value: \(String(decoding: canonical, as: UTF8.self))")
            precondition(CanonicalJSON.encode(again) == canonical, "canonical encoding is not stable")
            do {
                drafts.append(try GovernanceRequests.draft(from: value, defaultActor: "fuzz"))
            } catch {
                continue
            }
        }
        guard !drafts.isEmpty else { return }
        let ledger = Harness.ledger ?? freshLedger()
        Harness.ledger = ledger
        do {
            let before = try ledger.head()
            let tried: Result<AppendResult, any Error> = Result { try ledger.dryRun { session in try session.append(drafts) } }
            do {
                let result = try ledger.append(drafts)
                if case .failure(let error) = tried {
                    fatalError("the dry run refused what the append took (\(result.headSeq)): \(error)")
                }
                accepted += 1
                if accepted % appendsPerLedger == 0 { Harness.ledger = nil }
            } catch let error as EventLogError {
                if case .success = tried { fatalError("the dry run took what the append refused: \(error)") }
                let after = try ledger.head()
                precondition(after == before, "a refused append changed the head: \(before) -> \(after): \(error)")
            }
        } catch {
            fatalError("the scratch ledger failed: \(error)")
        }
    }
}

#if GRASSROOTS_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; libFuzzer's driver runs from it.
@_cdecl("grassroots_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        Harness.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
#else
@main
enum NotFuzzing {
    /// Without libFuzzer: `grassroots-fuzz FILE...` runs each file through the harness once (a corpus replay);
    /// `grassroots-fuzz --runs N --seed S FILE...` also runs N inputs mutated from them by a seeded generator
    /// (flips, insertions, deletions, splices of lines: no coverage guidance, but the same checks), which the
    /// suite uses as a short seeded run.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var runs = 0
        var seed: UInt64 = 1
        while let flag = arguments.first, flag.hasPrefix("--") {
            arguments.removeFirst()
            guard let text = arguments.first, let value = UInt64(text) else { usage() }
            arguments.removeFirst()
            switch flag {
            case "--runs": runs = Int(min(value, 100_000_000))
            case "--seed": seed = value
            default: usage()
            }
        }
        guard !arguments.isEmpty else { usage() }
        var inputs: [[UInt8]] = []
        for file in arguments {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                exit(2)
            }
            inputs.append([UInt8](data))
            data.withUnsafeBytes { Harness.run($0) }
        }
        var generator = SplitMix(seed: seed)
        for _ in 0..<runs {
            let input = Mutator.mutate(inputs[Int(generator.next() % UInt64(inputs.count))], other: inputs[Int(generator.next() % UInt64(inputs.count))],
                                       &generator)
            input.withUnsafeBytes { Harness.run($0) }
        }
        do {
            let head = try Harness.ledger?.head().seq ?? 0
            print("\(arguments.count) inputs replayed and \(runs) mutated (seed \(seed)); appends accepted \(Harness.accepted); the last scratch ledger holds \(head) events")
            if FileManager.default.fileExists(atPath: Harness.scratch) { try FileManager.default.removeItem(atPath: Harness.scratch) }
        } catch {
            FileHandle.standardError.write(Data("the scratch ledger \(Harness.scratch): \(error)\n".utf8))
            exit(1)
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: grassroots-fuzz [--runs N] [--seed S] FILE...   (coverage-guided fuzzing: tools/fuzz.sh)\n".utf8))
        exit(64)
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations of the kinds libFuzzer makes, on bytes: JSON's own punctuation and digits are favoured.
enum Mutator {
    static let interesting: [UInt8] = Array("{}[]\":,0123456789-+.eE\\ntfu \u{7f}".utf8) + [0, 0xC3, 0xE2, 0xFF]
    static let bytesMax = 4096

    static func mutate(_ input: [UInt8], other: [UInt8], _ g: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + Int(g.next() % 4)) {
            let at = bytes.isEmpty ? 0 : Int(g.next() % UInt64(bytes.count))
            switch g.next() % 6 {
            case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(truncatingIfNeeded: 1 + g.next() % 255)
            case 1: bytes.insert(interesting[Int(g.next() % UInt64(interesting.count))], at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(g.next() % 8)))
            case 3 where !bytes.isEmpty: bytes[at] = interesting[Int(g.next() % UInt64(interesting.count))]
            case 4 where !other.isEmpty:
                let from = Int(g.next() % UInt64(other.count))
                bytes.insert(contentsOf: other[from..<min(other.count, from + 1 + Int(g.next() % 64))], at: at)
            default:
                // Swap in a digit run: numbers at and beyond the integer limits.
                let digits = Array(String(g.next() % 3 == 0 ? Int64.max : Int64(bitPattern: g.next())).utf8)
                bytes.insert(contentsOf: digits, at: at)
            }
        }
        return bytes.count > bytesMax ? Array(bytes.prefix(bytesMax)) : bytes
    }
}
#endif
