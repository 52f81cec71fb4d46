import Foundation

/// Reads NDJSON lines from a file descriptor in chunks, never holding more than one line (bounded by
/// `lineBytesMax`) plus one chunk in memory. A longer line is reported, not buffered.
struct LineReader {
    static let chunkBytes = 1 << 16

    enum Line {
        case text([UInt8], number: Int)
        case tooLong(bytes: Int, number: Int)
    }

    private let descriptor: Int32
    private let lineBytesMax: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfInput = false
    private(set) var lineNumber = 0

    init(descriptor: Int32, lineBytesMax: Int) {
        self.descriptor = descriptor
        self.lineBytesMax = lineBytesMax
    }

    private mutating func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: LineReader.chunkBytes)
        let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { return }
            throw CLIError.failure("reading input failed: \(String(cString: strerror(errno)))")
        }
        if count == 0 { endOfInput = true }
        buffer.append(contentsOf: chunk[0..<count])
    }

    /// The next line without its terminator (`\n`, or `\r\n`), or nil at the end of input.
    mutating func next() throws -> Line? {
        var searchFrom = position
        var discarded = 0  // bytes of an over-long line already dropped
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var end = newline
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let length = discarded + (end - position)
                let line = Array(buffer[position..<end])
                position = newline + 1
                if length > lineBytesMax { return .tooLong(bytes: length, number: lineNumber) }
                return .text(line, number: lineNumber)
            }
            if endOfInput {
                guard position < buffer.count || discarded > 0 else { return nil }
                lineNumber += 1
                let length = discarded + (buffer.count - position)
                let line = Array(buffer[position...])
                position = buffer.count
                if length > lineBytesMax { return .tooLong(bytes: length, number: lineNumber) }
                return .text(line, number: lineNumber)
            }
            if buffer.count - position > lineBytesMax {
                // Over the limit already: drop what we have and keep looking for the end of the line.
                discarded += buffer.count - position
                position = buffer.count
            }
            searchFrom = buffer.count - position
            try fill()
            searchFrom = min(searchFrom + position, buffer.count)
            searchFrom = max(searchFrom, position)
        }
    }
}
