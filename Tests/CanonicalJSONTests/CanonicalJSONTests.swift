import Testing
@testable import CanonicalJSON

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    func canonical(_ text: String) throws -> String {
        CanonicalJSON.string(try JSONParser.parse(text))
    }

    @Test func sortsKeysByUTF8BytesAndDropsWhitespace() throws {
        #expect(try canonical(#"{ "b": 1, "a": [true, false, null], "A": {"z": 0, "é": "x", "e": -5} }"#)
                == #"{"A":{"e":-5,"z":0,"é":"x"},"a":[true,false,null],"b":1}"#)
        // Code-point order, not Swift's String order: U+FF21 sorts after U+00E9, and "Z" before "a".
        #expect(try canonical(#"{"Ａ":1,"é":2,"a":3,"Z":4}"#) == #"{"Z":4,"a":3,"é":2,"Ａ":1}"#)
    }

    @Test func escapesExactlyTheDocumentedSet() throws {
        #expect(try canonical(#"["\u0001\b\f\n\r\t\"\\\/\u007f\u00e9\u4e2d"]"#)
                == "[\"\\u0001\\b\\f\\n\\r\\t\\\"\\\\/\u{7f}é中\"]")
        #expect(try canonical(#"["\ud83d\ude00"]"#) == "[\"😀\"]")
    }

    @Test func integersAtTheBounds() throws {
        #expect(try canonical("[9223372036854775807,-9223372036854775808,0,-0]") == "[9223372036854775807,-9223372036854775808,0,0]")
    }

    @Test(arguments: [
        ("1.5", "only integers"), ("1e3", "only integers"), ("[1E3]", "only integers"),
        ("9223372036854775808", "64-bit"), ("-9223372036854775809", "64-bit"), ("01", "leading zeros"),
        (#"{"a":1,"a":2}"#, "duplicate key"), (#"["\ud800"]"#, "surrogate"), (#"["\udc00"]"#, "surrogate"),
        ("[1,]", "expected a value"), ("{\"a\" 1}", "expected ':'"), ("[1] x", "after the JSON value"),
        ("\"a\u{01}\"", "control character"), (#"["\x"]"#, "invalid escape"), ("tru", "truncated literal"),
        ("", "end of input"), ("NaN", "expected a value"), ("-", "digits"), ("[\"abc", "unterminated string"),
    ])
    func refusesWithAReason(input: String, reason: String) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.reason.contains(reason), "\(input): \(error)")
        }
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(bytes) }
    }

    @Test func boundsDepthAndSize() throws {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(deep, limits: JSONLimits(depthMax: 32)) }
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse("[1,2,3]", limits: JSONLimits(bytesMax: 4)) }
        #expect(try JSONParser.parse("[[1]]", limits: JSONLimits(depthMax: 2)) == [[1]])
    }

    @Test func keysThatDifferOnlyInNormalisationStayDistinct() throws {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are equal as Swift Strings but not as bytes.
        let value = try JSONParser.parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        #expect(value.objectValue?.count == 2)
        #expect(CanonicalJSON.string(value) == "{\"e\u{301}\":2,\"\u{E9}\":1}")
    }

    @Test func roundTripIsAFixedPoint() throws {
        let text = #"{"z":[1,{"b":"\n","a":null}],"m":"中文","a":-12}"#
        let once = try canonical(text)
        #expect(try canonical(once) == once)
    }

    @Test func scannerFindsTopLevelMembersWithoutDecoding() throws {
        let bytes = Array(#"{"a":{"x":"}{,"},"b":[1,"]"],"c":"s\"q","d":12}"#.utf8)
        var seen: [(String, String)] = []
        try bytes.withUnsafeBytes { buffer in
            try JSONScanner.forEachMember(of: buffer) { member in
                seen.append((String(decoding: member.key, as: UTF8.self), String(decoding: member.value, as: UTF8.self)))
            }
        }
        #expect(seen.map(\.0) == ["a", "b", "c", "d"])
        #expect(seen.map(\.1) == [#"{"x":"}{,"}"#, #"[1,"]"]"#, #""s\"q""#, "12"])
        for bad in [#"{"a":1"#, #"{"a""#, "[]", #"{"a":{"b":1}"#] {
            #expect(throws: (any Error).self) {
                try Array(bad.utf8).withUnsafeBytes { try JSONScanner.forEachMember(of: $0) { _ in } }
            }
        }
    }
}
