public import Foundation

/// A fresh directory per test, removed afterwards.
public final class TemporaryDirectory {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        do { try FileManager.default.removeItem(atPath: path) } catch { print("cannot remove \(path): \(error)") }
    }

    /// Where a test's ledger goes.
    public var ledger: String { path + "/ledger" }

    /// Writes `text` to a file in the directory and returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// SplitMix64: a small, seedable generator for reproducible random histories and inputs.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every file and directory under `path`, by relative name: a file's bytes, a directory's none. Two
/// snapshots are equal exactly when no file or directory was added, removed or changed by a byte (what a
/// read, a refused open or an evidence copy must leave as it was).
public func snapshot(_ path: String) throws -> [String: Data] {
    var entries: [String: Data] = [:]
    for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
        let item = path + "/" + name
        entries[name] = try isDirectory(item) ? Data() : Data(contentsOf: URL(fileURLWithPath: item))
    }
    return entries
}

/// `chmod -R a+rX,a-w`: how an evidence copy is kept (directories 0555, files 0444).
public func makeReadOnly(_ path: String) throws {
    for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
        let item = path + "/" + name
        try FileManager.default.setAttributes([.posixPermissions: try isDirectory(item) ? 0o555 : 0o444], ofItemAtPath: item)
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
}

/// Gives write access back to what `makeReadOnly` took it from (directories 0755, files 0644), so that
/// the tree can be removed.
public func makeWritable(_ path: String) throws {
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
        let item = path + "/" + name
        try FileManager.default.setAttributes([.posixPermissions: try isDirectory(item) ? 0o755 : 0o644], ofItemAtPath: item)
    }
}

/// Whether `path` is a directory itself (a symbolic link is not followed); throws when nothing is there.
func isDirectory(_ path: String) throws -> Bool {
    try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType == .typeDirectory
}
