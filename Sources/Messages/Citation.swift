/// Citations of sources as a Chinese reader expects them: 《村民委员会组织法》第十六条, the seed documents by
/// their titles. English keeps the text as written (statute names stay in Chinese there too).
public enum Citation {
    /// The seed policy documents (../shared/seeds/), by file name: their titles as issued.
    public static let seedTitles: [(file: String, title: String)] = [
        ("000_19bdd15b88ce0110.txt", "德清县《关于加强村(居)民小组长队伍建设的指导意见(试行)》"),
        ("001_6bbac2880b66cfa6.txt", "大茂镇《关于加强村民小组长队伍建设的实施方案(试行)》"),
        ("002_133fd3ad279d9709.txt", "《嘉峪关市加强城市社区居民小组建设实施方案》"),
        ("003_47d81f790fe2866f.txt", "姚安县《加强和完善村(社区)自治组织管理的工作方案》"),
        ("004_7fb8e911e1fe61b5.txt", "丹阳市《关于加强基层基础建设 深化\u{201C}四有\u{201D}民情服务处理机制的实施意见》"),
    ]

    static let statutes: [(written: String, zh: String)] = [
        ("中华人民共和国村民委员会组织法", "《中华人民共和国村民委员会组织法》"),
        ("中华人民共和国城市居民委员会组织法", "《中华人民共和国城市居民委员会组织法》"),
        ("城市居民委员会组织法 (2018)", "《城市居民委员会组织法》(2018年修正)"),
        ("村民委员会组织法 (2018)", "《村民委员会组织法》(2018年修正)"),
        ("城市居民委员会组织法", "《城市居民委员会组织法》"),
        ("村民委员会组织法", "《村民委员会组织法》"),
        ("个人信息保护法", "《个人信息保护法》"),
        ("会计档案管理办法", "《会计档案管理办法》"),
    ]

    public static func render(_ citation: String, _ language: Language) -> String {
        guard language == .zh else { return citation }
        var text = citation
        for seed in seedTitles { text = text.replacingAll(seed.file, with: seed.title) }
        // Longest names first so that a short name does not split a long one; a name already in 《》 is kept.
        var placed: [String] = []
        for statute in statutes where text.contains(statute.written) && !placed.contains(where: { $0.contains(statute.written) }) {
            if !text.contains("《" + statute.written) { text = text.replacingAll(statute.written, with: statute.zh) }
            placed.append(statute.written)
        }
        // Chinese citations run on: 《…》第十六条, 《…》二(二).
        return articles(text).replacingAll("》 ", with: "》").replacingAll("修正) ", with: "修正)").replacingAll("条 (", with: "条(")
    }

    /// `Art. 16` -> 第十六条; `Art. 2, 32` and `Art. 11, Art. 28` -> 第二条、第三十二条 / 第十一条、第二十八条.
    static func articles(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: "Art. ") {
            out += rest[..<range.lowerBound]
            var cursor = range.upperBound
            var numbers: [Int] = []
            while true {
                let digits = rest[cursor...].prefix { $0.isASCII && $0.isNumber }
                guard let number = Int(digits) else { break }
                numbers.append(number)
                cursor = rest.index(cursor, offsetBy: digits.count)
                let tail = rest[cursor...]
                if tail.hasPrefix(", Art. ") {
                    cursor = rest.index(cursor, offsetBy: 7)
                } else if tail.hasPrefix(", "), let next = tail.dropFirst(2).first, next.isASCII, next.isNumber {
                    cursor = rest.index(cursor, offsetBy: 2)
                } else {
                    break
                }
            }
            if numbers.isEmpty {
                out += "Art. "
            } else {
                out += numbers.map { "第\(chineseNumber($0))条" }.joined(separator: "、")
            }
            rest = rest[cursor...]
        }
        return out + rest
    }

    /// 1..999 in Chinese numerals as articles are numbered: 十六, 二十, 一百零五.
    public static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0 && n < 1000 else { return String(n) }
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        if n < 100 { return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        let rest = n % 100
        let head = digits[n / 100] + "百"
        if rest == 0 { return head }
        if rest < 10 { return head + "零" + digits[rest] }
        return head + digits[rest / 10] + "十" + (rest % 10 == 0 ? "" : digits[rest % 10])
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
