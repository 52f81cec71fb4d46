import Crypto

/// Why a key, note, checkpoint or proof text was refused: what is wrong with it, for a person to act on.
public struct NoteError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Standard base64 with padding (RFC 4648 section 4), as C2SP signed notes use it.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded standard base64; nil for anything else (other alphabets, missing padding, stray bytes).
    public static func decode(_ text: Substring) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var index = 0
        while index < chars.count {
            var values: [UInt32] = []
            var padding = 0
            for offset in 0..<4 {
                let char = chars[index + offset]
                if char == UInt8(ascii: "=") {
                    guard index + 4 == chars.count, offset >= 2 else { return nil }
                    padding += 1
                    values.append(0)
                } else {
                    guard padding == 0, let value = alphabet.firstIndex(of: char) else { return nil }
                    values.append(UInt32(value))
                }
            }
            let triple = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
            out.append(UInt8(truncatingIfNeeded: triple >> 16))
            if padding < 2 { out.append(UInt8(truncatingIfNeeded: triple >> 8)) }
            if padding < 1 { out.append(UInt8(truncatingIfNeeded: triple)) }
            index += 4
        }
        guard encode(out) == String(text) else { return nil }  // canonical: no bits hidden in the padding
        return out
    }
}

/// The kind of key a C2SP signed-note verifier key names (its first byte).
public enum NoteKeyType: UInt8, Sendable {
    /// Ed25519 over the note's text (C2SP signed-note).
    case ed25519 = 0x01
    /// A witness's Ed25519 cosignature over a checkpoint, with a timestamp (C2SP tlog-cosignature).
    case cosignature = 0x04
}

/// A note verifier key, `name+keyid+base64(type || public key)` (C2SP signed-note).
public struct NoteVerifier: Sendable, Equatable {
    public let name: String
    public let type: NoteKeyType
    public let publicKey: [UInt8]
    /// The first four bytes of SHA-256(name || 0x0A || type || public key), big-endian.
    public let keyID: UInt32

    public init(name: String, type: NoteKeyType, publicKey: [UInt8]) throws {
        try NoteVerifier.checkName(name)
        guard publicKey.count == 32 else { throw NoteError("an Ed25519 public key has 32 bytes, not \(publicKey.count)") }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        keyID = NoteVerifier.keyID(name: name, type: type, key: publicKey)
    }

    /// Parses `name+keyid+base64`; the key id must be the one the name and key give.
    public init(encoded text: String) throws {
        let trimmed = text.trimmingTrailingNewlines()
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let keyID = UInt32(parts[1], radix: 16), parts[1].count == 8,
              let bytes = Base64.decode(parts[2]), let first = bytes.first else {
            throw NoteError("a verifier key is name+keyid+base64 (C2SP signed-note), as `grassroots key init` writes it to FILE.pub")
        }
        guard let type = NoteKeyType(rawValue: first) else {
            throw NoteError("verifier key \"\(parts[0])\" is of type \(first); this program knows 1 (Ed25519) and 4 (a witness's cosignature)")
        }
        try self.init(name: String(parts[0]), type: type, publicKey: Array(bytes.dropFirst()))
        guard keyID == self.keyID else {
            throw NoteError("verifier key \"\(name)\" says key id \(parts[1]) where its name and key give \(NoteVerifier.hex(self.keyID))")
        }
    }

    public var encoded: String { "\(name)+\(NoteVerifier.hex(keyID))+\(Base64.encode([type.rawValue] + publicKey))" }

    static func keyID(name: String, type: NoteKeyType, key: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(data: Array(name.utf8) + [0x0A, type.rawValue] + key)
        return digest.withUnsafeBytes { bytes in bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }

    static func hex(_ id: UInt32) -> String {
        let text = String(id, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw NoteError("a key name is not empty and holds no space and no \"+\"; got \"\(name)\"")
        }
    }

    /// Does `signature` (the bytes after the key id) sign `text` with this key? For a cosignature key, the
    /// 8-byte timestamp comes first and the message is the C2SP tlog-cosignature one.
    public func verifies(_ signature: [UInt8], text: String) -> Bool {
        let message: [UInt8]
        let raw: [UInt8]
        switch type {
        case .ed25519:
            guard signature.count == 64 else { return false }
            message = Array(text.utf8)
            raw = signature
        case .cosignature:
            guard signature.count == 72 else { return false }
            let time = signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            message = Cosigner.message(time: time, checkpointBody: text)
            raw = Array(signature.dropFirst(8))
        }
        do {
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
            return key.isValidSignature(raw, for: message)
        } catch {
            return false  // a public key of the right length that is not a curve point verifies nothing
        }
    }
}

/// An Ed25519 note signing key, kept as `PRIVATE+KEY+name+keyid+base64(type || seed)` (the form Go's
/// golang.org/x/mod/sumdb/note uses), in a file of mode 0600.
public struct NoteSigner: Sendable {
    public let verifier: NoteVerifier
    /// The 32-byte Ed25519 seed (the key is made from it when signing).
    let seed: [UInt8]

