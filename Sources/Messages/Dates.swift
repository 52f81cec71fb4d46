/// Dates and times as a person reads them.
public enum Dates {
    /// `2023-02-18` -> 2023年2月18日 (zh) or as is (en); `2023-02` -> 2023年2月; `2023` -> 2023年. Anything
    /// else is shown as written.
    public static func display(_ iso: String, _ language: Language) -> String {
        guard language == .zh else { return iso }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]) else { return iso }
        var text = "\(year)年"
        if parts.count > 1, let month = Int(parts[1]) { text += "\(month)月" }
        if parts.count > 2, let day = Int(parts[2]) { text += "\(day)日" }
        return text
    }

    /// A recorded instant (UTC, `2026-01-31T08:00:00.000000Z`) in Beijing time (UTC+8), to the second:
    /// 2026年1月31日 16:00:00 (zh) or 2026-01-31 16:00:00 (en). The caller's header says "Beijing time".
    public static func beijing(_ utc: String, _ language: Language) -> String {
        let bytes = Array(utc.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return utc }
        var days = daysFromCivil(year, month, day)
        var beijingHour = hour + 8
        if beijingHour >= 24 {
            beijingHour -= 24
            days += 1
        }
        let (y, m, d) = civilFromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let time = "\(two(beijingHour)):\(two(minute)):\(two(second))"
        return language == .zh ? "\(y)年\(m)月\(d)日 \(time)" : "\(y)-\(two(m))-\(two(d)) \(time)"
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
