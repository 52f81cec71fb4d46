// Benchmark runner: raw LMDB against the ledger, measured in one run on records of the same size.
//
//   grassroots-bench [events] [--repeat-verify N]      (events default 200000; tools/benchmark.sh builds and runs it)
//   --repeat-verify N runs verify N more times at the end, for profiling it alone (perf record).
//   grassroots-bench --governance [events] [years] [batch] [--mirror]: the governance layer
//     (tools/benchmark/GovernanceBenchmark.swift); `--mirror` also replays the import's committed writes into
//     bare LMDB (tools/benchmark/RawMirror.swift) and reports the two rates side by side; it also reports the
//     Merkle tree's share of the import.
//   grassroots-bench --merkle [leaves]: the Merkle tree alone at a large size (tools/benchmark/MerkleBenchmark.swift).
//
// Reports ratios, since these machines are shared and noisy: the absolute figures move, the ratios less.
import CLMDB
import CanonicalJSON
import EventLog
import Foundation
import LMDB

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--merkle" {
    try MerkleBenchmark.run(leaves: arguments.dropFirst().first.flatMap(Int.init) ?? 10_000_000)
    exit(0)
}
if arguments.first == "--governance" {
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    let batch = numbers.dropFirst(2).first ?? GovernanceBenchmark.defaultBatch
    precondition((1...Limits.batchEventsMax).contains(batch), "a batch holds 1...\(Limits.batchEventsMax) events")
    try GovernanceBenchmark.run(events: numbers.first ?? 1_000_000, years: numbers.dropFirst().first ?? 8, batch: batch,
                                mirror: arguments.contains("--mirror"))
    exit(0)
}
let eventsTotal = arguments.first.flatMap(Int.init) ?? 200_000
let verifyRepeats = arguments.firstIndex(of: "--repeat-verify").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 0
let batchEvents = Limits.batchEventsMax
let durableCommits = 300
precondition(eventsTotal > 0 && eventsTotal % batchEvents == 0 || eventsTotal < batchEvents, "events must be a multiple of \(batchEvents)")

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Removes a scratch directory; one that cannot be removed is reported (it holds benchmark data only).
func remove(_ path: String) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    do { try FileManager.default.removeItem(atPath: path) } catch { print("cannot remove \(path): \(error)") }
}

/// Where the scratch directory `name` of this run lives.
func scratchPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-bench-\(name)-\(getpid())").path
}

func scratch(_ name: String) -> String {
    let path = scratchPath(name)
    remove(path)
    return path
}

// Realistic events: a meeting or payout in one of 500 groups, naming a person and a group.
func drafts(_ range: Range<Int>) -> [EventDraft] {
    range.map { i in
        EventDraft(
            type: "subsidy.accrued", effectiveDate: LocalDate(year: 2026, month: 1 + i % 12, day: 1 + i % 28)!,
            stream: "group:g-\(i % 500)", idempotencyKey: i % 2 == 0 ? "payroll-\(i)" : nil, actor: "clerk:town-07",
            subjects: ["person:p-\(i % 3000)", "group:g-\(i % 500)"],
            data: ["person": .string("person:p-\(i % 3000)"), "period": "2026-01", "amountFen": .integer(30_000 + Int64(i % 50) * 100),
                   "fundingSource": "county-finance", "policy": "jiayuguan-2020", "post": "group-leader", "note": "月度误工补贴"])
    }
}

var options = LedgerOptions()
options.clock = .fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))

/// Each measurement is the best of this many runs on a fresh environment: the machines are shared,
/// and the kernel's writeback of a large commit makes single runs swing by a factor of three.
let attempts = 3

// 1. The ledger's batched append (hash chain and the two indexes included).
let allDrafts = (0..<(eventsTotal / batchEvents)).map { drafts(($0 * batchEvents)..<(($0 + 1) * batchEvents)) }
var appendSeconds = Double.infinity
var ledgerPath = ""
var ledger: Ledger? = nil
for attempt in 0..<attempts {
    let path = scratch("ledger-\(attempt)")
    let candidate = try Ledger.create(at: path, options: options, ledgerID: "bench")
    let elapsed = try seconds {
        for batch in allDrafts { _ = try candidate.append(batch) }
    }
    if elapsed < appendSeconds {
        appendSeconds = elapsed
        if !ledgerPath.isEmpty { remove(ledgerPath) }
        ledgerPath = path
        ledger = candidate
    } else {
        remove(path)
    }
}
guard let ledger else { fatalError("no ledger was built") }

