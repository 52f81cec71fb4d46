import Testing
@testable import Messages

/// `Msg.late` is a stored part of the catalog, so `CatalogTests` walks it with the rest; this checks only
/// that its closed vocabulary of alert kinds is whole.
@Suite("The late-entry messages")
struct LateCatalogTests {
    @Test func theLateEntryAlertKindsAreFour() {
        #expect(Msg.late.kind.all.count == 4)
    }
}
