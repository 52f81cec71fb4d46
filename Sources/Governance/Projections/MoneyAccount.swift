import Messages
import EventLog

/// What a person's money lines add up to, stored after each line (`StoredLine`), so the person's latest line
/// carries it: the sum of each kind of line, and the months each (group, post, funding source) has accrued.
/// The payment check (`owed`) and the "already accrued" check read it instead of every line the person has.
///
/// It is a pure function of the person's lines, in a canonical binary form (entries sorted, years ascending):
/// a money event adds its line to it; a correction or retraction of a money event recomputes it from the
/// lines that remain and stores it under `person 0x01` (`Tables.recomputeAccount`). So it is never part of
/// what an undo restores, and a rebuild writes the same bytes.
///
/// Layout: format byte (1); the five sums (Int64 BE, `MoneyLine.Kind` order); entry count (UInt16 BE); per
/// entry: group, post and source (each a 1-byte length and UTF-8), year count (UInt16 BE), and per year the
/// year (UInt16 BE) and a mask of its months (UInt16 BE, bit m-1 for month m).
struct MoneyAccount: Equatable {
    static let format: UInt8 = 1
    /// The largest account stored: beyond it an accrual is refused (hundreds of years of accruals in dozens of posts).
    static let bytesMax = 16 * 1024
    /// Bytes before the first entry: format, five sums, entry count.
    static let headerBytes = 1 + 8 * 5 + 2

    /// The canonical bytes, kept as stored and changed in place: read on every accrual and payment.
    private(set) var bytes: [UInt8]

    /// An account with no lines.
    init() {
        bytes = [MoneyAccount.format] + [UInt8](repeating: 0, count: MoneyAccount.headerBytes - 1)
    }

    /// Reads stored account bytes; nil when they are not a well-formed account.
    init?(bytes stored: UnsafeRawBufferPointer) {
        bytes = Array(stored)
        guard bytes.count >= MoneyAccount.headerBytes, bytes[0] == MoneyAccount.format else { return nil }
        var index = MoneyAccount.headerBytes
        for _ in 0..<u16(at: MoneyAccount.headerBytes - 2) {
            guard let (_, next) = entry(at: index) else { return nil }
            index = next
        }
        guard index == bytes.count else { return nil }
    }

    /// What the person is owed: accrued + bonuses − deductions − payments (+ reversed payments), and how.
    var owed: (fen: Int64, detail: Text) {
        let sums = self.sums
        let (accrued, bonus, deducted, paid, reversed) = (sums[0], sums[1], sums[2], sums[3], sums[4])
        return (accrued + bonus - deducted - paid + reversed,
                Msg.rules.detail.owedHow(["accrued": .fen(accrued), "bonus": .fen(bonus), "deducted": .fen(deducted), "paid": .fen(paid - reversed)]))
    }

    /// The sums of each kind of line, in `MoneyLine.Kind` order.
    var sums: [Int64] {
        (0..<MoneyLine.Kind.allCases.count).map { kind in bytes[(1 + 8 * kind)..<(9 + 8 * kind)].reduce(Int64(0)) { $0 << 8 | Int64($1) } }
    }

    private func u16(at index: Int) -> Int { Int(bytes[index]) << 8 | Int(bytes[index + 1]) }

    private mutating func setU16(_ value: Int, at index: Int) throws {
        guard (0...Int(UInt16.max)).contains(value) else {
            throw RuleViolation(Msg.rules.name.accountTooLarge, Msg.rules.detail.accountEntries(["max": .number(UInt16.max)]), source: Cite.said(Msg.rules.why.accountLimit))
        }
        bytes[index] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// The entry at `index`: where its group, post and source are, where its years start and how many there
    /// are, and where the next entry starts; nil when it overruns the bytes.
    private func entry(at index: Int) -> (Entry, next: Int)? {
        var at = index
        var texts: [Range<Int>] = []
        for _ in 0..<3 {
            guard at < bytes.count else { return nil }
            let length = Int(bytes[at])
            guard at + 1 + length <= bytes.count else { return nil }
            texts.append((at + 1)..<(at + 1 + length))
            at += 1 + length
        }
        guard at + 2 <= bytes.count else { return nil }
        let years = u16(at: at)
        let next = at + 2 + 4 * years
        guard next <= bytes.count else { return nil }
        return (Entry(texts: texts, yearCountAt: at, years: years), next)
    }

    private struct Entry {
        let texts: [Range<Int>]
        let yearCountAt: Int
        let years: Int
    }

    /// Compares an entry's (group, post, source) with the given one, part by part, bytewise.
    private func compare(_ entry: Entry, _ key: [[UInt8]]) -> Int {
        for (range, part) in zip(entry.texts, key) {
            let stored = bytes[range]
            if stored.elementsEqual(part) { continue }
            return stored.lexicographicallyPrecedes(part) ? -1 : 1
        }
        return 0
    }

    /// The year and month of a `YYYY-MM` period, or nil.
    static func month(of period: String) -> (year: Int, month: Int)? {
        let bytes = Array(period.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)), (1...12).contains(month) else { return nil }
        return (year, month)
    }

