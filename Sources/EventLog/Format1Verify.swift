import LMDB

/// `verify` on a format-1 ledger read as it is (a read-only open, `LogIndex.format1`): its stream index
/// `log.streams` ([stream][version] → seq) and its subject index of subjects only, with empty values, are
/// checked as the release that wrote them checked them.
extension Ledger {
    func scanFormat1StreamIndex(
        _ txn: borrowing ReadTransaction, _ streams: Database, head: UInt64, report: inout VerificationReport,
        _ add: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws {
        var previousName: [UInt8] = []
        var previousVersion: UInt64 = 0
        try txn.withCursor(streams) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let split = Layout.splitPrefixed(current.key), let seq = Layout.readSeq(current.value) else {
                    report.report(0, "\(streams.name): malformed entry (\(current.key.count)-byte key, \(current.value.count)-byte value)")
                    entry = try cursor.next()
                    continue
                }
                if seq == 0 || seq > head { report.report(0, "\(streams.name): entry names event \(seq), beyond the head \(head)") }
                let sameStream = split.name.elementsEqual(previousName)
                let expectedVersion = sameStream ? previousVersion + 1 : 1
                if split.number != expectedVersion {
                    report.report(seq, "stream \"\(String(decoding: split.name, as: UTF8.self))\" jumps to version \(split.number) where \(expectedVersion) was due")
                }
                if !sameStream { previousName = Array(split.name) }
                previousVersion = split.number
                add(current.key, current.value)
                entry = try cursor.next()
            }
        }
    }

    func scanFormat1SubjectIndex(
        _ txn: borrowing ReadTransaction, head: UInt64, report: inout VerificationReport, _ add: (UnsafeRawBufferPointer) -> Void
    ) throws {
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let split = Layout.splitPrefixed(current.key), current.value.isEmpty else {
                    report.report(0, "\(subjects.name): malformed entry")
                    entry = try cursor.next()
                    continue
                }
                if split.number == 0 || split.number > head { report.report(0, "\(subjects.name): entry names event \(split.number), beyond the head \(head)") }
                add(current.key)
                entry = try cursor.next()
            }
        }
    }

    /// The format-1 indexes against the events, entry by entry; true when something was named.
    func locateFormat1Mismatch(_ txn: borrowing ReadTransaction, _ streams: Database, report: inout VerificationReport) throws -> Bool {
        var found = false
        // 1. Every claim an event makes must be in its index.
        try txn.withCursor(events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                guard let seq = Layout.readSeq(current.key),
                      let claims = Ledger.readableClaims(current.value),
                      let stream = claims.stream, let version = claims.version else {
                    entry = try cursor.next()
                    continue
                }
                if try txn.get(streams, key: Layout.streamKey(bytes: stream, number: version)) != Layout.seqKey(seq) {
                    report.report(seq, "\(streams.name) lacks or misdirects its entry (stream \"\(String(decoding: stream, as: UTF8.self))\", version \(version))")
                    found = true
                }
                for subject in claims.subjects where try txn.get(subjects, key: Layout.streamKey(bytes: subject, number: seq)) == nil {
                    report.report(seq, "\(subjects.name) lacks its entry for subject \"\(String(decoding: subject, as: UTF8.self))\"")
                    found = true
                }
                entry = try cursor.next()
            }
        }
        // 2. Every index entry must be claimed by the event it names.
        try txn.withCursor(streams) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let split = Layout.splitPrefixed(current.key), let seq = Layout.readSeq(current.value) {
                    let claims = try claimsOf(txn, seq)
                    if claims?.stream.map({ split.name.elementsEqual($0) }) != true || claims?.version != split.number {
                        report.report(seq, "\(streams.name) has an entry (stream \"\(String(decoding: split.name, as: UTF8.self))\", version \(split.number)) that event \(seq) does not claim")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let split = Layout.splitPrefixed(current.key) {
                    let claims = try claimsOf(txn, split.number)
                    if claims?.subjects.contains(where: { split.name.elementsEqual($0) }) != true {
                        report.report(split.number, "\(subjects.name) has an entry for subject \"\(String(decoding: split.name, as: UTF8.self))\" that event \(split.number) does not claim")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        return found
    }
}