    static let prefix = "PRIVATE+KEY+"

    /// A new random key.
    public static func generate(name: String, type: NoteKeyType = .ed25519) throws -> NoteSigner {
        let key = Curve25519.Signing.PrivateKey()
        return NoteSigner(verifier: try NoteVerifier(name: name, type: type, publicKey: Array(key.publicKey.rawRepresentation)),
                          seed: Array(key.rawRepresentation))
    }

    private init(verifier: NoteVerifier, seed: [UInt8]) {
        self.verifier = verifier
        self.seed = seed
    }

    private func key() throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public init(encoded text: String) throws {
        let trimmed = text.trimmingTrailingNewlines()
        guard trimmed.hasPrefix(NoteSigner.prefix) else {
            throw NoteError("a signing key file starts with \(NoteSigner.prefix) (as `grassroots key init` writes it)")
        }
        let parts = trimmed.dropFirst(NoteSigner.prefix.count).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let keyID = UInt32(parts[1], radix: 16), let bytes = Base64.decode(parts[2]),
              bytes.count == 33, let type = NoteKeyType(rawValue: bytes[0]) else {
            throw NoteError("a signing key is PRIVATE+KEY+name+keyid+base64(type and 32-byte seed)")
        }
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(bytes.dropFirst()))
        } catch {
            throw NoteError("the signing key's seed is not an Ed25519 key: \(error)")
        }
        let verifier = try NoteVerifier(name: String(parts[0]), type: type, publicKey: Array(key.publicKey.rawRepresentation))
        guard verifier.keyID == keyID else { throw NoteError("the signing key's id \(parts[1]) is not the one its name and key give") }
        self.init(verifier: verifier, seed: Array(key.rawRepresentation))
    }

    public var encoded: String { NoteSigner.prefix + "\(verifier.name)+\(NoteVerifier.hex(verifier.keyID))+\(Base64.encode([verifier.type.rawValue] + seed))" }

    /// The signature line for `text` (a note's text, ending in a newline): `— name base64(keyid || sig)`.
    public func signatureLine(for text: String) throws -> String {
        precondition(verifier.type == .ed25519, "a note is signed with an Ed25519 key; a witness cosigns with `Cosigner`")
        let signature = try key().signature(for: Array(text.utf8))
        return SignedNote.line(name: verifier.name, keyID: verifier.keyID, signature: Array(signature))
    }

    func rawSignature(_ message: [UInt8]) throws -> [UInt8] { Array(try key().signature(for: message)) }
}

/// A C2SP signed note: text (lines, each ending in a newline), a blank line, and signature lines.
public struct SignedNote: Sendable, Equatable {
    public struct Signature: Sendable, Equatable {
        public let name: String
        public let keyID: UInt32
        /// The signature bytes after the key id.
        public let bytes: [UInt8]
    }

    /// Notes longer than this are refused unread (a checkpoint is a few hundred bytes).
    public static let noteBytesMax = 64 * 1024
    public static let signaturesMax = 100

    public let text: String
    public let signatures: [Signature]

    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    static func line(name: String, keyID: UInt32, signature: [UInt8]) -> String {
        let id: [UInt8] = [UInt8(keyID >> 24), UInt8(truncatingIfNeeded: keyID >> 16), UInt8(truncatingIfNeeded: keyID >> 8), UInt8(truncatingIfNeeded: keyID)]
        return "\u{2014} \(name) \(Base64.encode(id + signature))\n"
    }

