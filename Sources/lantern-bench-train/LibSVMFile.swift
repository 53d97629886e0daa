import Glibc
import LanternEngine

/// Reading the sparse text format of LIBSVM and LIBLINEAR: one sample per line,
/// `label index:value ...`, indices from 1 and increasing.
enum LibSVMFile {
    /// Reads a file written by `lantern-bench-mail export`; a label above 0 is malicious.
    ///
    /// Labels and values are parsed with `strtod` over the bytes, as LIBLINEAR parses them, and
    /// indices by a loop over their digits where LIBLINEAR calls `strtol`. The file is read in
    /// chunks of `chunkBytes` (a line longer than that grows the buffer), so memory contains the
    /// samples and one chunk, not a copy of the whole file. LIBLINEAR also reads line by line.
    /// - Throws: `BenchError` naming the line when it is not `label index:value ...` with
    ///   increasing indices, or when the file cannot be opened or read.
    /// - Complexity: O(file size), one pass over the bytes.
    static func read(_ path: String, chunkBytes: Int = 4 << 20) throws -> (samples: [SparseVector], labels: [Bool]) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchError("\(path): open failed: \(String(cString: strerror(errno))); check the path") }
        defer { close(descriptor) }

        var parser = LineParser()
        // One spare byte past the data is for the 0 that ends the text `strtod` parses.
        var capacity = max(chunkBytes, 1)
        var buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity + 1)
        defer { buffer.deallocate() }
        var filled = 0
        var atEnd = false
        while !atEnd {
            if filled == capacity {
                // A line longer than the buffer: double it and read on.
                let larger = UnsafeMutablePointer<CChar>.allocate(capacity: 2 * capacity + 1)
                larger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let received = Glibc.read(descriptor, buffer + filled, capacity - filled)
            if received < 0 {
                if errno == EINTR { continue }
                throw BenchError("\(path): read failed: \(String(cString: strerror(errno)))")
            }
            filled += received
            atEnd = received == 0
            if atEnd, filled > 0, buffer[filled - 1] != 0x0A {
                buffer[filled] = 0x0A  // a last line without a newline goes in the spare byte
                filled += 1
            }
            buffer[filled] = 0
            let consumed = try parser.parseLines(buffer, count: filled)
            // Move the unfinished last line to the front.
            memmove(buffer, buffer + consumed, filled - consumed)
            filled -= consumed
        }
        return (parser.samples, parser.labels)
    }
}

/// The state of `LibSVMFile.read` between chunks: the samples so far and the line number.
private struct LineParser {
    var samples: [SparseVector] = []
    var labels: [Bool] = []
    private var indices: [Int32] = []
    private var values: [Double] = []

    /// Parses every complete line in `text[0..<count]` (`text[count]` is 0) and returns the
    /// number of bytes consumed, which ends after the last newline.
    mutating func parseLines(_ text: UnsafeMutablePointer<CChar>, count: Int) throws -> Int {
        var lineStart = 0
        while let newline = memchr(text + lineStart, 0x0A, count - lineStart) {
            let lineEnd = text.distance(to: newline.assumingMemoryBound(to: CChar.self))
            if lineEnd > lineStart { try parseLine(text + lineStart, end: text + lineEnd) }
            lineStart = lineEnd + 1
        }
        return lineStart
    }

    /// Parses one line, whose newline is at `lineEnd`. `strtod` skips leading white space,
    /// newlines included, so each number it reads is checked to end on this line.
    private mutating func parseLine(_ line: UnsafeMutablePointer<CChar>, end lineEnd: UnsafeMutablePointer<CChar>) throws {
        let number = labels.count + 1
        var end: UnsafeMutablePointer<CChar>?
        let label = strtod(line, &end)
        guard var cursor = end, cursor != line, cursor <= lineEnd else { throw BenchError("line \(number): missing label") }
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        while true {
            while cursor.pointee == 0x20 { cursor += 1 }
            if cursor.pointee == 0x0A { break }
            // Indices are plain decimal digits, so they are read here rather than by `strtol`,
            // which costs about a tenth of the reading time on the scaled mail copy.
            var index = 0
            var afterIndex = cursor
            while afterIndex.pointee >= 0x30, afterIndex.pointee <= 0x39, index <= Int(Int32.max) {
                index = 10 * index + Int(afterIndex.pointee - 0x30)
                afterIndex += 1
            }
            guard afterIndex != cursor, afterIndex.pointee == 0x3A, index >= 1, index <= Int(Int32.max) else {
                throw BenchError("line \(number): invalid feature index")
            }
            let value = strtod(afterIndex + 1, &end)
            guard let afterValue = end, afterValue != afterIndex + 1, afterValue <= lineEnd else { throw BenchError("line \(number): invalid value") }
            indices.append(Int32(index - 1))
            values.append(value)
            cursor = afterValue
        }
        // Copies sized to the line, so a sample does not keep the scratch arrays' capacity.
        guard let sample = SparseVector(indices: Self.exactCopy(indices), values: Self.exactCopy(values)) else {
            throw BenchError("line \(number): indices not increasing")
        }
        labels.append(label > 0)
        samples.append(sample)
    }
}

extension LineParser {
    /// Returns a copy of `array` in new storage of exactly its count, because `Array(array)`
    /// would share the storage and with it the capacity.
    static func exactCopy<Element>(_ array: [Element]) -> [Element] {
        [Element](unsafeUninitializedCapacity: array.count) { buffer, initialized in
            _ = buffer.initialize(from: array)
            initialized = array.count
        }
    }
}

/// A failure of the benchmark tool, printed and ending it with status 1.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
