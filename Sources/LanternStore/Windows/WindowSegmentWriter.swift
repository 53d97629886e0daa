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

        // Written through a cursor into space reserved for the longest possible record, then
        // trimmed: one bounds and uniqueness check per record instead of one per byte.
        let counts = window.kindCounts.count + window.destinationBlocks.count + window.tapDestinations.count
            + window.tapPorts.count + window.tapPackets.count + 2 * window.topDestinationPorts.count
        records.append(atMost: 3 * 9 + 5 * 10 + 2 + 6 * 10 + 9 * window.features.count + 10 * counts) { cursor in
            cursor.appendDouble(window.windowStart)
            cursor.appendDouble(window.firstSeen)
            cursor.appendDouble(window.lastSeen)
            cursor.appendVarint(window.packets)
            cursor.append(window.dominantTransport.rawValue)
            cursor.appendVarint(Int(window.dominantSourcePort))
            cursor.appendVarint(Int(window.quotedServicePort))
            cursor.appendVarint(window.packetsFromWebOrDNSPort)
            cursor.append(WindowSegment.mechanicalByte(label: window.mechanicalLabel, rule: window.mechanicalRule))
            cursor.appendVarint(window.features.count)
            for value in window.features { cursor.appendDouble(value) }
            cursor.appendCounts(window.kindCounts)
            cursor.appendCounts(window.destinationBlocks)
            cursor.appendCounts(window.tapDestinations)
            cursor.appendCounts(window.tapPorts)
            cursor.appendCounts(window.tapPackets)
            cursor.appendVarint(window.topDestinationPorts.count)
            for entry in window.topDestinationPorts {
                cursor.appendVarint(Int(entry.key))
                cursor.appendVarint(entry.count)
            }
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
        // The buffers keep their capacity, so the next segment writes into pages already mapped.
        count = 0
        packets = 0
        mechanicalBackscatter = 0
        mechanicalNot = 0
        sources.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        return blob
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends what `body` writes through a cursor, which may write at most `maximum` bytes.
    mutating func append(atMost maximum: Int, _ body: (inout ByteCursor) -> Void) {
        let start = count
        append(contentsOf: repeatElement(0, count: maximum))
        let written = withUnsafeMutableBytes { bytes in
            var cursor = ByteCursor(bytes: UnsafeMutableRawBufferPointer(rebasing: bytes[start...]))
            body(&cursor)
            return cursor.offset
        }
        removeLast(maximum - written)
    }
}

/// Writes a record's integers and doubles into reserved bytes.
struct ByteCursor {
    let bytes: UnsafeMutableRawBufferPointer
    private(set) var offset = 0

    init(bytes: UnsafeMutableRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func append(_ byte: UInt8) {
        precondition(offset < bytes.count, "record longer than the space reserved for it")
        bytes[offset] = byte
        offset += 1
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
            return
        }
        append(1)
        precondition(offset + 8 <= bytes.count, "record longer than the space reserved for it")
        bytes.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }

    mutating func appendCounts(_ values: [Int]) {
        appendVarint(values.count)
        for value in values { appendVarint(value) }
    }
}
