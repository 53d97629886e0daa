import LanternDarknet
import LanternStore

/// A rule baseline in the style of CAIDA Corsaro's DoS plugin.
///
/// Only packets of its backscatter types count: TCP SYN-ACK and RST, and ICMP echo reply,
/// destination unreachable, source quench, redirect, time exceeded, parameter problem,
/// timestamp, information and address-mask replies (not DNS responses). A victim's packets
/// form an attack when one run of them, with no gap longer than `timeout`, has at least
/// `minimumPackets` packets, lasts at least `minimumDuration` seconds and reaches `minimumPerMinute`
/// packets within some 60 s span. Every window of an attack's victim inside the run is backscatter.
/// NOTE: Corsaro counts packets per victim at packet resolution; this replay works from stored
/// windows, so a run's duration and peak rate are measured at window resolution.
public struct CorsaroDoSRule: Sendable {
    public var minimumPackets = 25
    public var minimumDuration = 60.0
    public var minimumPerMinute = 30
    public var timeout = 300.0

    public init() {}

    /// Packets of the window that Corsaro counts.
    static func attackPackets(_ window: StoredWindow) -> Int {
        func count(_ kind: PacketKind) -> Int { kind.rawValue < window.kindCounts.count ? window.kindCounts[kind.rawValue] : 0 }
        return count(.synAck) + count(.rst) + count(.icmpError) + count(.icmpReply)
    }

    /// Ids of the windows the rule calls backscatter.
    /// - Complexity: O(n log n) in the number of windows.
    public func backscatterWindows(_ windows: [StoredWindow]) -> Set<Int64> {
        var bySource: [String: [StoredWindow]] = [:]
        for window in windows where CorsaroDoSRule.attackPackets(window) > 0 {
            bySource[window.source, default: []].append(window)
        }
        var result = Set<Int64>()
        for (_, hostWindows) in bySource {
            for run in runs(hostWindows.sorted { $0.windowStart < $1.windowStart }) where isAttack(run) {
                result.formUnion(run.map(\.id))
            }
        }
        return result
    }

    private func runs(_ windows: [StoredWindow]) -> [[StoredWindow]] {
        var result = [[StoredWindow]]()
        for window in windows {
            if let last = result.last?.last, window.firstSeen - last.lastSeen <= timeout {
                result[result.count - 1].append(window)
            } else {
                result.append([window])
            }
        }
        return result
    }

    private func isAttack(_ run: [StoredWindow]) -> Bool {
        let packets = run.reduce(0) { $0 + CorsaroDoSRule.attackPackets($1) }
        guard packets >= minimumPackets, let first = run.first, let last = run.last,
              last.lastSeen - first.firstSeen >= minimumDuration else { return false }
        // Peak packets in any 60 s span, by sliding over window starts.
        var peak = 0, low = 0, inSpan = 0
        for high in run.indices {
            inSpan += CorsaroDoSRule.attackPackets(run[high])
            while run[high].windowStart - run[low].windowStart >= 60 {
                inSpan -= CorsaroDoSRule.attackPackets(run[low])
                low += 1
            }
            peak = max(peak, inSpan)
        }
        return peak >= minimumPerMinute
    }
}
