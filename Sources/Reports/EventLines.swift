/// How events are written for other programs: the canonical envelope with its hashes, one per line.
public enum EventLines {
    /// The canonical envelope with its hashes: what `export` writes, `log --json` prints and `GET /api/events`
    /// answers. The canonical bytes are kept as stored, with `"hash"` and `"prevHash"` added before the final brace.
    public static func exportLine(canonical: UnsafeRawBufferPointer, hash: String, prevHash: String, into out: inout [UInt8]) {
        precondition(canonical.count >= 2 && canonical.last == UInt8(ascii: "}"), "canonical bytes are a JSON object")
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: canonical[..<(canonical.count - 1)]))
        out.append(contentsOf: #","hash":""#.utf8)
        out.append(contentsOf: hash.utf8)
        out.append(contentsOf: #"","prevHash":""#.utf8)
        out.append(contentsOf: prevHash.utf8)
        out.append(contentsOf: "\"}\n".utf8)
    }
}
