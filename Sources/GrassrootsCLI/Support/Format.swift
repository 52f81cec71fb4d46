import CanonicalJSON
import EventLog
import Messages
import Reports

/// How events are shown.
enum Format {
    /// The canonical envelope with its hashes (`Reports.EventLines`, shared with the server).
    static func exportLine(canonical: UnsafeRawBufferPointer, hash: String, prevHash: String, into out: inout [UInt8]) {
        EventLines.exportLine(canonical: canonical, hash: hash, prevHash: prevHash, into: &out)
    }

    static func jsonLine(_ event: RecordedEvent) -> String {
        var object = event.canonicalObject
        object.set("hash", .string(event.hash.hex))
        object.set("prevHash", .string(event.prevHash.hex))
        return CanonicalJSON.string(.object(object)) + "\n"
    }

    /// The events as a table: the type as stored (a program's name for it), the recorded time in UTC as stored.
    static func table(_ events: [RecordedEvent]) -> Table {
        let words = Msg.queries.log
        var table = Table([Column(words.seq), Column(words.effective), Column(words.type), Column(words.stream), Column(words.version),
                           Column(words.actor), Column(words.subjects), Column(words.recorded)])
        for event in events {
            table.add([.text(String(event.seq)), .text(event.effectiveDate.description), .text(event.type), .text(event.stream),
                       .text(String(event.version)), .text(event.actor), .text(event.subjects.joined(separator: ",")),
                       .text(event.recordedAt.description)])
        }
        return table
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\((value * 10).rounded() / 10) \(units[unit])"
    }
}

/// Fen as yuan with two decimals: 12345 -> "123.45".
func yuan(_ fen: Int64) -> String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
}
