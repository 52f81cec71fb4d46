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

    /// The month after this one (nil past the calendar's range).
    public var next: YearMonth? { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }

    /// The month before this one (nil before the calendar's range).
    public var previous: YearMonth? { month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1) }

    /// The month a date falls in.
    public init(_ date: LocalDate) {
        guard let month = YearMonth(year: date.year, month: date.month) else { preconditionFailure("a date's month is a month") }
        self = month
    }

    /// The months from `first` to `last`, both included, at most `limit` (nil when there are more).
    public static func range(_ first: YearMonth, through last: YearMonth, limit: Int) -> [YearMonth]? {
        var months: [YearMonth] = []
        var current: YearMonth? = first
        while let month = current, month <= last {
            guard months.count < limit else { return nil }
            months.append(month)
            current = month.next
        }
        return months
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
