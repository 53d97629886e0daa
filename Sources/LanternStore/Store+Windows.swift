import LanternDarknet

/// A window as the models and screens read it back from the store.
public struct StoredWindow: Sendable {
    public var id: Int64
    public var source: String
    public var windowStart: Double
    public var firstSeen: Double
    public var lastSeen: Double
    public var packets: Int
    public var transport: TransportProtocol
    public var servicePort: Int
    public var quotedPort: Int
    /// TCP or UDP packets from source port 80 or 53.
    public var packetsFromWebOrDNSPort: Int
    public var mechanicalLabel: MechanicalLabel?
    public var features: [Double]
    public var kindCounts: [Int]
    public var destinationBlocks: [Int]
    public var score: Double?

    /// Share of packets of response types, for the packet-type rule.
    public var responseShare: Double {
        guard packets > 0 else { return 0 }
        let responses = PacketKind.responseKinds.reduce(0) { $0 + ($1.rawValue < kindCounts.count ? kindCounts[$1.rawValue] : 0) }
        return Double(responses) / Double(packets)
    }
}

extension Store {
    /// Windows per segment row. About 1 MB of blob each: large enough that SQLite's per-row
    /// cost vanishes, small enough that reading one window decodes little.
    static let windowsPerSegment = 4096

    /// Writes closed windows of one capture; the caller batches them inside a transaction.
    /// - Complexity: O(n) in the number of windows.
    public func insertWindows(_ windows: [WindowSummary], captureID: Int64) throws {
        var batch = WindowBatch()
        for window in windows { batch.append(window) }
        try insert(&batch, captureID: captureID)
    }

    /// Writes the batch's windows under `captureID` and empties it; the caller wraps it in a transaction.
    /// - Returns: the id of the last segment written, or `nil` when the batch was empty.
    @discardableResult
    public func insert(_ batch: inout WindowBatch, captureID: Int64) throws -> Int64? {
        let statement = try database.prepare("""
            INSERT INTO window_segments(capture_id, first_window, count, packets, mech_backscatter, mech_not, data)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        var next = try Int64(meta("next_window_id") ?? "1") ?? 1
        var last: Int64?
        for segment in batch.take() {
            try statement.run([.integer(captureID), .integer(next), .integer(Int64(segment.count)), .integer(Int64(segment.packets)),
                               .integer(Int64(segment.mechanicalBackscatter)), .integer(Int64(segment.mechanicalNot)),
                               .blob(segment.bytes)])
            next += Int64(segment.count)
            last = database.lastInsertRowID
        }
        if last != nil { try setMeta("next_window_id", String(next)) }
        return last
    }

    /// Calls `body` with each segment's row id, first window id, bytes and scores, in window id order.
    private func forEachSegment(where condition: String = "", _ values: [SQLiteStatement.Value] = [],
                                _ body: (Int64, Int64, WindowSegment, [Double]?) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT s.id, s.first_window, s.data, c.scores FROM window_segments s
            LEFT JOIN window_scores c ON c.segment_id = s.id \(condition) ORDER BY s.first_window
            """)
        try statement.bind(values)
        while try statement.step() {
            let id = statement.int(0)
            let scores = statement.isNull(3) ? nil : statement.doubles(3)
            try statement.withBlob(2) { bytes in
                let segment: WindowSegment
                do {
                    segment = try WindowSegment(bytes: bytes)
                    if let scores, scores.count != segment.count { throw SegmentDamage("\(scores.count) scores for \(segment.count) windows") }
                } catch let damage as SegmentDamage {
                    throw StoreError.damagedWindows(path: path, segment: id, reason: damage.reason)
                }
                try body(id, statement.int(1), segment, scores)
            }
        }
    }

    /// Decodes the windows of `segment` whose index passes `include`.
    private func decode(_ segment: WindowSegment, segmentID: Int64, firstWindow: Int64, scores: [Double]?,
                        include: (Int) -> Bool = { _ in true }, into windows: inout [StoredWindow]) throws {
        for index in 0..<segment.count where include(index) {
            let score = scores.map { $0[index] }.flatMap { $0.isNaN ? nil : $0 }
            do {
                windows.append(try segment.window(at: index, id: firstWindow + Int64(index), score: score))
            } catch let damage as SegmentDamage {
                throw StoreError.damagedWindows(path: path, segment: segmentID, reason: damage.reason)
            }
        }
    }

