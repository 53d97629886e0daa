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
        let responses = PacketKind.allCases.filter(\.isResponse).reduce(0) { $0 + ($1.rawValue < kindCounts.count ? kindCounts[$1.rawValue] : 0) }
        return Double(responses) / Double(packets)
    }
}

extension Store {
    /// Writes closed windows of one capture; the caller batches them inside a transaction.
    /// - Complexity: O(n) in the number of windows.
    public func insertWindows(_ windows: [WindowSummary], captureID: Int64) throws {
        let statement = try database.prepare("""
            INSERT INTO windows(capture_id, src, window_start, first_seen, last_seen, packets, transport, service_port,
                quoted_port, web_dns_packets, mech_label, mech_rule, features, kinds, blocks, tap, top_ports)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for window in windows {
            statement.resetBindings()
            try statement.bind(captureID, at: 1)
            try statement.bind(window.source.description, at: 2)
            try statement.bind(window.windowStart, at: 3)
            try statement.bind(window.firstSeen, at: 4)
            try statement.bind(window.lastSeen, at: 5)
            try statement.bind(Int64(window.packets), at: 6)
            try statement.bind(Int64(window.dominantTransport.rawValue), at: 7)
            try statement.bind(Int64(window.dominantSourcePort), at: 8)
            try statement.bind(Int64(window.quotedServicePort), at: 9)
            try statement.bind(Int64(window.packetsFromWebOrDNSPort), at: 10)
            if let label = window.mechanicalLabel { try statement.bind(Int64(label.rawValue), at: 11) }
            try statement.bind(window.mechanicalRule?.rawValue, at: 12)
            try statement.bindDoubles(count: window.features.count, at: 13) { window.features[$0] }
            try statement.bindDoubles(count: window.kindCounts.count, at: 14) { Double(window.kindCounts[$0]) }
            try statement.bindDoubles(count: window.destinationBlocks.count, at: 15) { Double(window.destinationBlocks[$0]) }
            // The TAP blob is destinations, then ports, then packets, each per `TAPProtocol`.
            let tap = [window.tapDestinations, window.tapPorts, window.tapPackets]
            try statement.bindDoubles(count: tap.reduce(0) { $0 + $1.count }, at: 16) { offset in
                var rest = offset
                for part in tap {
                    if rest < part.count { return Double(part[rest]) }
                    rest -= part.count
                }
                preconditionFailure("TAP offset \(offset) is past the blob")
            }
            try statement.bind(Store.topPortsText(window.topDestinationPorts), at: 17)
            try statement.runBound()
        }
    }

    /// Top destination ports as stored: `protocol:port:packets`, comma-separated.
    static func topPortsText(_ ports: [(key: UInt32, count: Int)]) -> String {
        var text = ""
        for (offset, entry) in ports.enumerated() {
            if offset > 0 { text += "," }
            text += String(entry.key >> 16)
            text += ":"
            text += String(entry.key & 0xffff)
            text += ":"
            text += String(entry.count)
        }
        return text
    }

    static let windowColumns = """
        id, src, window_start, first_seen, last_seen, packets, transport, service_port, quoted_port, mech_label,
        features, kinds, blocks, score, web_dns_packets
        """

    static func readWindow(_ row: SQLiteStatement) -> StoredWindow {
        StoredWindow(
            id: row.int(0), source: row.text(1), windowStart: row.double(2), firstSeen: row.double(3), lastSeen: row.double(4),
            packets: Int(row.int(5)), transport: TransportProtocol(rawValue: UInt8(truncatingIfNeeded: row.int(6))) ?? .other,
            servicePort: Int(row.int(7)), quotedPort: Int(row.int(8)), packetsFromWebOrDNSPort: Int(row.int(14)),
            mechanicalLabel: row.isNull(9) ? nil : MechanicalLabel(rawValue: Int(row.int(9))),
            features: row.doubles(10), kindCounts: row.doubles(11).map { Int($0) }, destinationBlocks: row.doubles(12).map { Int($0) },
            score: row.isNull(13) ? nil : row.double(13)
        )
    }

    /// Returns every window, oldest first.
    /// - Complexity: O(n) time and memory in the number of windows.
    public func allWindows() throws -> [StoredWindow] {
        try database.prepare("SELECT \(Store.windowColumns) FROM windows ORDER BY window_start, id").rows([], Store.readWindow)
    }

    /// Returns the windows of one source host, oldest first.
    public func windows(ofSource source: String) throws -> [StoredWindow] {
        try database.prepare("SELECT \(Store.windowColumns) FROM windows WHERE src = ? ORDER BY window_start, id")
            .rows([.text(source)], Store.readWindow)
    }

    public func window(id: Int64) throws -> StoredWindow? {
        try database.prepare("SELECT \(Store.windowColumns) FROM windows WHERE id = ?").rows([.integer(id)], Store.readWindow).first
    }

    /// Stores the decision value of each window under a model version.
    public func updateScores(_ scores: [(id: Int64, score: Double)], modelVersion: Int) throws {
        try database.transaction {
            let statement = try database.prepare("UPDATE windows SET score = ?, score_version = ? WHERE id = ?")
            for entry in scores {
                try statement.run([.real(entry.score), .integer(Int64(modelVersion)), .integer(entry.id)])
            }
        }
    }

    /// Summary counts for `lantern stats`.
    public func windowCounts() throws -> (packets: Int, sources: Int, windows: Int, mechanicalBackscatter: Int, mechanicalNot: Int) {
        try database.prepare("""
            SELECT COALESCE(SUM(packets), 0), COUNT(DISTINCT src), COUNT(*),
                   COALESCE(SUM(mech_label = 1), 0), COALESCE(SUM(mech_label = 0), 0) FROM windows
            """).rows { (Int($0.int(0)), Int($0.int(1)), Int($0.int(2)), Int($0.int(3)), Int($0.int(4))) }.first ?? (0, 0, 0, 0, 0)
    }

    /// Packets read from captures (every record, IP or not).
    public func capturedRecords() throws -> Int {
        try database.prepare("SELECT COALESCE(SUM(records), 0) FROM captures").rows { Int($0.int(0)) }.first ?? 0
    }
}

extension Store {
    /// Every source host with at least one window.
    public func sources() throws -> Set<String> {
        Set(try database.prepare("SELECT DISTINCT src FROM windows").rows([]) { $0.text(0) })
    }
}
