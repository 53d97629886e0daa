import LanternDarknet

/// Packs closed windows into one segment: the blob a `window_segments` row holds.
///
/// A row per window cost about 880 bytes of table, index and log pages and most of the ingest
/// time went into SQLite's B-trees. A segment stores a few thousand windows in one blob, about
/// 130 bytes each on simulated captures, written in one insert, with no per-window index.
/// Counts are stored as variable-length integers, and only the nonzero ones of the kind, block
/// and TAP counts. Times and features are stored exactly, so a stored window reads back bit
/// for bit as it was computed. A whole number among them (window starts, counts, the many zeros
/// of one-packet windows) takes one to eight bytes instead of eight, and first and last seen
/// take about four as distances from the window start.
///
/// Layout, little-endian:
/// - format byte (`WindowSegment.format`), window count as UInt32, source width as one byte;
/// - the sources, kept apart so a scan for one host or for distinct hosts reads this part only.
///   Each takes 4 bytes (the IPv4 address) when every source is IPv4, else 17 bytes (address
///   family 4 or 6, then the high and low words);
/// - each record's offset in the record part, UInt32 each;
/// - the records (see `append(_:)`).
struct WindowSegmentWriter {
    private(set) var count = 0
    private(set) var packets = 0
    private(set) var mechanicalBackscatter = 0
    private(set) var mechanicalNot = 0
    private let sources: ByteBuffer
    private let offsets: ByteBuffer
    private let records: ByteBuffer
    /// Whether every source so far is IPv4, so the segment can store sources in four bytes.
    private var allIPv4 = true

    init(capacity: Int) {
        sources = ByteBuffer(capacity: capacity * WindowSegment.sourceWidth)
        offsets = ByteBuffer(capacity: capacity * 4)
        records = ByteBuffer(capacity: capacity * 240)
    }

    var isEmpty: Bool { count == 0 }

    /// Appends one record. It starts with window start, first and last seen, packets, transport,
    /// service port, quoted port, port-80/53 packets and one byte of mechanical label and rule.
    /// Then follow the features and the top ports, each prefixed by its length, with the kind
    /// counts, destination blocks and three TAP arrays between them as sparse counts.
    mutating func append(_ window: WindowSummary) {
        count += 1
        packets += window.packets
        switch window.mechanicalLabel {
        case .backscatter?: mechanicalBackscatter += 1
        case .notBackscatter?: mechanicalNot += 1
        case nil: break
        }
        if window.source.isIPv6 { allIPv4 = false }
        sources.write(atMost: WindowSegment.sourceWidth) { source in
            source.append(window.source.isIPv6 ? 6 : 4)
            source.appendLittleEndian(window.source.high)
            source.appendLittleEndian(window.source.low)
        }
        let offset = UInt32(records.count)
        offsets.write(atMost: 4) { $0.appendLittleEndian(offset) }

        // Space for the longest possible record is reserved once, so the writes below check nothing.
        let counts = window.kindCounts.count + window.destinationBlocks.count + window.tapDestinations.count
            + window.tapPorts.count + window.tapPackets.count + 2 * window.topDestinationPorts.count
        records.write(atMost: 3 * 9 + 5 * 10 + 2 + 11 * 10 + 9 * window.features.count + 10 * counts) { record in
            record.appendDouble(window.windowStart)
            record.appendTime(window.firstSeen, after: window.windowStart)
            record.appendTime(window.lastSeen, after: window.windowStart)
            record.appendVarint(window.packets)
            record.append(window.dominantTransport.rawValue)
            record.appendVarint(Int(window.dominantSourcePort))
            record.appendVarint(Int(window.quotedServicePort))
            record.appendVarint(window.packetsFromWebOrDNSPort)
            record.append(WindowSegment.mechanicalByte(label: window.mechanicalLabel, rule: window.mechanicalRule))
            record.appendVarint(window.features.count)
            record.appendDoubles(window.features)
            record.appendSparseCounts(window.kindCounts)
            record.appendSparseCounts(window.destinationBlocks)
            record.appendSparseCounts(window.tapDestinations)
            record.appendSparseCounts(window.tapPorts)
            record.appendSparseCounts(window.tapPackets)
            record.appendVarint(window.topDestinationPorts.count)
            for entry in window.topDestinationPorts {
                record.appendVarint(Int(entry.key))
                record.appendVarint(entry.count)
            }
        }
    }

    /// Returns the segment's bytes and empties the writer, which keeps its buffers for the next segment.
    mutating func take() -> [UInt8] {
        let header = 6
        let sourceWidth = allIPv4 ? WindowSegment.ipv4SourceWidth : WindowSegment.sourceWidth
        let total = header + count * sourceWidth + offsets.count + records.count
        let blob = [UInt8](unsafeUninitializedCapacity: total) { bytes, initialized in
            let base = UnsafeMutableRawPointer(bytes.baseAddress!)
            base.storeBytes(of: WindowSegment.format, as: UInt8.self)
            base.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 1, as: UInt32.self)
            base.storeBytes(of: UInt8(sourceWidth), toByteOffset: 5, as: UInt8.self)
            var offset = header
            if allIPv4 {
                // Each 17-byte source ends with its low word, whose first four bytes are the address.
                sources.forEachChunk(of: WindowSegment.sourceWidth) { source in
                    (base + offset).copyMemory(from: source + 9, byteCount: 4)
                    offset += 4
                }
            } else {
                sources.copy(to: base + offset)
                offset += sources.count
            }
            for part in [offsets, records] {
                part.copy(to: base + offset)
                offset += part.count
            }
            initialized = total
        }
        allIPv4 = true
        count = 0
        packets = 0
        mechanicalBackscatter = 0
        mechanicalNot = 0
        sources.removeAll()
        offsets.removeAll()
        records.removeAll()
        return blob
    }
}

