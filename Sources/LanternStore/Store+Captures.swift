import Foundation

/// One capture file's row in the store.
public struct CaptureRecord: Sendable {
    public var id: Int64
    public var path: String
    public var status: CaptureStatus
    public var records: Int
}

/// How far a capture's ingest got.
public enum CaptureStatus: String, Sendable {
    /// Read to the end; ingesting it again is a no-op.
    case complete
    /// Stopped by an error or a kill; ingesting it again replaces its windows.
    case partial
}

/// Counters of one capture's ingest, stored with it.
public struct CaptureCounts: Sendable {
    public var records = 0
    public var ipPackets = 0
    public var notIP = 0
    public var undecodable = 0
    public init() {}
}

extension Store {
    /// Registers a capture before its windows are written.
    ///
    /// Returns `nil` when a capture with the same identity was already read to the end, so the
    /// caller skips it. A partial earlier attempt is deleted with its windows (labels stay: they
    /// refer to host and window start) and started again.
    public func beginCapture(path: String, identity: String, size: Int64) throws -> Int64? {
        try database.transaction {
            let existing = try database.prepare("SELECT id, status FROM captures WHERE identity = ?")
                .rows([.text(identity)]) { ($0.int(0), $0.text(1)) }.first
            if let existing {
                if existing.1 == CaptureStatus.complete.rawValue { return nil }
                try database.prepare("DELETE FROM captures WHERE id = ?").run([.integer(existing.0)])
            }
            try database.prepare("""
                INSERT INTO captures(path, identity, size, status, ingested_at) VALUES (?, ?, ?, 'partial', ?)
                """).run([.text(path), .text(identity), .integer(size), .real(Date().timeIntervalSince1970)])
            return database.lastInsertRowID
        }
    }

    /// Records the outcome of a capture's ingest.
    public func finishCapture(id: Int64, status: CaptureStatus, counts: CaptureCounts, error: String?) throws {
        try database.prepare("""
            UPDATE captures SET status = ?, records = ?, ip_packets = ?, not_ip = ?, undecodable = ?, error = ? WHERE id = ?
            """).run([
                .text(status.rawValue), .integer(Int64(counts.records)), .integer(Int64(counts.ipPackets)),
                .integer(Int64(counts.notIP)), .integer(Int64(counts.undecodable)), error.map { .text($0) } ?? .null, .integer(id),
            ])
    }

    public func captures() throws -> [CaptureRecord] {
        try database.prepare("SELECT id, path, status, records FROM captures ORDER BY id").rows {
            CaptureRecord(id: $0.int(0), path: $0.text(1), status: CaptureStatus(rawValue: $0.text(2)) ?? .partial, records: Int($0.int(3)))
        }
    }
}

/// A cheap identity for a capture file: its size and FNV-1a hashes of its first and last MiB.
///
/// Hashing whole multi-gigabyte captures would double the ingest's reading; size plus both ends
/// tells apart rotated captures of one sensor, which share neither their first nor last packets.
public enum CaptureIdentity {
    public static func of(path: String) throws -> (identity: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        let size = Int64(try handle.seekToEnd())
        let chunk: Int64 = 1 << 20
        try handle.seek(toOffset: 0)
        let head = try handle.read(upToCount: Int(min(chunk, size))) ?? Data()
        try handle.seek(toOffset: UInt64(max(0, size - chunk)))
        let tail = try handle.read(upToCount: Int(min(chunk, size))) ?? Data()
        return ("\(size)-\(fnv1a(head))-\(fnv1a(tail))", size)
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
