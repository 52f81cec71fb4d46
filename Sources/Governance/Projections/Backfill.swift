import EventLog
import Messages

/// A declared backfill (`gov.backfills`, keyed by the declaration's seq): the events it declares and why.
struct BackfillRecord: StoredRecord {
    static let format: UInt8 = 1
    var firstSeq: UInt64
    var lastSeq: UInt64
    var reason: String

    func write(to out: inout RecordWriter) {
        out.u64(firstSeq)
        out.u64(lastSeq)
        out.text(reason)
    }

    init(firstSeq: UInt64, lastSeq: UInt64, reason: String) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.reason = reason
    }

    init(reading reader: inout RecordReader) throws {
        firstSeq = try reader.u64()
        lastSeq = try reader.u64()
        reason = try reader.text()
    }
}
