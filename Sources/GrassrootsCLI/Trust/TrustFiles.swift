import EventLog
import Foundation

/// Reading and writing the small files of checkpoints, keys and proofs, with errors that name the file.
enum TrustFiles {
    /// Files read here are a few kilobytes (keys, notes, proofs); anything larger is not one of them.
    static let fileBytesMax = 64 * 1024

    static func read(_ path: String, what: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.badInput("cannot read \(what) \(path): \(error.localizedDescription)")
        }
        guard data.count <= fileBytesMax else {
            throw CLIError.badInput("\(path) holds \(data.count) bytes; \(what) is at most \(fileBytesMax)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.badInput("\(what) \(path) is not UTF-8 text") }
        return text
    }

    /// Creates `path` with `mode`, refusing to overwrite anything (O_EXCL), and writes `text` to it.
    static func create(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST { throw CLIError.ledgerState("\(path) already exists; refusing to overwrite it") }
            throw CLIError.failure("cannot create \(path): \(reason)")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw CLIError.failure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces `path` atomically (a temporary file beside it, then rename).
    static func replace(_ path: String, _ text: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError.failure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `text` to `out`, or to standard output when nil.
    static func emit(_ text: String, to out: String?) throws {
        if let out { try create(out, text, mode: 0o644) } else { Terminal.write(text) }
    }

    static func verifier(_ path: String) throws -> NoteVerifier {
        do {
            return try NoteVerifier(encoded: try read(path, what: "the verifier key"))
        } catch let error as NoteError {
            throw CLIError.badInput("\(path): \(error)")
        }
    }

    /// The signing key in `path`, refused when others may read it.
    static func signer(_ path: String) throws -> NoteSigner {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CLIError.badInput("no signing key at \(path) (\(String(cString: strerror(errno)))); make one with `grassroots key init`")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw CLIError.refused("the signing key \(path) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); `chmod 600 \(path)` first")
        }
        do {
            return try NoteSigner(encoded: try read(path, what: "the signing key"))
        } catch let error as NoteError {
            throw CLIError.badInput("\(path): \(error)")
        }
    }

    /// A signed checkpoint from `path`, parsed (signatures not yet checked).
    static func checkpoint(_ path: String) throws -> (note: SignedNote, checkpoint: Checkpoint) {
        do {
            let note = try SignedNote.parse(try read(path, what: "the checkpoint"))
            return (note, try Checkpoint.parse(body: note.text))
        } catch let error as NoteError {
            throw CLIError.badInput("\(path): \(error)")
        }
    }

    /// The default signing key's path: beside the ledger directory, never in it (`LEDGER.key`).
    static func defaultKeyPath(ledger: String) -> String {
        var trimmed = Substring(ledger)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed) + ".key"
    }

    /// True when `path` would be inside the directory `directory` (both made absolute; symlinks not followed).
    static func isInside(_ path: String, _ directory: String) -> Bool {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        return file.hasPrefix(dir.hasSuffix("/") ? dir : dir + "/")
    }
}
