import Testing
@testable import Messages

/// Every message of the catalog, with the path that names it.
func allMessages() -> [(path: String, message: Message)] {
    var found: [(String, Message)] = []
    func walk(_ value: Any, _ path: String) {
        if let message = value as? Message {
            found.append((path, message))
            return
        }
        for child in Mirror(reflecting: value).children {
            if let pair = child.value as? (key: String, value: Message) {
                found.append((path + "[" + pair.key + "]", pair.value))
            } else {
                walk(child.value, path + "." + (child.label ?? "?"))
            }
        }
    }
    walk(Msg, "Msg")
    return found
}

@Suite("The message catalog")
struct CatalogTests {
    @Test func everyMessageHasBothLanguagesWithTheSamePlaceholders() {
        let messages = allMessages()
        #expect(messages.count > 90)
        for (path, message) in messages {
            #expect(!message.en.isEmpty, "\(path) has no English")
            #expect(!message.zh.isEmpty, "\(path) has no Chinese")
            // A Chinese text has Chinese in it (beyond its placeholders), or it was never translated.
            // (The program's name, `grassroots`, is not translated.)
            let zhOutsidePlaceholders = Placeholders.fill(message.zh) { _ in "" }.replacingAll("grassroots", with: "")
            #expect(zhOutsidePlaceholders.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } || !zhOutsidePlaceholders.contains { $0.isLetter },
                    "\(path) is not translated: \(message.zh)")
            if let one = message.enOne {
                #expect(Placeholders.names(one).isSubset(of: Placeholders.names(message.en)), "\(path): its singular names other placeholders")
            }
            #expect(Placeholders.names(message.en) == Placeholders.names(message.zh),
                    "\(path): placeholders differ between \(message.en) and \(message.zh)")
        }
    }

    @Test func languageChoice() throws {
        #expect(try Language.resolve(flag: "en", environment: ["LANG": "zh_CN.UTF-8"]) == .en)
        #expect(try Language.resolve(flag: nil, environment: ["GRASSROOTS_LANG": "en", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(try Language.resolve(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(try Language.resolve(flag: nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(try Language.resolve(flag: nil, environment: ["LANG": "C.UTF-8"]) == .zh)
        #expect(try Language.resolve(flag: nil, environment: [:]) == .zh)
        #expect(throws: Language.Unknown.self) { try Language.resolve(flag: "fr", environment: [:]) }
        #expect(throws: Language.Unknown.self) { try Language.resolve(flag: nil, environment: ["GRASSROOTS_LANG": "klingon"]) }
    }

    @Test func money() {
        #expect(Money.amount(0) == "0.00")
        #expect(Money.amount(5) == "0.05")
        #expect(Money.amount(123_456) == "1,234.56")
        #expect(Money.amount(-300_000) == "-3,000.00")
        #expect(Money.amount(100_000_000_00) == "100,000,000.00")
        #expect(Money.yuan(123_456, .zh) == "1,234.56元")
        #expect(Money.yuan(123_456, .en) == "1,234.56 yuan")
        #expect(Money.capital(0) == "人民币零元整")
        #expect(Money.capital(300_000) == "人民币叁仟元整")
        #expect(Money.capital(123_456) == "人民币壹仟贰佰叁拾肆元伍角陆分")
        #expect(Money.capital(100_005) == "人民币壹仟元零伍分")
        #expect(Money.capital(1_000_150) == "人民币壹万零壹元伍角整")
        #expect(Money.capital(10_010_000_00) == "人民币壹仟零壹万元整")
        #expect(Money.capital(-50) == "人民币负伍角整")
        #expect(Money.capital(2_000_000_000_00) == "人民币贰拾亿元整")
    }

    @Test func dates() {
        #expect(Dates.display("2023-02-18", .zh) == "2023年2月18日")
        #expect(Dates.display("2023-02", .zh) == "2023年2月")
        #expect(Dates.display("2023", .zh) == "2023年")
        #expect(Dates.display("2023-02-18", .en) == "2023-02-18")
        #expect(Dates.display("not a date", .zh) == "not a date")
        #expect(Dates.beijing("2026-01-31T08:00:00.000000Z", .zh) == "2026年1月31日 16:00:00")
        #expect(Dates.beijing("2026-12-31T20:30:05.000000Z", .zh) == "2027年1月1日 04:30:05")
        #expect(Dates.beijing("2024-02-28T16:00:00Z", .en) == "2024-02-29 00:00:00")
    }

    @Test func citations() {
        #expect(Citation.render("村民委员会组织法 (2018) Art. 16", .zh) == "《村民委员会组织法》(2018年修正)第十六条")
        #expect(Citation.render("村民委员会组织法 (2018) Art. 2, 32; 城市居民委员会组织法 (2018) Art. 2", .zh)
                == "《村民委员会组织法》(2018年修正)第二条、第三十二条; 《城市居民委员会组织法》(2018年修正)第二条")
        #expect(Citation.render("村民委员会组织法 (2018) Art. 11, Art. 28", .zh) == "《村民委员会组织法》(2018年修正)第十一条、第二十八条")
        #expect(Citation.render("000_19bdd15b88ce0110.txt 二(二)", .zh) == "德清县《关于加强村(居)民小组长队伍建设的指导意见(试行)》二(二)")
        #expect(Citation.render("村民委员会组织法 (2018) Art. 16", .en) == "村民委员会组织法 (2018) Art. 16")
        #expect(Citation.chineseNumber(105) == "一百零五")
        #expect(Citation.chineseNumber(20) == "二十")
        #expect(Citation.chineseNumber(33) == "三十三")
    }

    @Test func textsRenderTheirArguments() {
        let message = Message(en: "{n} of {m} adults on {date}, {amount}", zh: "{date}{m}名成年人中{n}名,{amount}")
        let text = message(["n": 19, "m": .number(30), "date": .date("2023-02-18"), "amount": .fen(300_000)])
        #expect(text.rendered(.en) == "19 of 30 adults on 2023-02-18, 3,000.00 yuan")
        #expect(text.rendered(.zh) == "2023年2月18日30名成年人中19名,3,000.00元")
    }
}
