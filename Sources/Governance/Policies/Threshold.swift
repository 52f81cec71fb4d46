/// A share of a whole, compared with integers only (RULES.md counting convention): 过半数 "more than
/// half" is strict (count/total > 1/2); 以上 "or more" includes the bound (count/total >= 2/3).
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64
    /// true: count/total >= n/d; false: count/total > n/d.
    public let inclusive: Bool

    public init(_ numerator: Int64, _ denominator: Int64, inclusive: Bool) {
        precondition(numerator >= 0 && denominator > 0 && numerator <= denominator, "a threshold is a fraction between 0 and 1")
        self.numerator = numerator
        self.denominator = denominator
        self.inclusive = inclusive
    }

    /// Whether `count` out of `total` meets the threshold: `count * d >= n * total` (or `>`).
    public func isMet(_ count: Int64, of total: Int64) -> Bool {
        let (left, o1) = count.multipliedReportingOverflow(by: denominator)
        let (right, o2) = numerator.multipliedReportingOverflow(by: total)
        precondition(!o1 && !o2, "threshold arithmetic overflowed: \(count) of \(total)")
        return inclusive ? left >= right : left > right
    }

    /// The least count out of `total` that meets the threshold.
    public func minimum(of total: Int64) -> Int64 {
        let product = numerator * total
        return inclusive ? (product + denominator - 1) / denominator : product / denominator + 1
    }

    /// e.g. "at least 2/3", "more than 1/2".
    public var description: String { "\(inclusive ? "at least" : "more than") \(numerator)/\(denominator)" }
}