/// A growable byte buffer written through a `ByteCursor` over space reserved for each record.
///
/// `[UInt8]` checks capacity and uniqueness on every append, which cost more than the encoding
/// itself. The cursor is a struct, so its writes also skip the exclusivity checks that each
/// access to a class's stored property costs.
final class ByteBuffer {
    // Unchecked: `write` is the only method that runs caller code, and that code gets a cursor,
    // not the buffer. The runtime check cost about 90 instructions per record.
    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    /// Appends what `body` writes, which must be at most `maximum` bytes.
    @inline(__always)
    func write(atMost maximum: Int, _ body: (inout ByteCursor) -> Void) {
        if count + maximum > capacity { grow(toHold: count + maximum) }
        var cursor = ByteCursor(start: storage + count, end: storage + capacity)
        body(&cursor)
        precondition(cursor.written <= maximum, "record longer than the space reserved for it")
        count += cursor.written
    }

    func removeAll() {
        count = 0
    }

    func copy(to destination: UnsafeMutableRawPointer) {
        destination.copyMemory(from: storage, byteCount: count)
    }

    /// Calls `body` with the start of each `width`-byte chunk written so far.
    func forEachChunk(of width: Int, _ body: (UnsafeRawPointer) -> Void) {
        for start in stride(from: 0, to: count, by: width) { body(UnsafeRawPointer(storage + start)) }
    }

    private func grow(toHold needed: Int) {
        let grown = max(capacity * 2, needed)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        larger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = larger
        capacity = grown
    }
}

/// Writes integers and doubles into space a `ByteBuffer` reserved.
struct ByteCursor {
    private let start: UnsafeMutableRawPointer
    private let end: UnsafeMutableRawPointer
    private(set) var written = 0

    init(start: UnsafeMutableRawPointer, end: UnsafeMutableRawPointer) {
        self.start = start
        self.end = end
    }

    // The bounds are asserted per write in debug builds only. The caller reserves the longest
    // possible record (nine bytes per double, ten per integer), and `ByteBuffer.write` checks
    // the total after each record.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        assert(start + written < end, "record longer than the space reserved for it")
        start.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
        written += 1
    }

    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        assert(start + written + MemoryLayout<T>.size <= end, "record longer than the space reserved for it")
        start.storeBytes(of: value.littleEndian, toByteOffset: written, as: T.self)
        written += MemoryLayout<T>.size
    }

    /// Appends a non-negative integer in 7-bit groups, low group first (LEB128).
    @inline(__always)
    mutating func appendVarint(_ value: Int) {
        precondition(value >= 0, "stored counts are never negative")
        if value < 0x80 {
            append(UInt8(truncatingIfNeeded: value))
            return
        }
        var rest = UInt64(value)
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }

    /// Appends a double exactly: a whole number n in 0..<2^52 as the varint 2n, anything else
    /// (fractions, negatives, -0.0, NaN) as the varint 1 and its eight bytes.
    @inline(__always)
    mutating func appendDouble(_ value: Double) {
        // Whole-number test by converting to Int and back: `rounded(.towardZero)` calls libm's
        // trunc on the x86-64 baseline, which has no rounding instruction.
        // +0.0 first: most features of a small window are zero.
        if value.bitPattern == 0 {
            append(0)
            return
        }
        if value >= 0, value < 0x1p52, value.sign == .plus {
            let whole = Int(value)
            if Double(whole) == value {
                appendVarint(whole << 1)
                return
            }
        }
        append(1)
        appendLittleEndian(value.bitPattern)
    }

    /// Appends each value as `appendDouble` does. The loop runs on a local copy of the cursor,
    /// so the write position stays in a register instead of being stored after every byte.
    mutating func appendDoubles(_ values: [Double]) {
        var local = self
        values.withUnsafeBufferPointer { values in
            for value in values { local.appendDouble(value) }
        }
        self = local
    }

    /// Appends a time of the window exactly. It is stored as its distance from the window start
    /// in units of 2^-22 s, the resolution of a `Double` near today's epoch times, when that is
    /// exact, and otherwise as the varint 1 and the eight bytes of `time`.
    @inline(__always)
    mutating func appendTime(_ time: Double, after start: Double) {
        let units = (time - start) * 0x1p22
        if units >= 0, units < 0x1p52 {
            let whole = Int(units)
            if Double(whole) == units, (start + Double(whole) * 0x1p-22).bitPattern == time.bitPattern {
                appendVarint(whole << 1)
                return
            }
        }
        append(1)
        appendLittleEndian(time.bitPattern)
    }

    /// Appends counts as their number, a bit mask of the nonzero ones and those values. Most
    /// windows touch one or two of the 16 blocks and 11 kinds, so this takes a few bytes, not 30.
    /// More than 63 counts are written in full after a mask of 0.
    mutating func appendSparseCounts(_ values: [Int]) {
        appendVarint(values.count)
        guard values.count <= 63 else {
            appendVarint(0)
            for value in values { appendVarint(value) }
            return
        }
        // Through a buffer pointer, and the second pass visits only the mask's bits: the
        // array's per-element checks cost more than the few bytes written.
        values.withUnsafeBufferPointer { values in
            var mask = 0
            for index in values.indices where values[index] != 0 { mask |= 1 << index }
            appendVarint(mask)
            while mask != 0 {
                appendVarint(values[mask.trailingZeroBitCount])
                mask &= mask - 1
            }
        }
    }
}
