import Foundation
import Messages

/// Prints an HTML document to PDF with headless Chromium (`chromium --headless --print-to-pdf`), the engine
/// tools/install-deps.sh installs with the CJK fonts (Debian: chromium, fonts-noto-cjk).
enum PDFRenderer {
    /// The binaries looked for on PATH, in order (`$GRASSROOTS_CHROMIUM` first when set).
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// The longest a print may take before Chromium is stopped.
    static let printSecondsMax = 120.0

    /// The Chromium binary to use, or an error naming what was looked for.
    static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var tried: [String] = []
        if let explicit = environment["GRASSROOTS_CHROMIUM"], !explicit.isEmpty {
            if FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
            tried.append("GRASSROOTS_CHROMIUM=" + explicit)
        }
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for directory in path where !directory.isEmpty {
                let candidate = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            tried.append(name)
        }
        throw CLIError.said(Msg.audit.noChromium(["tried": .list(tried.map { .plain($0) })]), .failure)
    }

    /// The PDF Chromium prints from `html` (A4, as the document's `@page` says, without the browser's own
    /// header and footer).
    static func render(html: String) throws -> Data {
        let binary = try chromium()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer {
            do {
                try FileManager.default.removeItem(at: scratch)
            } catch {
                Terminal.note("could not remove the scratch directory \(scratch.path): \(error)")
            }
        }
        let page = scratch.appendingPathComponent("report.html")
        let pdf = scratch.appendingPathComponent("report.pdf")
        let log = scratch.appendingPathComponent("chromium.log")
        try Data(html.utf8).write(to: page)
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let logHandle = FileHandle(forWritingAtPath: log.path) else {
            throw CLIError.said(Msg.audit.cannotWrite(["file": .plain(log.path), "reason": "cannot create"]), .failure)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + scratch.appendingPathComponent("profile").path,
            "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=" + pdf.path, page.absoluteString,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        environment["XDG_CONFIG_HOME"] = scratch.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = scratch.appendingPathComponent("cache").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        func failed(_ reason: String) -> CLIError {
            CLIError.said(Msg.audit.chromiumFailed(["path": .plain(binary), "reason": .plain(reason)]), .failure)
        }
        do {
            try process.run()
        } catch {
            throw failed("\(error)")
        }
        let deadline = Date().addingTimeInterval(printSecondsMax)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw failed("no PDF after \(Int(printSecondsMax)) seconds")
            }
            usleep(20_000)
        }
        try logHandle.close()
        let written = FileManager.default.contents(atPath: pdf.path) ?? Data()
        guard process.terminationStatus == 0, written.starts(with: Array("%PDF".utf8)) else {
            let said = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
                .split(separator: "\n").filter { !$0.contains("dbus") }.suffix(5).joined(separator: " / ")
            throw failed("exit status \(process.terminationStatus)" + (said.isEmpty ? "" : ": " + said))
        }
        return written
    }
}
