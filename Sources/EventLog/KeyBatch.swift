#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Index entries collected during one append, written at its end in key order.
///
/// Keys live end to end in one buffer (no allocation per entry); `sortedOrder()` orders them bytewise.
struct KeyBatch {
    private(set) var bytes: [UInt8] = []
    /// Each entry's key (a range of `bytes`) and its value, a UInt64 stored big-endian (a seq, a version).
    private(set) var entries: [(key: Range<Int>, value: UInt64)] = []

    var isEmpty: Bool { entries.isEmpty }

    /// Adds the key `[len][name][number BE]` with `value`.
    mutating func addPrefixed(_ name: some Collection<UInt8>, number: UInt64, value: UInt64) {
        precondition(!name.isEmpty && name.count <= 255, "identifier length out of range for a key prefix")
        let start = bytes.count
        bytes.append(UInt8(name.count))
        bytes.append(contentsOf: name)
        Layout.appendBigEndian(number, to: &bytes)
        entries.append((start..<bytes.count, value))
    }

    /// Adds a raw key with `value`.
    mutating func addRaw(_ key: String.UTF8View, value: UInt64) {
        let start = bytes.count
        bytes.append(contentsOf: key)
        entries.append((start..<bytes.count, value))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    /// Indexes into `entries`, ordered by key bytes.
    func sortedOrder() -> [Int] {
        bytes.withUnsafeBytes { buffer in
            Array(entries.indices).sorted { a, b in
                UnsafeRawBufferPointer(rebasing: buffer[entries[a].key])
                    .lexicographicallyPrecedes(UnsafeRawBufferPointer(rebasing: buffer[entries[b].key]))
            }
        }
    }
}

/// A string compared and hashed by its UTF-8 bytes (Swift's `String` equality is Unicode-canonical, which
/// would merge two streams whose names differ in bytes).
struct ByteString: Hashable {
    let value: String

    static func == (a: ByteString, b: ByteString) -> Bool { sameBytes(a.value, b.value) }

    func hash(into hasher: inout Hasher) {
        var copy = value
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// True when two strings have the same UTF-8 bytes (memcmp over contiguous storage, not Unicode equality).
func sameBytes(_ a: String, _ b: String) -> Bool {
    var left = a
    var right = b
    return left.withUTF8 { l in
        right.withUTF8 { r in
            l.count == r.count && (l.isEmpty || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0)
        }
    }
}
