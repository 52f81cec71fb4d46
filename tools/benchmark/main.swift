// Benchmark runner: raw LMDB against the ledger, measured in one run on records of the same size.
//
//   grassroots-bench [events] [--repeat-verify N]      (events default 200000; tools/benchmark.sh builds and runs it)
//   --repeat-verify N runs verify N more times at the end, for profiling it alone (perf record).
//
// Reports ratios, since these machines are shared and noisy: the absolute figures move, the ratios less.
import CLMDB
import CanonicalJSON
import EventLog
import Foundation
import LMDB

let arguments = Array(CommandLine.arguments.dropFirst())
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

func scratch(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-bench-\(name)-\(getpid())").path
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

// 1. The ledger's batched append (hash chain and three indexes included).
let ledgerPath = scratch("ledger")
let ledger = try Ledger.create(at: ledgerPath, options: options, ledgerID: "bench")
let allDrafts = (0..<(eventsTotal / batchEvents)).map { drafts(($0 * batchEvents)..<(($0 + 1) * batchEvents)) }
let appendSeconds = try seconds {
    for batch in allDrafts { _ = try ledger.append(batch) }
}
// The stored record sizes, to give raw LMDB the same bytes.
var recordSizes: [Int] = []
try ledger.forEachRecord(in: 1...UInt64(eventsTotal)) { record in
    recordSizes.append(record.canonical.count + 33)
    return true
}
let meanRecordBytes = recordSizes.reduce(0, +) / recordSizes.count

// 2. Raw LMDB: the same number of puts, same value sizes, sequential 8-byte keys, one transaction.
func rawEnvironment(_ name: String) throws -> (OpaquePointer, MDB_dbi) {
    let path = scratch(name)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    var env: OpaquePointer?
    mdb_env_create(&env)
    mdb_env_set_mapsize(env, 8 << 30)
    mdb_env_set_maxdbs(env, 4)
    guard mdb_env_open(env, path, UInt32(MDB_NOTLS), 0o640) == 0, let env else { fatalError("raw open failed") }
    var txn: OpaquePointer?
    mdb_txn_begin(env, nil, 0, &txn)
    var dbi: MDB_dbi = 0
    mdb_dbi_open(txn, "raw", UInt32(MDB_CREATE), &dbi)
    mdb_txn_commit(txn)
    return (env, dbi)
}
let (rawEnv, rawDbi) = try rawEnvironment("raw")
let payload = [UInt8](repeating: 0x61, count: recordSizes.max() ?? 512)
let rawSeconds = seconds {
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
let (bareEnv, bareDbi) = try rawEnvironment("bare")
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
mdb_env_close(rawEnv)
mdb_env_close(bareEnv)
for path in [ledgerPath, durablePath, scratch("raw"), scratch("bare")] { remove(path) }

func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%10.0f/s", Double(count) / seconds) }
print("events: \(eventsTotal), mean stored record: \(meanRecordBytes) bytes, batches of \(batchEvents)")
print("raw LMDB puts, one transaction        \(rate(eventsTotal, rawSeconds))")
print("ledger batched append                 \(rate(eventsTotal, appendSeconds))   ratio to raw: \(String(format: "%.2f", rawSeconds / appendSeconds))  (target >= 0.5)")
print("verify (chain + all indexes)          \(rate(eventsTotal, verifySeconds))   (target >= 500000/s)")
print("bare one-put durable commit           \(String(format: "%8.2f ms", bareSeconds * 1000 / Double(durableCommits)))")
print("one-event durable ledger append       \(String(format: "%8.2f ms", durableSeconds * 1000 / Double(durableCommits)))   ratio to bare: \(String(format: "%.2f", durableSeconds / bareSeconds))  (target <= 2)")
