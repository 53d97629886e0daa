import Foundation
import LanternEngine

/// Reading and writing the sparse text format of LIBSVM and LIBLINEAR: one sample per line,
/// `label index:value ...`, indices from 1 and increasing.
enum LibSVMFile {
    /// Writes `samples` with +1 for malicious and -1 for not malicious.
    static func write(_ samples: [SparseVector], labels: [Bool], to path: String) throws {
        var text = ""
        text.reserveCapacity(samples.count * 400)
        for (sample, label) in zip(samples, labels) {
            text += label ? "+1" : "-1"
            for (index, value) in zip(sample.indices, sample.values) {
                text += " \(index + 1):\(value)"
            }
            text += "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Reads a file written by `write`; a label above 0 is malicious.
    ///
    /// Numbers are parsed with `strtod` and `strtol` over the bytes, as LIBLINEAR reads them, so
    /// reading costs about what it costs the reference tools.
    /// - Complexity: O(file size), one pass over the bytes.
    static func read(_ path: String) throws -> (samples: [SparseVector], labels: [Bool]) {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.append(0)
        var samples: [SparseVector] = []
        var labels: [Bool] = []
        try bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            try base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { text in
                var cursor = text
                var indices: [Int32] = []
                var values: [Double] = []
                while cursor.pointee != 0 {
                    if cursor.pointee == 0x0A {  // an empty line
                        cursor += 1
                        continue
                    }
                    var end: UnsafeMutablePointer<CChar>?
                    let label = strtod(cursor, &end)
                    guard let afterLabel = end, afterLabel != cursor else { throw BenchError("line \(labels.count + 1): missing label") }
                    cursor = afterLabel
                    indices.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                    while true {
                        while cursor.pointee == 0x20 { cursor += 1 }
                        if cursor.pointee == 0x0A || cursor.pointee == 0 { break }
                        let index = strtol(cursor, &end, 10)
                        guard let afterIndex = end, afterIndex.pointee == 0x3A else {
                            throw BenchError("line \(labels.count + 1): invalid feature")
                        }
                        let value = strtod(afterIndex + 1, &end)
                        guard let afterValue = end, afterValue != afterIndex + 1 else {
                            throw BenchError("line \(labels.count + 1): invalid value")
                        }
                        indices.append(Int32(index - 1))
                        values.append(value)
                        cursor = afterValue
                    }
                    if cursor.pointee == 0x0A { cursor += 1 }
                    guard let sample = SparseVector(indices: indices, values: values) else {
                        throw BenchError("line \(labels.count + 1): indices not increasing")
                    }
                    labels.append(label > 0)
                    samples.append(sample)
                }
            }
        }
        return (samples, labels)
    }
}

/// A failure of the benchmark tool, printed and ending it with status 1.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
