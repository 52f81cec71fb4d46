import Foundation
import Testing
import TestSupport

/// The web forms in a real browser (issue 15 item 5): `tools/browser-test.py` drives headless Chromium through
/// chromium-driver and selenium against `grassroots serve` of the built binary. Missing Chromium, its driver or
/// selenium fail the test (tools/install-deps.sh installs them); they never skip it.
@Suite("The web forms in a real browser")
struct BrowserTests {
    @Test func aClerkRecordsThroughTheFormsAndAReviewerSeesTheRosterChange() throws {
        let chromium = try run("/usr/bin/env", ["sh", "-c", "command -v chromium || command -v chromium-browser"])
        #expect(chromium.status == 0, "chromium is missing: run tools/install-deps.sh")
        let driver = try run("/usr/bin/env", ["sh", "-c", "command -v chromedriver"])
        #expect(driver.status == 0, "chromedriver (chromium-driver) is missing: run tools/install-deps.sh")
        let selenium = try python(["-c", "import selenium"])
        #expect(selenium.status == 0, "Python selenium is missing: run tools/install-deps.sh: \(selenium.stderr)")
        let dir = try TemporaryDirectory()
        let scratch = dir.path + "/browser"
        let result = try python([repositoryRoot + "/tools/browser-test.py", grassrootsBinary, scratch])
        #expect(result.status == 0, "tools/browser-test.py failed:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("passed"))
    }
}
