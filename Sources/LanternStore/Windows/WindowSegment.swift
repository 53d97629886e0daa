import LanternDarknet

/// Reads the windows of one segment blob written by `WindowSegmentWriter`.
///
/// Every read is bounds-checked, so a damaged blob throws `SegmentDamage` instead of reading past
/// its end. The store adds the file and segment to the message.
struct WindowSegment {
    /// The format `WindowSegmentWriter` writes. Format 1, written before, stored every source in
    /// 17 bytes, first and last seen as plain numbers and every count in full. It is still read.
    static let format: UInt8 = 2
    static let sourceWidth = 17
    static let ipv4SourceWidth = 4

    let count: Int
    private let bytes: UnsafeRawBufferPointer
    private let format: UInt8
    private let sourcesStart: Int
    private let sourceWidth: Int
    private let offsetsStart: Int
    private let recordsStart: Int

    /// - Parameter bytes: must stay valid while the segment is used.
    init(bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 5, bytes[0] == 1 || bytes[0] == 2 else { throw SegmentDamage("unknown format") }
        self.bytes = bytes
        format = bytes[0]
        count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
        if format == 1 {
            sourcesStart = 5
            sourceWidth = WindowSegment.sourceWidth
        } else {
            guard bytes.count >= 6, bytes[5] == WindowSegment.sourceWidth || bytes[5] == WindowSegment.ipv4SourceWidth else {
                throw SegmentDamage("unknown source width")
            }
            sourcesStart = 6
            sourceWidth = Int(bytes[5])
        }
        offsetsStart = sourcesStart + count * sourceWidth
        recordsStart = offsetsStart + count * 4
        guard recordsStart <= bytes.count else { throw SegmentDamage("\(count) windows do not fit in \(bytes.count) bytes") }
    }

    func source(at index: Int) -> IPAddress {
        let base = sourcesStart + index * sourceWidth
        if sourceWidth == WindowSegment.ipv4SourceWidth {
            return IPAddress(ipv4: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt32.self)))
        }
        let high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 1, as: UInt64.self))
        let low = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 9, as: UInt64.self))
        return bytes[base] == 6 ? IPAddress(ipv6High: high, low: low) : IPAddress(ipv4: UInt32(truncatingIfNeeded: low))
    }

    /// Decodes window `index` as the store hands it out; `id` and `score` come from the caller.
    func window(at index: Int, id: Int64, score: Double?) throws -> StoredWindow {
        let offset = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offsetsStart + index * 4, as: UInt32.self)))
        var reader = SegmentReader(bytes: bytes, position: recordsStart + offset)
        let windowStart = try reader.compactDouble()
        let firstSeen = format == 1 ? try reader.compactDouble() : try reader.time(after: windowStart)
        let lastSeen = format == 1 ? try reader.compactDouble() : try reader.time(after: windowStart)
        let packets = try reader.varint()
        let transport = TransportProtocol(rawValue: try reader.byte()) ?? .other
        let servicePort = try reader.varint()
        let quotedPort = try reader.varint()
        let webOrDNS = try reader.varint()
        let mechanical = WindowSegment.mechanical(from: try reader.byte())
        let features = try reader.doubles()
        let kinds = format == 1 ? try reader.counts() : try reader.sparseCounts()
        let blocks = format == 1 ? try reader.counts() : try reader.sparseCounts()
        return StoredWindow(
            id: id, source: source(at: index).description, windowStart: windowStart, firstSeen: firstSeen, lastSeen: lastSeen,
            packets: packets, transport: transport, servicePort: servicePort, quotedPort: quotedPort,
            packetsFromWebOrDNSPort: webOrDNS, mechanicalLabel: mechanical.label, features: features,
            kindCounts: kinds, destinationBlocks: blocks, score: score)
    }

    /// Label in the low two bits (0 none, 1 not backscatter, 2 backscatter), rule in the next two
    /// (0 none, 1 80/tcp, 2 53/udp).
    static func mechanicalByte(label: MechanicalLabel?, rule: MechanicalLabel.Rule?) -> UInt8 {
        let labelBits: UInt8 = label.map { UInt8($0.rawValue) + 1 } ?? 0
        let ruleBits: UInt8
        switch rule {
        case nil: ruleBits = 0
        case .tcp80?: ruleBits = 1
        case .udp53?: ruleBits = 2
        }
        return labelBits | ruleBits << 2
    }

    static func mechanical(from byte: UInt8) -> (label: MechanicalLabel?, rule: MechanicalLabel.Rule?) {
        let label = byte & 3 == 0 ? nil : MechanicalLabel(rawValue: Int(byte & 3) - 1)
        let rule: MechanicalLabel.Rule?
        switch byte >> 2 & 3 {
        case 1: rule = .tcp80
        case 2: rule = .udp53
        default: rule = nil
        }
        return (label, rule)
    }
}

/// A bounds-checked cursor over a segment's record part.
private struct SegmentReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw SegmentDamage("record runs past the end") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func double() throws -> Double {
        guard position + 8 <= bytes.count else { throw SegmentDamage("record runs past the end") }
        defer { position += 8 }
        return Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
    }

    /// Reads a double written by `appendDouble`.
    mutating func compactDouble() throws -> Double {
        let tag = try varint()
        if tag & 1 == 0 { return Double(tag >> 1) }
        guard tag == 1 else { throw SegmentDamage("invalid number tag \(tag)") }
        return try double()
    }

    mutating func varint() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 63 else { throw SegmentDamage("integer too long") }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return Int(value) }
            shift += 7
        }
    }

    mutating func length() throws -> Int {
        let length = try varint()
        // Every element takes at least one byte, so a longer length is damage, not a huge array.
        guard length <= bytes.count - position else { throw SegmentDamage("length \(length) past the end") }
        return length
    }

    mutating func doubles() throws -> [Double] {
        let count = try length()
        var values = [Double]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try compactDouble()) }
        return values
    }

    /// Reads a time written by `appendTime(_:after:)`.
    mutating func time(after start: Double) throws -> Double {
        let tag = try varint()
        if tag & 1 == 0 { return start + Double(tag >> 1) * 0x1p-22 }
        guard tag == 1 else { throw SegmentDamage("invalid time tag \(tag)") }
        return try double()
    }

    /// Reads counts written by `appendSparseCounts`.
    mutating func sparseCounts() throws -> [Int] {
        let count = try varint()
        let mask = try varint()
        if count > 63 {
            guard mask == 0 else { throw SegmentDamage("invalid count mask") }
            guard count <= bytes.count - position else { throw SegmentDamage("length \(count) past the end") }
            var values = [Int]()
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try varint()) }
            return values
        }
        guard mask >> count == 0 else { throw SegmentDamage("count mask \(mask) wider than \(count) values") }
        var values = [Int](repeating: 0, count: count)
        for index in 0..<count where mask & (1 << index) != 0 { values[index] = try varint() }
        return values
    }

    mutating func counts() throws -> [Int] {
        let count = try length()
        var values = [Int]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try varint()) }
        return values
    }
}

/// The reason a segment blob could not be read.
struct SegmentDamage: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
