import Foundation

extension TelescopeSimulator {
    /// Settings of one simulated capture.
    public struct Configuration: Sendable {
        /// IPv4 darknet prefix. 198.18.0.0/15 is reserved for benchmarking (RFC 2544), so the
        /// default /16 never collides with a real network.
        public var darknet = "198.18.0.0/16"
        /// IPv6 darknet prefix for the IPv6 share of backscatter and scans, nil for none.
        /// 2001:db8::/32 is the documentation prefix (RFC 3849).
        public var darknetIPv6: String? = "2001:db8:ffff::/48"
        /// Target packet total; the result lands within a few percent.
        public var packets = 1_000_000
        public var days = 1
        public var start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z
        public var seed: UInt64 = 1
        public var linkType: PcapWriter.LinkType = .ethernet
        public var timestampResolution: PcapWriter.TimestampResolution = .microseconds
        /// Extra scanner populations for subnet-monitoring experiments.
        public var plantedCampaigns: [PlantedCampaign] = []

        public init() {}

        func validate() throws {
            guard packets >= 1 else {
                throw SimulationError.invalidConfiguration(setting: "packets", value: "\(packets)", expected: "at least 1")
            }
            guard (1...366).contains(days) else {
                throw SimulationError.invalidConfiguration(setting: "days", value: "\(days)", expected: "1 to 366")
            }
            _ = try parsedDarknet()
            _ = try parsedDarknetIPv6()
            for campaign in plantedCampaigns {
                guard (0..<days).contains(campaign.startDay) else {
                    throw SimulationError.invalidConfiguration(
                        setting: "planted campaign startDay", value: "\(campaign.startDay)", expected: "0 to \(days - 1)")
                }
                guard (1...1000).contains(campaign.subnets) else {
                    throw SimulationError.invalidConfiguration(
                        setting: "planted campaign subnets", value: "\(campaign.subnets)", expected: "1 to 1000")
                }
                guard campaign.share > 0 && campaign.share < 1 else {
                    throw SimulationError.invalidConfiguration(
                        setting: "planted campaign share", value: "\(campaign.share)", expected: "between 0 and 1")
                }
            }
        }

        func parsedDarknet() throws -> (address: IPAddress, prefixLength: Int) {
            let parts = darknet.split(separator: "/")
            guard parts.count == 2, let address = IPAddress(parts[0]), !address.isIPv6,
                  let length = Int(parts[1]), (8...30).contains(length),
                  address.masked(toPrefix: length) == address
            else {
                throw SimulationError.invalidConfiguration(
                    setting: "darknet", value: darknet, expected: "an IPv4 network from /8 to /30 such as 198.18.0.0/16")
            }
            return (address, length)
        }

        func parsedDarknetIPv6() throws -> IPAddress? {
            guard let text = darknetIPv6 else { return nil }
            let parts = text.split(separator: "/")
            guard parts.count == 2, let address = IPAddress(parts[0]), address.isIPv6,
                  let length = Int(parts[1]), length == 48,
                  address.masked(toPrefix: length) == address
            else {
                throw SimulationError.invalidConfiguration(
                    setting: "darknetIPv6", value: text, expected: "an IPv6 /48 such as 2001:db8:ffff::/48")
            }
            return address
        }
    }
}
