import Foundation

/// Reads and writes ground truth as JSON Lines: one `TruthRecord` object per line.
public enum TruthFile {
    /// Reads every record of a truth file. Blank lines are skipped.
    ///
    /// - Throws: `SimulationError.cannotOpen` when the file cannot be read,
    ///   `SimulationError.invalidTruthLine` naming the first line that is not a record.
    /// - Complexity: O(n) in the file size; all records are held in memory.
    public static func read(path: String) throws -> [TruthRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulationError.cannotOpen(path: path, errno: errno == 0 ? ENOENT : errno)
        }
        return try parse(data, path: path)
    }

    /// Parses truth lines held in memory; `path` only names the input in errors.
    public static func parse(_ data: Data, path: String = "<memory>") throws -> [TruthRecord] {
        let decoder = JSONDecoder()
        var records: [TruthRecord] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }) { continue }
            do {
                records.append(try decoder.decode(TruthRecord.self, from: Data(line)))
            } catch let error as DecodingError {
                throw SimulationError.invalidTruthLine(path: path, line: lineNumber, reason: describe(error))
            }
        }
        return records
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "missing key \"\(key.stringValue)\"; expected src, role, kind, subnet, first, last, packets"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let key = context.codingPath.last?.stringValue ?? "value"
            let expected = type == Int.self ? "an integer" : (type == String.self ? "a string" : "a \(type)")
            return "\"\(key)\" is not \(expected)"
        case .dataCorrupted(let context):
            if let key = context.codingPath.last?.stringValue {
                return "\"\(key)\": \(context.debugDescription)"
            }
            return "not a JSON object"
        @unknown default:
            return "not a valid record"
        }
    }
}

/// Streams truth records to a JSON Lines file, one object per line, as the simulator
/// finishes each source host.
public final class TruthWriter {
    public let path: String
    private let handle: FileHandle
    private let encoder: JSONEncoder
    private var pending = Data()

    /// Creates or truncates `path`.
    ///
    /// - Throws: `SimulationError.cannotOpen` when the file cannot be created.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else {
            throw SimulationError.cannotOpen(path: path, errno: errno == 0 ? EACCES : errno)
        }
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Appends one record.
    ///
    /// - Throws: `SimulationError.writeFailed` when a buffer flush fails.
    public func write(_ record: TruthRecord) throws {
        pending.append(try encoder.encode(record))
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: pending)
        } catch {
            throw SimulationError.writeFailed(path: path, errno: errno == 0 ? EIO : errno)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
