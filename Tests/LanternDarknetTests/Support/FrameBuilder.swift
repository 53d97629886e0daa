import Foundation

@testable import LanternDarknet

/// Parses an address literal written in a test. An invalid literal is a bug in the test, so it
/// yields 0.0.0.0 and every assertion on it then fails.
func address(_ text: String) -> IPAddress {
    IPAddress(text) ?? IPAddress(ipv4: 0)
}

/// Builds frames byte by byte for decoder tests. Checksums are left 0: the decoder ignores them.
enum FrameBuilder {
    static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)] }

    static func bigEndian32(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func addressBytes(_ address: IPAddress) -> [UInt8] {
        if !address.isIPv6 { return bigEndian32(UInt32(truncatingIfNeeded: address.low)) }
        return bigEndian32(UInt32(truncatingIfNeeded: address.high >> 32)) + bigEndian32(UInt32(truncatingIfNeeded: address.high))
            + bigEndian32(UInt32(truncatingIfNeeded: address.low >> 32)) + bigEndian32(UInt32(truncatingIfNeeded: address.low))
    }

    static func ipv4(
        from source: String = "198.51.100.7", to destination: String = "203.0.113.5", protocol ipProtocol: UInt8,
        payload: [UInt8], headerWords: Int = 5, totalLength: Int? = nil, fragmentField: Int = 0
    ) -> [UInt8] {
        var header: [UInt8] = [0x40 | UInt8(headerWords & 0x0F), 0]
        header += bigEndian16(totalLength ?? (max(headerWords, 5) * 4 + payload.count))
        header += [0x12, 0x34] + bigEndian16(fragmentField) + [64, ipProtocol, 0, 0]
        header += addressBytes(address(source)) + addressBytes(address(destination))
        header += [UInt8](repeating: 0, count: max(0, headerWords - 5) * 4)
        return header + payload
    }

    static func ipv6(
        from source: String = "2001:db8:1::7", to destination: String = "2001:db8:2::5", nextHeader: UInt8,
        payload: [UInt8], payloadLength: Int? = nil
    ) -> [UInt8] {
        var header: [UInt8] = [0x60, 0, 0, 0] + bigEndian16(payloadLength ?? payload.count) + [nextHeader, 64]
        header += addressBytes(address(source)) + addressBytes(address(destination))
        return header + payload
    }

    static func tcp(from sourcePort: Int, to destinationPort: Int, flags: TCPFlags, options: [UInt8] = [], payload: [UInt8] = [])
        -> [UInt8]
    {
        let padded = options + [UInt8](repeating: 0, count: (4 - options.count % 4) % 4)
        let dataOffset = UInt8((20 + padded.count) / 4) << 4
        return bigEndian16(sourcePort) + bigEndian16(destinationPort) + bigEndian32(1) + bigEndian32(0)
            + [dataOffset, flags.rawValue, 0x04, 0x00, 0, 0, 0, 0] + padded + payload
    }

    static func udp(from sourcePort: Int, to destinationPort: Int, payload: [UInt8]) -> [UInt8] {
        bigEndian16(sourcePort) + bigEndian16(destinationPort) + bigEndian16(8 + payload.count) + [0, 0] + payload
    }

    static func icmp(type: UInt8, code: UInt8, body: [UInt8] = [0, 0, 0, 0]) -> [UInt8] {
        [type, code, 0, 0] + body
    }

    /// Builds an Ethernet II frame, with VLAN tags (TPID, VLAN ID) outermost first.
    static func ethernet(etherType: Int, payload: [UInt8], tags: [(tpid: Int, vlanID: Int)] = []) -> [UInt8] {
        var frame: [UInt8] = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]
        for tag in tags { frame += bigEndian16(tag.tpid) + bigEndian16(tag.vlanID) }
        return frame + bigEndian16(etherType) + payload
    }
}

/// Decodes `bytes` as a frame of `linkType`, keeping only the first `capturedLength` bytes
/// (all by default) while the wire length stays the full size unless `wireLength` is given.
func decodeFrame(_ bytes: [UInt8], linkType: Int32 = 1, capturedLength: Int? = nil, wireLength: Int? = nil) -> DecodeOutcome {
    let captured = Array(bytes.prefix(capturedLength ?? bytes.count))
    return withGuardedBytes(captured) { buffer in
        PacketDecoder().decode(linkType: linkType, bytes: buffer, wireLength: wireLength ?? bytes.count, timestamp: 1_700_000_000)
    }
}

/// Calls `body` with `bytes` placed at the very end of a readable page that is followed by an
/// inaccessible one. A read past the last byte then crashes the test even in release builds,
/// where the decoder's bounds assertions are compiled out.
func withGuardedBytes<Result>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    let dataPages = (bytes.count + pageSize - 1) / pageSize + 1
    let length = (dataPages + 1) * pageSize
    guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          mapping != UnsafeMutableRawPointer(bitPattern: -1)
    else {
        fatalError("mmap of \(length) bytes failed: errno \(errno)")  // the test machine is out of memory
    }
    defer { munmap(mapping, length) }
    let guardPage = mapping + dataPages * pageSize
    guard mprotect(guardPage, pageSize, PROT_NONE) == 0 else { fatalError("mprotect failed: errno \(errno)") }
    let start = guardPage - bytes.count
    bytes.withUnsafeBytes { source in
        if let base = source.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
    }
    return body(UnsafeRawBufferPointer(start: start, count: bytes.count))
}
