import Foundation
import LanternDarknet
import LanternStore

/// Turns confident backscatter windows into alerts, one per victim, service and attack.
///
/// Windows of the same victim and service closer than `mergeGap` seconds form one attack.
/// The attack rate is the telescope's packet rate scaled by 2^(32 − prefix), since a victim
/// answering uniformly spoofed sources sends that share of its answers into the darknet.
public struct AlertBuilder {
    public var threshold: Double
    public var darknetPrefixLength: Int
    public var mergeGap = 300.0

    public init(threshold: Double, darknetPrefixLength: Int) {
        self.threshold = threshold
        self.darknetPrefixLength = darknetPrefixLength
    }

    /// - Complexity: O(n log n) in the number of windows.
    public func alerts(windows: [StoredWindow], scores: [Double], modelVersion: Int) -> [StoredAlert] {
        var groups: [String: [(StoredWindow, Double)]] = [:]
        for (window, score) in zip(windows, scores) where score >= threshold {
            let service = AlertBuilder.service(window)
            groups["\(window.source)|\(service.transport)|\(service.port)", default: []].append((window, score))
        }
        let scale = pow(2.0, Double(32 - min(max(darknetPrefixLength, 0), 32)))
        var result = [StoredAlert]()
        for (_, members) in groups {
            var run = [(StoredWindow, Double)]()
            for member in members.sorted(by: { $0.0.windowStart < $1.0.windowStart }) {
                if let last = run.last, member.0.firstSeen - last.0.lastSeen > mergeGap {
                    result.append(alert(run, scale: scale, modelVersion: modelVersion))
                    run = []
                }
                run.append(member)
            }
            if !run.isEmpty { result.append(alert(run, scale: scale, modelVersion: modelVersion)) }
        }
        return result.sorted { ($0.firstSeen, $0.victim) < ($1.firstSeen, $1.victim) }
    }

    private func alert(_ run: [(StoredWindow, Double)], scale: Double, modelVersion: Int) -> StoredAlert {
        let windows = run.map(\.0)
        let first = windows.map(\.firstSeen).min() ?? 0, last = windows.map(\.lastSeen).max() ?? 0
        let packets = windows.reduce(0) { $0 + $1.packets }
        let service = AlertBuilder.service(windows[0])
        // A single-packet attack has no duration; count it over one window width.
        let seconds = max(last - first, 30)
        return StoredAlert(
            victim: windows[0].source, transport: service.transport, servicePort: service.port, firstSeen: first, lastSeen: last,
            packets: packets, windows: windows.count, score: run.map(\.1).max() ?? 0,
            attackRate: Double(packets) / seconds * scale, modelVersion: modelVersion)
    }

    /// The attacked service: the source port of TCP and UDP answers, the quoted destination port
    /// of ICMP errors.
    public static func service(_ window: StoredWindow) -> (transport: String, port: Int) {
        switch window.transport {
        case .tcp: return ("tcp", window.servicePort)
        case .udp: return ("udp", window.servicePort)
        case .icmp: return ("icmp", window.quotedPort)
        case .icmpv6: return ("icmpv6", window.quotedPort)
        case .other: return ("other", 0)
        }
    }
}