// 1b. The same events with no subjects and no idempotency keys: the cost of those two indexes.
let bareDrafts = allDrafts.map { batch in
    batch.map { draft in
        var plain = draft
        plain.subjects = []
        plain.idempotencyKey = nil
        return plain
    }
}
var plainSeconds = Double.infinity
for attempt in 0..<attempts {
    let path = scratch("plain-\(attempt)")
    let plain = try Ledger.create(at: path, options: options, ledgerID: "bench-plain")
    plainSeconds = min(plainSeconds, try seconds { for batch in bareDrafts { _ = try plain.append(batch) } })
    remove(path)
}
// The stored record sizes, to give raw LMDB the same bytes.
var recordSizes: [Int] = []
try ledger.forEachRecord(in: 1...UInt64(eventsTotal)) { record in
    recordSizes.append(record.canonical.count + 33)
    return true
}
let meanRecordBytes = recordSizes.reduce(0, +) / recordSizes.count

// 2. Raw LMDB: the same number of puts, same value sizes, sequential 8-byte keys, one transaction.
/// A bare LMDB environment at a scratch path with the named databases (the raw baselines).
func rawEnvironment(_ name: String, databases: [String] = ["raw"], mapBytes: Int = 8 << 30, databasesMax: UInt32 = 8) throws -> (OpaquePointer, [MDB_dbi]) {
    let path = scratch(name)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    var env: OpaquePointer?
    mdb_env_create(&env)
    mdb_env_set_mapsize(env, mapBytes)
    mdb_env_set_maxdbs(env, databasesMax)
    guard mdb_env_open(env, path, UInt32(MDB_NOTLS), 0o640) == 0, let env else { fatalError("raw open failed") }
    var txn: OpaquePointer?
    mdb_txn_begin(env, nil, 0, &txn)
    var dbis = [MDB_dbi](repeating: 0, count: databases.count)
    for (index, database) in databases.enumerated() { mdb_dbi_open(txn, database, UInt32(MDB_CREATE), &dbis[index]) }
    mdb_txn_commit(txn)
    return (env, dbis)
}
let payload = [UInt8](repeating: 0x61, count: recordSizes.max() ?? 512)
var rawSeconds = Double.infinity
for attempt in 0..<attempts {
  let (rawEnv, rawDbis) = try rawEnvironment("raw-\(attempt)")
  let rawDbi = rawDbis[0]
  rawSeconds = min(rawSeconds, seconds {
    var txn: OpaquePointer?
    mdb_txn_begin(rawEnv, nil, 0, &txn)
    for i in 0..<eventsTotal {
        var key = UInt64(i + 1).bigEndian
        withUnsafeMutableBytes(of: &key) { keyBytes in
            payload.withUnsafeBytes { valueBytes in
                var k = MDB_val(mv_size: 8, mv_data: keyBytes.baseAddress)
                var v = MDB_val(mv_size: recordSizes[i], mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                precondition(mdb_put(txn, rawDbi, &k, &v, 0) == 0)
            }
        }
    }
    precondition(mdb_txn_commit(txn) == 0)
  })
  mdb_env_close(rawEnv)
  remove(scratch("raw-\(attempt)"))
}

// 2b. Raw LMDB writing the same entries the ledger writes (record, stream key, subject keys, idempotency
// key: four databases, event order, one transaction): what the indexes cost before any ledger logic.
var rawSameSeconds = Double.infinity
let flatDrafts = allDrafts.flatMap { $0 }
for attempt in 0..<attempts {
  let (env, dbis) = try rawEnvironment("raw-same-\(attempt)", databases: ["events", "streams", "subjects", "keys"])
  func put(_ txn: OpaquePointer?, _ dbi: MDB_dbi, _ key: [UInt8], _ value: UnsafeRawBufferPointer) {
    key.withUnsafeBytes { keyBytes in
      var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
      var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
      precondition(mdb_put(txn, dbi, &k, &v, 0) == 0)
    }
  }
  func prefixed(_ name: String, _ number: UInt64) -> [UInt8] {
    [UInt8(name.utf8.count)] + Array(name.utf8) + withUnsafeBytes(of: number.bigEndian) { Array($0) }
  }
  rawSameSeconds = min(rawSameSeconds, seconds {
    var txn: OpaquePointer?
    mdb_txn_begin(env, nil, 0, &txn)
    var versions: [String: UInt64] = [:]
    payload.withUnsafeBytes { value in
      for (i, draft) in flatDrafts.enumerated() {
        let seq = UInt64(i + 1)
        let seqKey = withUnsafeBytes(of: seq.bigEndian) { Array($0) }
        put(txn, dbis[0], seqKey, UnsafeRawBufferPointer(rebasing: value[0..<recordSizes[i]]))
        let version = (versions[draft.stream] ?? 0) + 1
        versions[draft.stream] = version
        seqKey.withUnsafeBytes { seqValue in
          put(txn, dbis[1], prefixed(draft.stream, version), seqValue)
          for subject in draft.subjects { put(txn, dbis[2], prefixed(subject, seq), UnsafeRawBufferPointer(rebasing: seqValue[0..<0])) }
          if let key = draft.idempotencyKey { put(txn, dbis[3], Array(key.utf8), seqValue) }
        }
      }
    }
    precondition(mdb_txn_commit(txn) == 0)
  })
  mdb_env_close(env)
  remove(scratch("raw-same-\(attempt)"))
}

// 3. Verify: the whole chain and every index.
var verified: VerificationReport?
let verifySeconds = try seconds { verified = try ledger.verify() }
precondition(verified?.isIntact == true, "the benchmark ledger must verify")
for _ in 0..<verifyRepeats {
    let report = try ledger.verify()
    precondition(report.isIntact)
}

// 4. Durable one-event appends against bare one-put commits (each an fsync'd LMDB commit).
let durablePath = scratch("durable")
let durable = try Ledger.create(at: durablePath, options: options, ledgerID: "bench-durable")
_ = try durable.append(drafts(0..<1_000))
let singles = drafts(1_000..<(1_000 + durableCommits))
let durableSeconds = try seconds {
    for draft in singles { _ = try durable.append([draft]) }
}
let (bareEnv, bareDbis) = try rawEnvironment("bare")
let bareDbi = bareDbis[0]
let bareSeconds = seconds {
    for i in 0..<durableCommits {
        var txn: OpaquePointer?
        mdb_txn_begin(bareEnv, nil, 0, &txn)
        var key = UInt64(i + 1).bigEndian
        withUnsafeMutableBytes(of: &key) { keyBytes in
            payload.withUnsafeBytes { valueBytes in
                var k = MDB_val(mv_size: 8, mv_data: keyBytes.baseAddress)
                var v = MDB_val(mv_size: meanRecordBytes, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                precondition(mdb_put(txn, bareDbi, &k, &v, 0) == 0)
            }
        }
        precondition(mdb_txn_commit(txn) == 0)
    }
}
mdb_env_close(bareEnv)
for path in [ledgerPath, durablePath, scratch("bare")] { remove(path) }

print("events: \(eventsTotal), mean stored record: \(meanRecordBytes) bytes, batches of \(batchEvents), best of \(attempts) runs each")
print("raw LMDB puts, one transaction        \(rate(eventsTotal, rawSeconds))")
print("ledger batched append                 \(rate(eventsTotal, appendSeconds))   ratio to raw: \(String(format: "%.2f", rawSeconds / appendSeconds))  (target >= 0.5)")
print("raw LMDB, the same entries as the ledger \(rate(eventsTotal, rawSameSeconds))   ledger / this: \(String(format: "%.2f", rawSameSeconds / appendSeconds))")
print("  same, no subjects, no keys          \(rate(eventsTotal, plainSeconds))   ratio to raw: \(String(format: "%.2f", rawSeconds / plainSeconds))")
print("verify (chain + all indexes)          \(rate(eventsTotal, verifySeconds))   (target >= 500000/s)")
print("bare one-put durable commit           \(String(format: "%8.2f ms", bareSeconds * 1000 / Double(durableCommits)))")
print("one-event durable ledger append       \(String(format: "%8.2f ms", durableSeconds * 1000 / Double(durableCommits)))   ratio to bare: \(String(format: "%.2f", durableSeconds / bareSeconds))  (target <= 2)")
