import Foundation

/// The prefix lengths that group source hosts into monitored subnets.
///
/// Defaults: IPv4 /16 and IPv6 /32, the sizes of a typical allocation to one network
/// operator, which is the unit an infection spreads through and an abuse contact answers for.
public struct SubnetPrefix: Sendable, Equatable, Codable {
    public var ipv4: Int = 16
    public var ipv6: Int = 32

    public init(ipv4: Int = 16, ipv6: Int = 32) {
        precondition((1...32).contains(ipv4) && (1...128).contains(ipv6), "prefix lengths must fit the address family")
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// The network address of `address`'s subnet.
    public func subnet(of address: IPAddress) -> IPAddress {
        address.masked(toPrefix: address.isIPv6 ? ipv6 : ipv4)
    }

    /// The subnet of `address` in CIDR notation, such as `203.0.0.0/16`.
    public func cidr(of address: IPAddress) -> String {
        "\(subnet(of: address))/\(address.isIPv6 ? ipv6 : ipv4)"
    }

    /// Text form `v4/v6`, such as `16/32`, as stored beside the subnet-day rows.
    public var text: String { "\(ipv4)/\(ipv6)" }

    /// Parses `16`, `/16`, `16/32` or `/16,/32`: the IPv4 length, then optionally the IPv6 one.
    public init?(text: String) {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "/" }).map(String.init)
        guard (1...2).contains(parts.count), let v4 = Int(parts[0]), (1...32).contains(v4) else { return nil }
        var v6 = 32
        if parts.count == 2 {
            guard let value = Int(parts[1]), (1...128).contains(value) else { return nil }
            v6 = value
        }
        self.init(ipv4: v4, ipv6: v6)
    }
}

/// A network in CIDR notation, for `/` searches and subnet keys read back from the store.
public struct CIDRBlock: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var network: IPAddress
    public var prefixLength: Int

    /// Parses `a.b.c.d/n`, an IPv6 `x::/n`, or a bare address (a host block: /32 or /128).
    /// Host bits past the prefix are cleared.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(parts[0]) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...address.bitWidth).contains(value) else { return nil }
            length = value
        } else {
            length = address.bitWidth
        }
        network = address.masked(toPrefix: length)
        prefixLength = length
    }

    public init(network: IPAddress, prefixLength: Int) {
        self.network = network.masked(toPrefix: prefixLength)
        self.prefixLength = prefixLength
    }

    /// Whether `address` lies in the block.
    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv6 == network.isIPv6 && address.masked(toPrefix: prefixLength) == network
    }

    /// Whether the two blocks share at least one address.
    public func overlaps(_ other: CIDRBlock) -> Bool {
        guard other.network.isIPv6 == network.isIPv6 else { return false }
        let shorter = min(prefixLength, other.prefixLength)
        return network.masked(toPrefix: shorter) == other.network.masked(toPrefix: shorter)
    }

    public var description: String { "\(network)/\(prefixLength)" }
}