    private static func key(group: String, _ accrual: MoneyLine.Accrual) -> [[UInt8]] {
        [Array(group.utf8), Array(accrual.post.utf8), Array(accrual.source.utf8)]
    }

    /// Finds the entry for `key`: (found, the offset of the entry or of where it belongs, the entry).
    private func find(_ key: [[UInt8]]) -> (found: Bool, at: Int, entry: Entry?) {
        var index = MoneyAccount.headerBytes
        for _ in 0..<u16(at: MoneyAccount.headerBytes - 2) {
            guard let (entry, next) = self.entry(at: index) else { preconditionFailure("a validated account is well formed") }
            let order = compare(entry, key)
            if order == 0 { return (true, index, entry) }
            if order > 0 { return (false, index, nil) }
            index = next
        }
        return (false, index, nil)
    }

    /// Whether `accrual` of `group` is among the months accrued.
    func contains(group: String, _ accrual: MoneyLine.Accrual) -> Bool {
        guard let (year, month) = MoneyAccount.month(of: accrual.period) else { return false }
        let match = find(MoneyAccount.key(group: group, accrual))
        guard match.found, let entry = match.entry else { return false }
        for position in 0..<entry.years {
            let at = entry.yearCountAt + 2 + 4 * position
            if u16(at: at) == year { return u16(at: at + 2) & (1 << (month - 1)) != 0 }
        }
        return false
    }

    /// Adds `line` to the sums and, for an accrual, its month.
    mutating func add(_ line: MoneyLine) throws {
        let kind = line.kind.index
        // Everything that can refuse comes first, so that a refused line leaves the account as it was.
        var month: (year: Int, month: Int)? = nil
        if let accrual = line.accrual {
            guard let parsed = MoneyAccount.month(of: accrual.period) else {
                throw RuleViolation(Msg.rules.name.badPeriod, Msg.rules.detail.notAMonth(["period": .plain(accrual.period)]),
                                    source: Cite.the("Schemas/events/subsidy.accrued.v1.schema.json", Msg.rules.why.periodField))
            }
            month = parsed
        }
        let sumAt = 1 + 8 * kind
        let (sum, overflow) = bytes[sumAt..<(sumAt + 8)].reduce(Int64(0)) { $0 << 8 | Int64($1) }.addingReportingOverflow(line.amountFen)
        guard !overflow else {
            throw RuleViolation(Msg.rules.name.amountOutOfRange, Msg.rules.detail.sumOutOfRange(["kind": .plain(line.kind.name), "max": .number(Int64.max)]),
                                source: Cite.the(Msg.rules.why.principle6, Msg.rules.why.integerFen))
        }
        for byte in 0..<8 { bytes[sumAt + byte] = UInt8(truncatingIfNeeded: sum >> Int64(56 - 8 * byte)) }
        guard let accrual = line.accrual, let (year, month) = month else { return }
        let key = MoneyAccount.key(group: line.group ?? "", accrual)
        let match = find(key)
        let entry: Entry
        if match.found, let found = match.entry {
            entry = found
        } else {
            var inserted: [UInt8] = []
            for part in key {
                guard part.count <= 255 else { preconditionFailure("a money line's ids are at most 255 bytes") }
                inserted.append(UInt8(part.count))
                inserted += part
            }
            inserted += [0, 0]
            bytes.insert(contentsOf: inserted, at: match.at)
            try setU16(u16(at: MoneyAccount.headerBytes - 2) + 1, at: MoneyAccount.headerBytes - 2)
            guard let (created, _) = self.entry(at: match.at) else { preconditionFailure("the entry just inserted is well formed") }
            entry = created
        }
        let bit = 1 << (month - 1)
        var position = 0
        while position < entry.years, u16(at: entry.yearCountAt + 2 + 4 * position) < year { position += 1 }
        let at = entry.yearCountAt + 2 + 4 * position
        if position < entry.years, u16(at: at) == year {
            try setU16(u16(at: at + 2) | bit, at: at + 2)
        } else {
            bytes.insert(contentsOf: [UInt8(truncatingIfNeeded: year >> 8), UInt8(truncatingIfNeeded: year), UInt8(truncatingIfNeeded: bit >> 8), UInt8(truncatingIfNeeded: bit)], at: at)
            try setU16(entry.years + 1, at: entry.yearCountAt)
        }
        guard bytes.count <= MoneyAccount.bytesMax else {
            throw RuleViolation(Msg.rules.name.accountTooLarge, Msg.rules.detail.accountBytes(["max": .number(MoneyAccount.bytesMax)]), source: Cite.said(Msg.rules.why.accountLimit))
        }
    }
}
