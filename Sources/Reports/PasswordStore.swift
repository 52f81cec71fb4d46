import CanonicalJSON
import Crypto
import _CryptoExtras
import Foundation
public import Messages

/// A password store failure: the file is damaged or cannot be written, or a password is unfit. Said in the
/// reader's language.
public struct PasswordStoreError: Error, Sendable, CustomStringConvertible {
    public let text: Text
    public var description: String { text.description }
}

/// One account's password, hashed: PBKDF2-HMAC-SHA256 with a salt of its own (Schemas/STORAGE.md, Passwords).
public struct PasswordRecord: Sendable, Equatable {
    public static let algorithm = "pbkdf2-sha256"
    public let iterations: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    var json: JSONValue {
        ["algorithm": .string(PasswordRecord.algorithm), "iterations": .integer(Int64(iterations)),
         "salt": .string(Hex.encode(salt)), "hash": .string(Hex.encode(hash))]
    }
}

/// The passwords of the accounts that `grassroots serve` lets in, kept outside the hash chain and outside
/// data.mdb: `passwords.json` in the ledger directory, mode 0600, replaced whole by a rename on every change.
/// Who may do what is not here: it is in the chain (`account.granted`, `account.revoked`).
public struct PasswordStore: Sendable {
    public static let fileName = "passwords.json"
    /// PBKDF2 rounds for a new password (OWASP's figure for PBKDF2-HMAC-SHA256, 2023).
    public static let iterationsDefault = 600_000
    /// The fewest rounds a test may ask for (`iterations` of `init`); a stored record keeps its own count.
    public static let iterationsMin = 1_000
    public static let saltBytes = 16
    public static let hashBytes = 32
    public static let passwordCharactersMin = 8
    public static let passwordBytesMax = 1_024
    /// The store's largest size: far beyond any county's accounts; a larger file is refused as damaged.
    public static let fileBytesMax = 16 << 20
    /// The longest account name (after `account:`).
    public static let nameBytesMax = 64

    public let path: String
    /// Rounds for passwords set through this value.
    public let iterations: Int

    public init(ledgerPath: String, iterations: Int = PasswordStore.iterationsDefault) {
        precondition(iterations >= PasswordStore.iterationsMin, "PBKDF2 needs at least \(PasswordStore.iterationsMin) rounds")
        self.path = (ledgerPath as NSString).appendingPathComponent(PasswordStore.fileName)
        self.iterations = iterations
    }

    /// `account:NAME` for a login name; refuses a name that is not 1 to 64 of [A-Za-z0-9._-].
    public static func accountID(_ name: String) throws(PasswordStoreError) -> String {
        let bare = name.hasPrefix("account:") ? String(name.dropFirst("account:".count)) : name
        let allowed = bare.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard !bare.isEmpty, bare.utf8.count <= nameBytesMax, allowed else {
            throw PasswordStoreError(text: Msg.serve.badAccountName(["max": .number(nameBytesMax), "name": .plain(name)]))
        }
        return "account:" + bare
    }

    /// Refuses a password too short or too long.
    public static func check(password: String) throws(PasswordStoreError) {
        guard password.count >= passwordCharactersMin else {
            throw PasswordStoreError(text: Msg.serve.passwordTooShort(["min": .number(passwordCharactersMin), "count": .number(password.count)]))
        }
        guard password.utf8.count <= passwordBytesMax else {
            throw PasswordStoreError(text: Msg.serve.passwordTooLong(["max": .number(passwordBytesMax)]))
        }
    }

    /// Every stored record, by account id. A missing file is an empty store.
    public func load() throws(PasswordStoreError) -> [String: PasswordRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else { throw damaged("it cannot be read") }
        guard data.count <= PasswordStore.fileBytesMax else { throw damaged("\(data.count) bytes exceed \(PasswordStore.fileBytesMax)") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(data), limits: JSONLimits(depthMax: 4, bytesMax: PasswordStore.fileBytesMax))
        } catch {
            throw damaged("\(error)")
        }
        guard let top = value.objectValue, top["format"]?.integerValue == 1, let accounts = top["accounts"]?.objectValue else {
            throw damaged("no format 1 and accounts object")
        }
        var records: [String: PasswordRecord] = [:]
        for (account, entry) in accounts.members {
            guard let entry = entry.objectValue, entry["algorithm"]?.stringValue == PasswordRecord.algorithm,
                  let iterations = entry["iterations"]?.integerValue, iterations >= Int64(PasswordStore.iterationsMin), iterations <= 100_000_000,
                  let salt = entry["salt"]?.stringValue.flatMap(Hex.decode), salt.count == PasswordStore.saltBytes,
                  let hash = entry["hash"]?.stringValue.flatMap(Hex.decode), hash.count == PasswordStore.hashBytes else {
                throw damaged("the entry of \(account) is not a pbkdf2-sha256 record")
            }
            records[account] = PasswordRecord(iterations: Int(iterations), salt: salt, hash: hash)
        }
        return records
    }

    /// Sets (or replaces) the password of `account`.
    public func set(account: String, password: String) throws(PasswordStoreError) {
        try PasswordStore.check(password: password)
        var records = try load()
        var salt = [UInt8](repeating: 0, count: PasswordStore.saltBytes)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        records[account] = PasswordRecord(iterations: iterations, salt: salt, hash: try PasswordStore.derive(password, salt: salt, iterations: iterations))
        try write(records)
    }

    /// Removes the password of `account` (nothing when it has none).
    public func remove(account: String) throws(PasswordStoreError) {
        var records = try load()
        guard records.removeValue(forKey: account) != nil else { return }
        try write(records)
    }

    /// Whether `password` is the account's; false for an account without one. Compares in constant time.
    public func verify(account: String, password: String) throws(PasswordStoreError) -> Bool {
        guard password.utf8.count <= PasswordStore.passwordBytesMax, let record = try load()[account] else { return false }
        let derived = try PasswordStore.derive(password, salt: record.salt, iterations: record.iterations)
        var difference: UInt8 = 0
        for (a, b) in zip(derived, record.hash) { difference |= a ^ b }
        return difference == 0 && derived.count == record.hash.count
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int) throws(PasswordStoreError) -> [UInt8] {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                        outputByteCount: hashBytes, unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw PasswordStoreError(text: Msg.serve.storeUnwritable(["path": .plain("PBKDF2"), "reason": .plain("\(error)")]))
        }
    }

    /// Writes the store whole: a temporary file beside it (mode 0600), flushed, then renamed over it.
    private func write(_ records: [String: PasswordRecord]) throws(PasswordStoreError) {
        var accounts = JSONObject()
        for (account, record) in records { accounts.set(account, record.json) }
        let text = CanonicalJSON.string(["format": .integer(1), "accounts": .object(accounts)]) + "\n"
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw unwritable(String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(temporary)
            throw unwritable(written == bytes.count ? "fsync failed" : "short write")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw unwritable(reason)
        }
    }

    private func damaged(_ reason: String) -> PasswordStoreError {
        PasswordStoreError(text: Msg.serve.storeDamaged(["path": .plain(path), "reason": .plain(reason)]))
    }

    private func unwritable(_ reason: String) -> PasswordStoreError {
        PasswordStoreError(text: Msg.serve.storeUnwritable(["path": .plain(path), "reason": .plain(reason)]))
    }
}

/// Lowercase hexadecimal.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
