/// An IPv4 or IPv6 address held in two machine words, so it hashes and compares cheaply
/// in the per-window tables that see every packet.
///
/// IPv4 addresses live in the low 32 bits of `low` with `high == 0` and `isIPv6 == false`;
/// IPv6 addresses use all 128 bits, most significant first.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64
    public var isIPv6: Bool

    public init(ipv4 value: UInt32) {
        high = 0
        low = UInt64(value)
        isIPv6 = false
    }

    public init(ipv6High high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
        isIPv6 = true
    }

    /// The IPv4 address as a 32-bit integer; `nil` for IPv6.
    public var ipv4Value: UInt32? { isIPv6 ? nil : UInt32(truncatingIfNeeded: low) }

    /// The number of bits in this address family (32 or 128).
    public var bitWidth: Int { isIPv6 ? 128 : 32 }

    /// The address with every bit past `prefixLength` cleared.
    public func masked(toPrefix prefixLength: Int) -> IPAddress {
        let length = max(0, min(prefixLength, bitWidth))
        if !isIPv6 {
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
            return IPAddress(ipv4: UInt32(truncatingIfNeeded: low) & mask)
        }
        let highMask: UInt64 = length >= 64 ? ~0 : (length == 0 ? 0 : ~UInt64(0) << (64 - length))
        let lowMask: UInt64 = length <= 64 ? 0 : (length == 128 ? ~0 : ~UInt64(0) << (128 - length))
        return IPAddress(ipv6High: high & highMask, low: low & lowMask)
    }

    /// The address as a number for gap statistics: IPv4 exactly, IPv6 by its low 64 bits
    /// (the interface part, where a scanner's or victim's spread shows).
    public var numericValue: Double {
        isIPv6 ? Double(low) : Double(UInt32(truncatingIfNeeded: low))
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.isIPv6 != rhs.isIPv6 { return !lhs.isIPv6 }
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        return lhs.low < rhs.low
    }

    public var description: String {
        if !isIPv6 {
            let v = UInt32(truncatingIfNeeded: low)
            return "\(v >> 24).\((v >> 16) & 0xff).\((v >> 8) & 0xff).\(v & 0xff)"
        }
        return IPAddress.formatIPv6(high: high, low: low)
    }

    /// Formats per RFC 5952: lowercase hex, the longest run of two or more zero groups as "::".
    private static func formatIPv6(high: UInt64, low: UInt64) -> String {
        var groups = [UInt16]()
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && groups[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength && i - runStart >= 2 { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        var parts = [String]()
        var i = 0
        while i < 8 {
            if i == bestStart {
                parts.append(i == 0 ? ":" : "")
                i += bestLength
                if i == 8 { parts.append("") }
                continue
            }
            parts.append(String(groups[i], radix: 16))
            i += 1
        }
        return parts.joined(separator: ":")
    }
}

extension IPAddress {
    /// Parses dotted IPv4 or RFC 4291 IPv6 text; returns `nil` for anything else.
    public init?(_ text: Substring) {
        if text.contains(":") {
            guard let value = IPAddress.parseIPv6(text) else { return nil }
            self = value
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var value: UInt32 = 0
            for part in parts {
                guard !part.isEmpty, part.count <= 3, let octet = UInt32(part), octet <= 255 else { return nil }
                value = value << 8 | octet
            }
            self.init(ipv4: value)
        }
    }

    public init?(_ text: String) { self.init(Substring(text)) }

    private static func parseIPv6(_ text: Substring) -> IPAddress? {
        let halves = IPAddress.splitOnDoubleColon(String(text))
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result = [UInt16]()
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else { return nil }
                result.append(group)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(all[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(all[i]) }
        return IPAddress(ipv6High: high, low: low)
    }

    private static func splitOnDoubleColon(_ text: String) -> [String] {
        var parts = [String]()
        var rest = Substring(text)
        while let range = rest.firstRange(of: "::") {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
