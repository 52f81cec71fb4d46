import CLMDB
import CanonicalJSON
import EventLog
import Foundation
import Governance
import GrassrootsDemo
import LMDB

/// `grassroots-bench --governance [events] [years]`: on a generated history of about `events` events (the
/// demo's county and a `CityStream` city sized to the rest, streamed in date order, never held in memory),
/// measures in one run: import with full validation and projections beside raw LMDB appends of the same
/// request bytes; an atomic rebuild; an `--as-of` roster query against a ledger of about 100,000 events and
/// the large one; a departure audit; and memory while importing.
enum GovernanceBenchmark {
    /// Events in the small ledger the roster query is compared against.
    static let smallEvents = 100_000
    /// The group and date the roster query asks about (present in both ledgers).
    static let rosterGroup = "group:big-0-1"
    static let rosterDate = "2023-06-30"
    /// Events per appended batch unless the command line names another size: what `grassroots append` uses.
    static let defaultBatch = Limits.batchEventsDefault
    /// With `--mirror`, the rebuild's writes are replayed into bare LMDB up to this many events.
    static let rebuildMirrorEventsMax = 2_000_000
    /// Events between progress lines on the large import.
    static let reportEvery = 500_000

    /// Peak resident set (VmHWM) and current anonymous memory (RssAnon), in bytes.
    static func memory() -> (peakResident: Int, anonymous: Int) {
        let status: String
        do {
            status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        } catch {
            print("cannot read /proc/self/status: \(error)")
            return (0, 0)
        }
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") else { return 0 }
            return kilobytes * 1024
        }
        return (field("VmHWM"), field("RssAnon"))
    }

    /// Bytes this process has passed to write calls (`wchar` of /proc/self/io): LMDB writes each dirty page
    /// with `pwrite`, so this counts the pages committed. (`write_bytes` is not used: on kernels whose page
    /// cache keeps large folios it counts a whole folio for each 4 KiB page written into it.)
    static func writtenBytes() -> Int {
        do {
            let io = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
            guard let line = io.split(separator: "\n").first(where: { $0.hasPrefix("wchar:") }),
                  let bytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") else { return 0 }
            return bytes
        } catch {
            print("cannot read /proc/self/io: \(error)")
            return 0
        }
    }

    struct Built {
        let ledger: Ledger
        let path: String
        let events: Int
        let importSeconds: Double
        /// The part of `importSeconds` spent on the Merkle tree (leaf hashes and tiles).
        let merkleSeconds: Double
        let rawSeconds: Double
        let generateSeconds: Double
        let peakAnonymous: Int
        /// Seconds bare LMDB took for the import's committed writes (`--mirror`), or nil.
        let mirrorSeconds: Double?
        /// What those writes were, per database.
        let mirrorTally: String
        /// The mirror and the trace feeding it, stopped (`--mirror`).
        let mirror: RawMirror?
        let trace: WriteTrace?
    }

    /// Appends the demo's county history, then a city stream sized so the total is about `events`, in
    /// batches of `batch` events; times the appends alone, and raw LMDB appends of the same
    /// requests' canonical bytes (MDB_APPEND, 8-byte keys, one transaction per batch) beside them.
    static func build(events: Int, years: Int, batch: Int, label: String, progress: Bool, mirror mirrored: Bool = false) throws -> Built {
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.clock = .fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))
        let trace = mirrored ? WriteTrace() : nil
        options.trace = trace
        let merkleTimer = StopwatchTotal()
        options.merkleTimer = merkleTimer
        let path = scratch("governance-\(label)")
        let ledger = try Ledger.create(at: path, options: options, ledgerID: "bench")
        let mirror = try trace.map { _ in try RawMirror(name: "governance-mirror-\(label)", mapBytes: max(1 << 32, events * 4_096)) }
        // The ledger's own set-up (its metadata), untimed.
        if let trace, let mirror { mirror.replay(trace.take()) }
        var mirrorSeconds = 0.0
        let (rawEnv, rawDbis) = try rawEnvironment("governance-raw-\(label)", mapBytes: max(1 << 30, events * 1_024))
        defer {
            mdb_env_close(rawEnv)
            remove(scratch("governance-raw-\(label)"))
        }
        var county = DemoGenerator.Size()
        county.cityGroups = 1
        county.cityCommunities = 1
        county.years = min(years, 8)
        var demo = DemoGenerator(seed: 1, size: county)
        var pending: [JSONObject] = demo.generate()
        var city = CityStream.Size()
        city.years = years
        city.groups = CityStream.groups(forEvents: max(0, events - pending.count), years: years)
        var stream = CityStream(seed: 2, size: city)

        var appended = 0
        var importSeconds = 0.0
        var rawSeconds = 0.0
        var peakAnonymous = 0
        var rawKey: UInt64 = 0
        var nextReport = reportEvery
        var reportedAt = (events: 0, written: writtenBytes(), seconds: 0.0, mirrorSeconds: 0.0)
        let started = DispatchTime.now().uptimeNanoseconds
        func flush() throws {
            guard !pending.isEmpty else { return }
            let drafts = try pending.map { try GovernanceRequests.draft(from: .object($0), defaultActor: "bench") }
            let bytes = pending.map { CanonicalJSON.encode(.object($0)) }
            pending.removeAll(keepingCapacity: true)
            importSeconds += try seconds { _ = try ledger.append(drafts) }
            // Memory is sampled before the mirror runs, though LMDB keeps the pages of the mirror's past
            // transactions for reuse as the ledger's environment does: `--mirror` adds about as much again.
            peakAnonymous = max(peakAnonymous, memory().anonymous)
            if let trace, let mirror {
                let operations = trace.take()
                mirrorSeconds += seconds { mirror.replay(operations) }
                mirror.count(operations)
            }
            rawSeconds += seconds {
                var txn: OpaquePointer?
                precondition(mdb_txn_begin(rawEnv, nil, 0, &txn) == 0)
                for value in bytes {
                    rawKey += 1
                    var key = rawKey.bigEndian
                    withUnsafeMutableBytes(of: &key) { keyBytes in
                        value.withUnsafeBytes { valueBytes in
                            var k = MDB_val(mv_size: 8, mv_data: keyBytes.baseAddress)
                            var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                            precondition(mdb_put(txn, rawDbis[0], &k, &v, UInt32(MDB_APPEND)) == 0)
                        }
                    }
                }
                precondition(mdb_txn_commit(txn) == 0)
            }
            appended += drafts.count
            if progress && appended >= nextReport {
                nextReport += reportEvery
                let written = writtenBytes()
                let recent = appended - reportedAt.events
                let mirrorNote = mirror == nil ? "" : ", bare LMDB with the same writes \(rate(recent, mirrorSeconds - reportedAt.mirrorSeconds))"
                print("  \(label): \(appended) events, \(rate(appended, importSeconds)) importing (last \(recent): \(rate(recent, importSeconds - reportedAt.seconds))\(mirrorNote)), "
                      + "anonymous memory \(memory().anonymous >> 20) MiB, written \((written - reportedAt.written) / max(1, recent)) bytes/event\(mirror == nil ? "" : " (both)")")
                reportedAt = (appended, written, importSeconds, mirrorSeconds)
            }
        }
        try flush()
        try stream.generate { request in
            pending.append(request)
            if pending.count == batch { try flush() }
        }
        try flush()
        trace?.stop()
        let total = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Built(ledger: ledger, path: path, events: appended, importSeconds: importSeconds,
                     merkleSeconds: Double(merkleTimer.nanoseconds) / 1e9, rawSeconds: rawSeconds,
                     generateSeconds: total - importSeconds - rawSeconds - mirrorSeconds, peakAnonymous: peakAnonymous,
                     mirrorSeconds: mirror == nil ? nil : mirrorSeconds, mirrorTally: mirror?.describeTally(events: appended) ?? "",
                     mirror: mirror, trace: trace)
    }

    static func medianMilliseconds(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds(body) * 1000) }
        return times.sorted()[runs / 2]
    }

    static func run(events: Int, years: Int, batch: Int, mirror: Bool) throws {
        guard let asOf = LocalDate(iso: rosterDate) else { return }
        let roster = RosterQuery(unit: nil, group: rosterGroup, asOf: asOf)
        let small = try build(events: smallEvents, years: years, batch: batch, label: "small", progress: false)
        let smallRoster = try medianMilliseconds(101) { _ = try small.ledger.query(roster) }
        let smallRows = try small.ledger.query(roster)
        // `--at-seq`: the same roster as the ledger stood halfway through its events (an index read).
        let smallAtSeq = try medianMilliseconds(1001) { _ = try small.ledger.query(roster, atSeq: UInt64(small.events / 2)) }
        remove(small.path)

        let large = try build(events: events, years: years, batch: batch, label: "large", progress: true, mirror: mirror)
        let afterImport = memory()
        let largeRoster = try medianMilliseconds(101) { _ = try large.ledger.query(roster) }
        let sameAnswer = "\(try large.ledger.query(roster))" == "\(smallRows)"
        let largeAtSeq = try medianMilliseconds(1001) { _ = try large.ledger.query(roster, atSeq: UInt64(large.events / 2)) }
        let audit = try medianMilliseconds(11) {
            _ = try large.ledger.query(DepartureAuditQuery(person: DemoGenerator.incompleteHandoverLeader, group: DemoGenerator.incompleteHandoverGroup))
        }
        var fileInfo = stat()
        let onDisk = stat(large.path + "/data.mdb", &fileInfo) == 0 ? Int(fileInfo.st_size) : 0
        // With `--mirror`, the rebuild's writes too (one transaction, held in memory: only up to
        // `rebuildMirrorEventsMax` events).
        let mirrorRebuild = large.events <= rebuildMirrorEventsMax ? large.trace : nil
        mirrorRebuild?.resume()
        let rebuildSeconds = try seconds { _ = try large.ledger.replay() }
        var rebuildMirrorSeconds: Double?
        if let trace = mirrorRebuild, let mirror = large.mirror {
            trace.stop()
            let operations = trace.take()
            rebuildMirrorSeconds = seconds { mirror.replay(operations) }
        }
        var verified: VerificationReport?
        let verifySeconds = try seconds { verified = try large.ledger.verify() }
        precondition(verified?.isIntact == true, "the benchmark ledger must verify")
        remove(large.path)

        print("governance: \(large.events) events (\(years) years); small ledger \(small.events) events; batches of \(batch)")
        print("import with full validation and projections  \(rate(large.events, large.importSeconds))   (target >= 150000/s)")
        print("  of which the Merkle tree (leaves and tiles)  \(String(format: "%.2f s, %.1f%%", large.merkleSeconds, 100 * large.merkleSeconds / large.importSeconds))   (target < 10%)")
        print("raw LMDB appends of the same request bytes     \(rate(large.events, large.rawSeconds))   import / raw: \(String(format: "%.3f", large.rawSeconds / large.importSeconds))")
        if let mirrorSeconds = large.mirrorSeconds {
            print("bare LMDB, the import's committed writes      \(rate(large.events, mirrorSeconds))   import / this: \(String(format: "%.2f", mirrorSeconds / large.importSeconds)) (\(String(format: "%.1f", mirrorSeconds)) s)")
            print(large.mirrorTally)
        }
        print("  (generating and decoding the requests, not counted: \(rate(large.events, large.generateSeconds)))")
        print("rebuild (one transaction)                     \(rate(large.events, rebuildSeconds))   (target >= 300000/s)")
        if let rebuildMirrorSeconds {
            print("bare LMDB, the rebuild's writes               \(rate(large.events, rebuildMirrorSeconds))   rebuild / this: \(String(format: "%.2f", rebuildMirrorSeconds / rebuildSeconds))")
        } else if large.mirror != nil {
            print("bare LMDB, the rebuild's writes: not measured above \(rebuildMirrorEventsMax) events (the trace holds them in memory)")
        }
        print("verify (chain and every index entry)           \(rate(large.events, verifySeconds))")
        print("--as-of roster, one group: small \(String(format: "%.3f", smallRoster)) ms, large \(String(format: "%.3f", largeRoster)) ms, ratio \(String(format: "%.2f", largeRoster / smallRoster)) (target <= 2); same answer: \(sameAnswer)")
        print("--at-seq roster (halfway), one group: small \(String(format: "%.3f", smallAtSeq)) ms, large \(String(format: "%.3f", largeAtSeq)) ms, ratio \(String(format: "%.2f", largeAtSeq / smallAtSeq)) (target <= 2); large / --as-of: \(String(format: "%.2f", largeAtSeq / largeRoster)) (target <= 2)")
        print("departure audit, in-process                    \(String(format: "%8.2f ms", audit))   (target < 50 ms)")
        print("anonymous memory while importing, peak         \(large.peakAnonymous >> 20) MiB   (target < 200 MB)")
        print("resident set after import (VmHWM; counts mapped ledger pages)  \(afterImport.peakResident >> 20) MiB")
        print("ledger on disk                                 \(onDisk >> 20) MiB (\(onDisk / max(1, large.events)) bytes/event)")
    }
}

func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%10.0f/s", Double(count) / seconds) }
