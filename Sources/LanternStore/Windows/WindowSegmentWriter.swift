import LanternDarknet

/// Packs closed windows into one segment: the blob a `window_segments` row holds.
///
/// A row per window cost about 880 bytes of table, index and log pages and most of the ingest
/// time went into SQLite's B-trees. A segment stores a few thousand windows in one blob of about
/// 250 bytes each, written in one insert, with no per-window index. Counts are stored as
/// variable-length integers. Times and features are stored exactly, so a stored window reads
/// back bit for bit as it was computed. A whole number among them (window starts, counts, the
/// many zeros of one-packet windows) takes one to eight bytes instead of eight.
///
/// Layout, little-endian:
/// - format byte (`WindowSegment.format`), window count as UInt32;
/// - the sources, 17 bytes each (address family 4 or 6, then the high and low words), so a scan
///   for one host or for distinct hosts reads this part only;
/// - each record's offset in the record part, UInt32 each;
/// - the records (see `append(_:)`).
struct WindowSegmentWriter {
    private(set) var count = 0
    private(set) var packets = 0
    private(set) var mechanicalBackscatter = 0
    private(set) var mechanicalNot = 0
    private var sources: [UInt8] = []
    private var offsets: [UInt8] = []
    private var records: [UInt8] = []

    init(capacity: Int) {
        sources.reserveCapacity(capacity * WindowSegment.sourceWidth)
        offsets.reserveCapacity(capacity * 4)
        records.reserveCapacity(capacity * 240)
    }

    var isEmpty: Bool { count == 0 }

    /// Appends one record. It starts with window start, first and last seen, packets, transport,
    /// service port, quoted port, port-80/53 packets and one byte of mechanical label and rule.
    /// Then follow features, kind counts, destination blocks, the three TAP arrays and the top ports, each
    /// prefixed by its length.
    mutating func append(_ window: WindowSummary) {
        count += 1
        packets += window.packets
        switch window.mechanicalLabel {
        case .backscatter?: mechanicalBackscatter += 1
        case .notBackscatter?: mechanicalNot += 1
        case nil: break
        }
        sources.append(window.source.isIPv6 ? 6 : 4)
        sources.appendLittleEndian(window.source.high)
        sources.appendLittleEndian(window.source.low)
        offsets.appendLittleEndian(UInt32(records.count))

        records.appendDouble(window.windowStart)
        records.appendDouble(window.firstSeen)
        records.appendDouble(window.lastSeen)
        records.appendVarint(window.packets)
        records.append(window.dominantTransport.rawValue)
        records.appendVarint(Int(window.dominantSourcePort))
        records.appendVarint(Int(window.quotedServicePort))
        records.appendVarint(window.packetsFromWebOrDNSPort)
        records.append(WindowSegment.mechanicalByte(label: window.mechanicalLabel, rule: window.mechanicalRule))
        records.appendVarint(window.features.count)
        for value in window.features { records.appendDouble(value) }
        records.appendCounts(window.kindCounts)
        records.appendCounts(window.destinationBlocks)
        records.appendCounts(window.tapDestinations)
        records.appendCounts(window.tapPorts)
        records.appendCounts(window.tapPackets)
        records.appendVarint(window.topDestinationPorts.count)
        for entry in window.topDestinationPorts {
            records.appendVarint(Int(entry.key))
            records.appendVarint(entry.count)
        }
    }

    /// Returns the segment's bytes and empties the writer.
    mutating func take() -> [UInt8] {
        var blob = [UInt8]()
        blob.reserveCapacity(5 + sources.count + offsets.count + records.count)
        blob.append(WindowSegment.format)
        blob.appendLittleEndian(UInt32(count))
        blob += sources
        blob += offsets
        blob += records
        self = WindowSegmentWriter(capacity: count)
        return blob
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in 7-bit groups, low group first (LEB128).
    mutating func appendVarint(_ value: Int) {
        precondition(value >= 0, "stored counts are never negative")
        var rest = UInt64(value)
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }

    /// Appends a double exactly: a whole number n in 0..<2^52 as the varint 2n, anything else
    /// (fractions, negatives, -0.0, NaN) as the varint 1 and its eight bytes.
    mutating func appendDouble(_ value: Double) {
        if value >= 0, value < 0x1p52, value.rounded(.towardZero) == value, value.sign == .plus {
            appendVarint(Int(value) << 1)
        } else {
            append(1)
            appendLittleEndian(value.bitPattern)
        }
    }

    mutating func appendCounts(_ values: [Int]) {
        appendVarint(values.count)
        for value in values { appendVarint(value) }
    }
}
