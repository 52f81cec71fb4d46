import EventLog
import Foundation
import Messages

/// Reading and writing the small files of checkpoints, keys and proofs, with errors that name the file.
enum TrustFiles {
    /// Files read here are a few kilobytes (keys, notes, proofs); anything larger is not one of them.
    static let fileBytesMax = 64 * 1024

    static func read(_ path: String, what: Message) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.said(Msg.trust.cannotRead(["what": .plain(what([:]).local), "path": .plain(path), "reason": .plain(error.localizedDescription)]), .badInput)
        }
        guard data.count <= fileBytesMax else {
            throw CLIError.said(Msg.trust.fileTooLarge(["path": .plain(path), "count": .number(data.count), "what": .plain(what([:]).local), "max": .number(fileBytesMax)]), .badInput)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.said(Msg.trust.notText(["what": .plain(what([:]).local), "path": .plain(path)]), .badInput) }
        return text
    }

    /// Creates `path` with `mode`, refusing to overwrite anything (O_EXCL), and writes `text` to it.
    static func create(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST { throw CLIError.said(Msg.trust.refuseOverwrite(["path": .plain(path)]), .ledgerState) }
            throw CLIError.said(Msg.trust.cannotCreate(["path": .plain(path), "reason": .plain(reason)]), .failure)
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw CLIError.said(Msg.trust.cannotWrite(["path": .plain(path), "reason": .plain(String(cString: strerror(errno)))]), .failure)
        }
    }

    /// Replaces `path` atomically (a temporary file beside it, then rename).
    static func replace(_ path: String, _ text: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError.said(Msg.trust.cannotWrite(["path": .plain(path), "reason": .plain(error.localizedDescription)]), .failure)
        }
    }

    /// Writes `text` to `out`, or to standard output when nil.
    static func emit(_ text: String, to out: String?) throws {
        if let out { try create(out, text, mode: 0o644) } else { Terminal.write(text) }
    }

    static func verifier(_ path: String) throws -> NoteVerifier {
        do {
            return try NoteVerifier(encoded: try read(path, what: Msg.trust.whatVerifierKey))
        } catch let error as NoteError {
            throw CLIError.said(Msg.trust.unreadableFile(["path": .plain(path), "reason": .plain("\(error)")]), .badInput)
        }
    }

    /// The signing key in `path`, refused when others may read it.
    static func signer(_ path: String) throws -> NoteSigner {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CLIError.said(Msg.trust.noSigningKey(["path": .plain(path), "reason": .plain(String(cString: strerror(errno)))]), .badInput)
        }
        guard info.st_mode & 0o077 == 0 else {
            throw CLIError.said(Msg.trust.keyReadableByOthers(["path": .plain(path), "mode": .plain(String(info.st_mode & 0o777, radix: 8))]), .refused)
        }
        do {
            return try NoteSigner(encoded: try read(path, what: Msg.trust.whatSigningKey))
        } catch let error as NoteError {
            throw CLIError.said(Msg.trust.unreadableFile(["path": .plain(path), "reason": .plain("\(error)")]), .badInput)
        }
    }

    /// A signed checkpoint from `path`, parsed (signatures not yet checked).
    static func checkpoint(_ path: String) throws -> (note: SignedNote, checkpoint: Checkpoint) {
        do {
            let note = try SignedNote.parse(try read(path, what: Msg.trust.whatCheckpoint))
            return (note, try Checkpoint.parse(body: note.text))
        } catch let error as NoteError {
            throw CLIError.said(Msg.trust.unreadableFile(["path": .plain(path), "reason": .plain("\(error)")]), .badInput)
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