    /// Returns every window, oldest first (ties in id order).
    /// - Complexity: O(n log n) time and O(n) memory in the number of windows.
    public func allWindows() throws -> [StoredWindow] {
        var windows = [StoredWindow]()
        try forEachSegment { id, first, segment, scores in
            try decode(segment, segmentID: id, firstWindow: first, scores: scores, into: &windows)
        }
        windows.sort { ($0.windowStart, $0.id) < ($1.windowStart, $1.id) }
        return windows
    }

    /// Returns the windows of one source host, oldest first.
    /// - Complexity: O(n) in the number of windows: every segment's source list is scanned.
    public func windows(ofSource source: String) throws -> [StoredWindow] {
        guard let address = IPAddress(source) else { return [] }
        var windows = [StoredWindow]()
        try forEachSegment { id, first, segment, scores in
            try decode(segment, segmentID: id, firstWindow: first, scores: scores, include: { segment.source(at: $0) == address },
                       into: &windows)
        }
        windows.sort { ($0.windowStart, $0.id) < ($1.windowStart, $1.id) }
        return windows
    }

    public func window(id: Int64) throws -> StoredWindow? {
        var windows = [StoredWindow]()
        try forEachSegment(where: "WHERE s.first_window <= ?1 AND ?1 < s.first_window + s.count", [.integer(id)]) { segmentID, first, segment, scores in
            try decode(segment, segmentID: segmentID, firstWindow: first, scores: scores, include: { first + Int64($0) == id },
                       into: &windows)
        }
        return windows.first
    }

    /// Stores the decision value of each window under a model version. Windows of a segment
    /// missing from `scores` keep their earlier score.
    public func updateScores(_ scores: [(id: Int64, score: Double)], modelVersion: Int) throws {
        let segments = try database.prepare("SELECT id, first_window, count FROM window_segments ORDER BY first_window")
            .rows { (id: $0.int(0), first: $0.int(1), count: Int($0.int(2))) }
        let sorted = scores.sorted { $0.id < $1.id }
        let read = try database.prepare("SELECT scores FROM window_scores WHERE segment_id = ?")
        let write = try database.prepare("INSERT OR REPLACE INTO window_scores(segment_id, model_version, scores) VALUES (?, ?, ?)")
        try database.transaction {
            var next = 0
            for segment in segments {
                while next < sorted.count && sorted[next].id < segment.first { next += 1 }
                guard next < sorted.count, sorted[next].id < segment.first + Int64(segment.count) else { continue }
                var values = try read.rows([.integer(segment.id)]) { $0.doubles(0) }.first ?? []
                if values.count != segment.count { values = Array(repeating: .nan, count: segment.count) }
                while next < sorted.count && sorted[next].id < segment.first + Int64(segment.count) {
                    values[Int(sorted[next].id - segment.first)] = sorted[next].score
                    next += 1
                }
                try write.run([.integer(segment.id), .integer(Int64(modelVersion)), .doubles(values)])
            }
        }
    }

    /// Returns every distinct source address, reading only the segments' source lists.
    private func distinctSources() throws -> Set<IPAddress> {
        var sources = Set<IPAddress>()
        try forEachSegment { _, _, segment, _ in
            for index in 0..<segment.count { sources.insert(segment.source(at: index)) }
        }
        return sources
    }

    /// Summary counts for `lantern stats`.
    public func windowCounts() throws -> (packets: Int, sources: Int, windows: Int, mechanicalBackscatter: Int, mechanicalNot: Int) {
        let totals = try database.prepare("""
            SELECT COALESCE(SUM(packets), 0), COALESCE(SUM(count), 0),
                   COALESCE(SUM(mech_backscatter), 0), COALESCE(SUM(mech_not), 0) FROM window_segments
            """).rows { (Int($0.int(0)), Int($0.int(1)), Int($0.int(2)), Int($0.int(3))) }.first ?? (0, 0, 0, 0)
        return (totals.0, try distinctSources().count, totals.1, totals.2, totals.3)
    }

    /// Packets read from captures (every record, IP or not).
    public func capturedRecords() throws -> Int {
        try database.prepare("SELECT COALESCE(SUM(records), 0) FROM captures").rows { Int($0.int(0)) }.first ?? 0
    }
}

extension Store {
    /// Every source host with at least one window.
    public func sources() throws -> Set<String> {
        Set(try distinctSources().map(\.description))
    }
}
