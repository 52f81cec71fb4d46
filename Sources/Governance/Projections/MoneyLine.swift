import EventLog

/// One money event on a person's account, stored in a fixed binary layout (it is read on every payment):
/// kind (1 byte), amount in fen (Int64 BE), the year it concerns (4 ASCII digits, or 4 spaces), the
/// effective date (10 ASCII), then the group (1-byte length and UTF-8; 0 for none); an accrual then adds
/// what makes it unique (`Accrual`: post, period and funding source, each a 1-byte length and UTF-8), so the
/// person's one table of lines also answers "already accrued?" and the subsidies by funding source.
struct MoneyLine: Equatable {
    /// The post, period (`YYYY-MM`) and funding source of an accrual: one accrual per person, group and these.
    struct Accrual: Equatable {
        var post: String
        var period: String
        var source: String
    }
    /// What a line records; its raw value is the line's first byte (and `index + 1` in `MoneyAccount`'s sums).
    enum Kind: UInt8, CaseIterable {
        case accrued = 1, bonus, deducted, paid, reversed
        /// Its position among the account's sums.
        var index: Int { Int(rawValue) - 1 }
        var name: String { String(describing: self) }
    }
    /// Bytes before the group's: kind, amount, year, date, group length.
    static let fixedBytes = 24

    /// The amount of a stored line (bytes 1...8, big-endian).
    static func amount(in bytes: UnsafeRawBufferPointer) -> Int64 {
        precondition(bytes.count >= 9, "a money line holds at least a kind and an amount")
        return bytes[1..<9].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
    var kind: Kind
    var amountFen: Int64
    var year: String?
    var date: String
    var group: String?
    /// Present exactly on accrued lines.
    var accrual: Accrual?

    /// The bytes from the group's length on: `[len][group]`, then for an accrual `[len][post][len][period][len][source]`.
    static func tail(group: String?, accrual: Accrual?) -> [UInt8] {
        var out: [UInt8] = []
        for part in [group ?? ""] + (accrual.map { [$0.post, $0.period, $0.source] } ?? []) {
            let bytes = Array(part.utf8)
            precondition(bytes.count <= 255, "a money line's ids are at most 255 bytes")
            out.append(UInt8(bytes.count))
            out += bytes
        }
        return out
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [kind.rawValue]
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: amountFen >> Int64(shift))) }
        let yearBytes = Array((year ?? "    ").utf8)
        precondition(yearBytes.count == 4 && date.utf8.count == 10, "a money line's year and date have fixed widths")
        out += yearBytes
        out += Array(date.utf8)
        precondition((kind == .accrued) == (accrual != nil), "an accrued line, and only it, names its post, period and source")
        out += MoneyLine.tail(group: group, accrual: accrual)
        return out
    }

    init(kind: Kind, amountFen: Int64, year: String?, date: String, group: String?, accrual: Accrual? = nil) {
        self.kind = kind
        self.amountFen = amountFen
        self.year = year
        self.date = date
        self.group = group
        self.accrual = accrual
    }

    init?(bytes: [UInt8]) {
        guard bytes.count >= MoneyLine.fixedBytes, let kind = Kind(rawValue: bytes[0]) else { return nil }
        self.kind = kind
        amountFen = bytes[1..<9].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        let yearText = String(decoding: bytes[9..<13], as: UTF8.self)
        year = yearText == "    " ? nil : yearText
        date = String(decoding: bytes[13..<23], as: UTF8.self)
        var index = MoneyLine.fixedBytes - 1
        var parts: [String] = []
        while index < bytes.count {
            let length = Int(bytes[index])
            guard index + 1 + length <= bytes.count else { return nil }
            parts.append(String(decoding: bytes[(index + 1)..<(index + 1 + length)], as: UTF8.self))
            index += 1 + length
        }
        let accrued = kind == .accrued
        guard parts.count == (accrued ? 4 : 1) else { return nil }
        group = parts[0].isEmpty ? nil : parts[0]
        accrual = accrued ? Accrual(post: parts[1], period: parts[2], source: parts[3]) : nil
    }
}