    public static func parse(_ note: String) throws -> SignedNote {
        guard note.utf8.count <= noteBytesMax else { throw NoteError("a signed note is at most \(noteBytesMax) bytes; this one has \(note.utf8.count)") }
        guard note.hasSuffix("\n"), let split = note.range(of: "\n\n", options: .backwards) else {
            throw NoteError("a signed note is its text, a blank line, then signature lines, each ending in a newline")
        }
        let text = String(note[..<split.lowerBound]) + "\n"
        let lines = note[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty, lines.count <= signaturesMax else { throw NoteError("a signed note has 1 to \(signaturesMax) signature lines") }
        var signatures: [Signature] = []
        for line in lines {
            guard line.hasPrefix("\u{2014} ") else { throw NoteError("a signature line starts with an em dash and a space: \"\(line)\"") }
            let parts = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, let bytes = Base64.decode(parts[1]), bytes.count > 4 else {
                throw NoteError("a signature line is \"— name base64\": \"\(line)\"")
            }
            let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(Signature(name: String(parts[0]), keyID: keyID, bytes: Array(bytes.dropFirst(4))))
        }
        return SignedNote(text: text, signatures: signatures)
    }

    /// Does a signature of this note by `verifier`'s name and key id verify? Nil when there is none by that key.
    public func verified(by verifier: NoteVerifier) -> Bool? {
        let own = signatures.filter { $0.name == verifier.name && $0.keyID == verifier.keyID }
        guard !own.isEmpty else { return nil }
        return own.contains { verifier.verifies($0.bytes, text: text) }
    }

    public var encoded: String {
        text + "\n" + signatures.map { SignedNote.line(name: $0.name, keyID: $0.keyID, signature: $0.bytes) }.joined()
    }
}

/// A checkpoint's body (C2SP tlog-checkpoint): origin, tree size, root hash in base64, optional extension lines.
public struct Checkpoint: Sendable, Equatable {
    public let origin: String
    public let size: UInt64
    public let root: Hash
    public let extensions: [String]

    public init(origin: String, size: UInt64, root: Hash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    public var treeHead: TreeHead { TreeHead(size: size, root: root) }

    public var body: String {
        "\(origin)\n\(size)\n\(Base64.encode(root.bytes))\n" + extensions.map { $0 + "\n" }.joined()
    }

    public static func parse(body: String) throws -> Checkpoint {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard body.hasSuffix("\n"), lines.count >= 3 else {
            throw NoteError("a checkpoint's text is its origin, tree size and root hash, one a line (C2SP tlog-checkpoint)")
        }
        let sizeLine = lines[lines.startIndex + 1]
        guard let size = UInt64(sizeLine), String(size) == sizeLine else {
            throw NoteError("a checkpoint's second line is the tree size in decimal, without leading zeros; got \"\(sizeLine)\"")
        }
        guard let rootBytes = Base64.decode(lines[lines.startIndex + 2]), let root = Hash(bytes: rootBytes) else {
            throw NoteError("a checkpoint's third line is the 32-byte root hash in base64; got \"\(lines[lines.startIndex + 2])\"")
        }
        let origin = String(lines[lines.startIndex])
        guard !origin.isEmpty else { throw NoteError("a checkpoint's first line, its origin, is empty") }
        let extensions = lines.dropFirst(3).map(String.init)
        guard !extensions.contains(where: \.isEmpty) else { throw NoteError("a checkpoint's extension lines are not empty") }
        return Checkpoint(origin: origin, size: size, root: root, extensions: extensions)
    }

    /// The signed note of this checkpoint, signed by `signer`.
    public func signed(by signer: NoteSigner) throws -> String {
        body + "\n" + (try signer.signatureLine(for: body))
    }
}

/// A witness's cosigning key (C2SP tlog-cosignature, key type 0x04): it signs
/// "cosignature/v1\ntime <seconds>\n" followed by the checkpoint's body.
public struct Cosigner: Sendable {
    public let signer: NoteSigner

    public init(_ signer: NoteSigner) {
        precondition(signer.verifier.type == .cosignature, "a cosigner holds a cosignature key (type 4)")
        self.signer = signer
    }

    static func message(time: UInt64, checkpointBody: String) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n".utf8) + Array(checkpointBody.utf8)
    }

    /// The cosignature line over `checkpointBody`, made at `time` (seconds since the Unix epoch).
    public func cosignatureLine(checkpointBody: String, time: UInt64) throws -> String {
        let signature = try signer.rawSignature(Cosigner.message(time: time, checkpointBody: checkpointBody))
        var stamped: [UInt8] = []
        Layout.appendBigEndian(time, to: &stamped)
        return SignedNote.line(name: signer.verifier.name, keyID: signer.verifier.keyID, signature: stamped + signature)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
