import LanternDarknet

extension Store {
    /// Converts a schema 1 store, which kept one `windows` row per window, to window segments.
    ///
    /// Runs once, in one transaction, when such a store is opened: either the whole store is
    /// converted or nothing changes. Labels, models, alerts and subnet data are untouched; window
    /// ids change, which nothing stored refers to (labels name a window by host and start).
    func convertWindowRowsToSegments() throws {
        try database.transaction {
            let rows = try database.prepare("""
                SELECT capture_id, src, window_start, first_seen, last_seen, packets, transport, service_port, quoted_port,
                       web_dns_packets, mech_label, mech_rule, features, kinds, blocks, tap, top_ports, score
                FROM windows ORDER BY id
                """)
            try rows.bind([])
            var batch = WindowBatch()
            var batchCapture: Int64?
            var scores = [Double]()
            func flush() throws {
                guard let capture = batchCapture, let segment = try insert(&batch, captureID: capture) else { return }
                if scores.contains(where: { !$0.isNaN }) {
                    try database.prepare("INSERT INTO window_scores(segment_id, model_version, scores) VALUES (?, 0, ?)")
                        .run([.integer(segment), .doubles(scores)])
                }
                scores.removeAll(keepingCapacity: true)
            }
            while try rows.step() {
                let capture = rows.int(0)
                if capture != batchCapture || batch.count == Store.windowsPerSegment {
                    try flush()
                    batchCapture = capture
                }
                batch.append(Store.summary(fromRow: rows))
                scores.append(rows.isNull(17) ? .nan : rows.double(17))
            }
            try flush()
            try database.execute("DROP TABLE windows")
            try database.execute("ALTER TABLE captures ADD COLUMN prefix_hash TEXT")
            try setMeta("schema", String(Store.schemaVersion))
        }
    }

    /// Rebuilds a summary from a schema 1 `windows` row (columns as selected above).
    private static func summary(fromRow row: SQLiteStatement) -> WindowSummary {
        let tap = row.doubles(15).map { Int($0) }
        let part = TAPProtocol.allCases.count
        func tapPart(_ index: Int) -> [Int] { tap.count == 3 * part ? Array(tap[index * part..<(index + 1) * part]) : [] }
        let topPorts: [(key: UInt32, count: Int)] = row.text(16).split(separator: ",").compactMap { entry in
            let fields = entry.split(separator: ":").compactMap { UInt32($0) }
            guard fields.count == 3 else { return nil }
            return (key: fields[0] << 16 | fields[1], count: Int(fields[2]))
        }
        return WindowSummary(
            source: IPAddress(row.text(1)) ?? IPAddress(ipv4: 0), windowStart: row.double(2), firstSeen: row.double(3),
            lastSeen: row.double(4), packets: Int(row.int(5)), features: row.doubles(12), kindCounts: row.doubles(13).map { Int($0) },
            mechanicalLabel: row.isNull(10) ? nil : MechanicalLabel(rawValue: Int(row.int(10))),
            mechanicalRule: row.isNull(11) ? nil : MechanicalLabel.Rule(rawValue: row.text(11)),
            dominantTransport: TransportProtocol(rawValue: UInt8(truncatingIfNeeded: row.int(6))) ?? .other,
            dominantSourcePort: UInt16(truncatingIfNeeded: row.int(7)), quotedServicePort: UInt16(truncatingIfNeeded: row.int(8)),
            destinationBlocks: row.doubles(14).map { Int($0) },
            tapDestinations: tapPart(0), tapPorts: tapPart(1), tapPackets: tapPart(2),
            topDestinationPorts: topPorts, anomalousPackets: 0, packetsFromWebOrDNSPort: Int(row.int(9)))
    }
}
