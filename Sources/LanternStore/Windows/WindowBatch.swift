import LanternDarknet

/// Closed windows encoded as they close and waiting for `Store.insert(_:captureID:)`.
///
/// Encoding each window when it closes lets the ingest drop the summary at once, so memory
/// contains encoded bytes (about 170 per window) instead of summaries with their arrays.
public struct WindowBatch {
    struct Segment {
        var bytes: [UInt8]
        var count: Int
        var packets: Int
        var mechanicalBackscatter: Int
        var mechanicalNot: Int
    }

    private var writer = WindowSegmentWriter(capacity: Store.windowsPerSegment)
    private(set) var segments: [Segment] = []
    /// Windows in the batch.
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ window: WindowSummary) {
        writer.append(window)
        count += 1
        if writer.count == Store.windowsPerSegment { closeSegment() }
    }

    /// Returns the segments to write, closing the last one early, and empties the batch.
    mutating func take() -> [Segment] {
        if !writer.isEmpty { closeSegment() }
        defer {
            segments = []
            count = 0
        }
        return segments
    }

    private mutating func closeSegment() {
        let totals = (count: writer.count, packets: writer.packets, backscatter: writer.mechanicalBackscatter, not: writer.mechanicalNot)
        segments.append(Segment(bytes: writer.take(), count: totals.count, packets: totals.packets,
                                mechanicalBackscatter: totals.backscatter, mechanicalNot: totals.not))
    }
}
