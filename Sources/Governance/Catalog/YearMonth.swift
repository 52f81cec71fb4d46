public import EventLog

/// A calendar month, `YYYY-MM` (a subsidy's period). Years as `LocalDate.yearRange`.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard LocalDate.yearRange.contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let first = LocalDate(iso: text + "-01") else { return nil }
        self.init(year: first.year, month: first.month)
    }

    /// The month's first day.
    public var firstDay: LocalDate {
        guard let day = LocalDate(year: year, month: month, day: 1) else { preconditionFailure("a valid month has a first day") }
        return day
    }

    /// The month's last day (a period's subsidy follows the policy in force on it).
    public var lastDay: LocalDate {
        guard let day = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year)) else {
            preconditionFailure("a valid month has a last day")
        }
        return day
    }

    /// Whether it is the year's last month (a yearly subsidy accrues then).
    public var isDecember: Bool { month == 12 }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
