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

/// Earlier captures that overlap a file being registered, found by size and first bytes.
public struct CaptureCopies: Sendable {
    /// Paths of shorter copies whose windows were deleted because this file contains their packets.
    public var replaced: [String] = []
    /// Path of a complete capture that contains this file's packets, so the file is skipped.
    public var containedIn: String?

    public init() {}
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
    /// refer to host and window start) and started again. So is a shorter copy of this file (see
    /// `shorterCopies`). When this file is itself a shorter copy of a complete capture, it is
    /// skipped too. `copies` reports which of these happened.
    public func beginCapture(path: String, identity: String, size: Int64, prefixHash: String? = nil,
                             copies: inout CaptureCopies) throws -> Int64? {
        try database.transaction {
            let existing = try database.prepare("SELECT id, status FROM captures WHERE identity = ?")
                .rows([.text(identity)]) { ($0.int(0), $0.text(1)) }.first
            if let existing {
                if existing.1 == CaptureStatus.complete.rawValue { return nil }
                try database.prepare("DELETE FROM captures WHERE id = ?").run([.integer(existing.0)])
            }
            if let prefixHash, let longer = try database.prepare("""
                SELECT path FROM captures WHERE prefix_hash = ? AND size > ? AND status = 'complete' ORDER BY id LIMIT 1
                """).rows([.text(prefixHash), .integer(size)], { $0.text(0) }).first {
                copies.containedIn = longer
                return nil
            }
            for copy in try shorterCopies(path: path, size: size, prefixHash: prefixHash) {
                try database.prepare("DELETE FROM captures WHERE id = ?").run([.integer(copy.id)])
                copies.replaced.append(copy.path)
            }
            try database.prepare("""
                INSERT INTO captures(path, identity, size, status, ingested_at, prefix_hash) VALUES (?, ?, ?, 'partial', ?, ?)
                """).run([.text(path), .text(identity), .integer(size), .real(Date().timeIntervalSince1970), prefixHash.map { .text($0) } ?? .null])
            return database.lastInsertRowID
        }
    }

    public func beginCapture(path: String, identity: String, size: Int64) throws -> Int64? {
        var copies = CaptureCopies()
        return try beginCapture(path: path, identity: identity, size: size, copies: &copies)
    }

    /// Returns the captures that an ingest of this file supersedes: shorter, with the same first
    /// bytes, and either cut short (partial) or read from the same path. Such a capture is a copy
    /// taken while the file was still being written, and keeping it would count its packets twice.
    ///
    /// NOTE: the first bytes are `CaptureIdentity.prefixLength` long, so a copy shorter than that
    /// is not recognised, and a copy that ended on a packet boundary at another path stays.
    private func shorterCopies(path: String, size: Int64, prefixHash: String?) throws -> [(id: Int64, path: String)] {
        guard let prefixHash else { return [] }
        return try database.prepare("""
            SELECT id, path FROM captures WHERE prefix_hash = ? AND size < ? AND size >= ? AND (status = 'partial' OR path = ?)
            """).rows([.text(prefixHash), .integer(size), .integer(Int64(CaptureIdentity.prefixLength)), .text(path)]) {
            (id: $0.int(0), path: $0.text(1))
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
/// The hash of the first `prefixLength` bytes, kept apart, recognises a shorter copy of a file.
public enum CaptureIdentity {
    /// Bytes hashed for `prefix`: a file header and the first packets, which two different
    /// captures share only when one is a copy of the other.
    public static let prefixLength = 4096

    public static func of(path: String) throws -> (identity: String, size: Int64, prefix: String?) {
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
        let prefix = head.count >= prefixLength ? fnv1a(head.prefix(prefixLength)) : nil
        return ("\(size)-\(fnv1a(head))-\(fnv1a(tail))", size, prefix)
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Read through a buffer pointer: `Data`'s own iterator costs about 30 instructions a byte.
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
