import Testing
@testable import Messages

/// `Msg.late` is a computed part (Late.swift, an extension of the catalog), which `allMessages()`'s walk of the
/// stored parts does not reach: the same checks, for it.
@Suite("The late-entry messages")
struct LateCatalogTests {
    @Test func everyLateMessageHasBothLanguagesWithTheSamePlaceholders() {
        var found: [(String, Message)] = []
        func walk(_ value: Any, _ path: String) {
            if let message = value as? Message {
                found.append((path, message))
                return
            }
            for child in Mirror(reflecting: value).children { walk(child.value, path + "." + (child.label ?? "?")) }
        }
        walk(Msg.late, "Msg.late")
        #expect(found.count > 30)
        for (path, message) in found {
            #expect(!message.en.isEmpty && !message.zh.isEmpty, "\(path)")
            let zh = Placeholders.fill(message.zh) { _ in "" }.replacingAll("grassroots", with: "")
            #expect(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } || !zh.contains { $0.isLetter }, "\(path) is not translated: \(message.zh)")
            #expect(Placeholders.names(message.en) == Placeholders.names(message.zh), "\(path): \(message.en) / \(message.zh)")
            if let one = message.enOne { #expect(Placeholders.names(one).isSubset(of: Placeholders.names(message.en)), "\(path)") }
        }
        #expect(Msg.late.kind.all.count == 4)
    }
}
