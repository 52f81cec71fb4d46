/// Money as a person reads it: fen are stored, yuan are shown.
public enum Money {
    /// 123456 -> "1,234.56" (thousands grouped; a minus sign before a debt).
    public static func amount(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return (fen < 0 ? "-" : "") + whole + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// With the unit: "1,234.56元" / "1,234.56 yuan".
    public static func yuan(_ fen: Int64, _ language: Language) -> String {
        language == .zh ? amount(fen) + "元" : amount(fen) + " yuan"
    }

    /// The capital-figure form (大写) written beside totals on financial documents, e.g. 123456 fen ->
    /// 人民币壹仟贰佰叁拾肆元伍角陆分; whole yuan end in 整; a debt is 负.
    public static func capital(_ fen: Int64) -> String {
        let digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
        let magnitude = fen.magnitude
        let yuanPart = magnitude / 100
        let jiao = Int(magnitude / 10 % 10)
        let fenPart = Int(magnitude % 10)
        var text = fen < 0 ? "人民币负" : "人民币"
        if yuanPart > 0 {
            text += integerCapital(yuanPart, digits) + "元"
        }
        if jiao == 0 && fenPart == 0 {
            return text + (yuanPart == 0 ? "零元整" : "整")
        }
        if jiao > 0 {
            text += digits[jiao] + "角"
        } else if yuanPart > 0 {
            text += "零"
        }
        if fenPart > 0 { text += digits[fenPart] + "分" } else { text += "整" }
        return text
    }

    /// An integer in capital figures: groups of four digits (个, 万, 亿, 万亿), zeros collapsed.
    static func integerCapital(_ value: UInt64, _ digits: [String]) -> String {
        let units = ["", "拾", "佰", "仟"]
        let groups = ["", "万", "亿", "万亿"]
        var parts: [UInt64] = []
        var rest = value
        while rest > 0 {
            parts.append(rest % 10_000)
            rest /= 10_000
        }
        var text = ""
        var pendingZero = false
        for index in stride(from: parts.count - 1, through: 0, by: -1) {
            let group = parts[index]
            if group == 0 {
                pendingZero = !text.isEmpty
                continue
            }
            if !text.isEmpty && (pendingZero || group < 1000) { text += "零" }
            pendingZero = false
            var groupText = ""
            var zero = false
            for position in stride(from: 3, through: 0, by: -1) {
                var power: UInt64 = 1
                for _ in 0..<position { power *= 10 }
                let digit = Int(group / power % 10)
                if digit == 0 {
                    zero = !groupText.isEmpty
                } else {
                    if zero { groupText += "零" }
                    zero = false
                    groupText += digits[digit] + units[position]
                }
            }
            text += groupText + groups[min(index, groups.count - 1)]
        }
        return text
    }
}
