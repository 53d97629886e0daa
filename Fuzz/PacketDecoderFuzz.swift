// libFuzzer entry point for `PacketDecoder`, compiled by `scripts/fuzz` together with the
// decoder's own sources (not through SwiftPM, so `swift build` never compiles it).
//
// The first input byte picks the link type from `PacketDecoder.supportedLinkTypes`, so every
// link-layer walk is reached from one corpus. The rest is the captured frame, and the wire length
// is taken as the frame length.

private let linkTypes = PacketDecoder.supportedLinkTypes.keys.sorted()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPacketDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let linkType = linkTypes[Int(data[0]) % linkTypes.count]
    let frame = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let outcome = PacketDecoder().decode(linkType: linkType, bytes: frame, wireLength: frame.count, timestamp: 0)
    if let packet = outcome.packet {
        // Touch the derived values too, because the kind classification reads decoded fields.
        _ = PacketKind(packet)
    }
    return 0
}
