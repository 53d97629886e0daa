import Foundation

/// The ground truth of one simulated source host, one line of a `.truth.jsonl` file.
public struct TruthRecord: Codable, Equatable, Sendable {
    /// The source host's address as text.
    public var src: String
    public var role: SourceRole
    /// The traffic this host sends, for example `synack-flood-443`, `horizontal-syn-23`,
    /// `dns-misconfig-response`.
    public var kind: String
    /// The host's monitored subnet in CIDR notation: its /16 for IPv4, its /32 for IPv6.
    public var subnet: String
    /// Time of the host's first packet.
    public var first: Date
    /// Time of the host's last packet.
    public var last: Date
    /// Packets the host sent in the capture.
    public var packets: Int

    public init(src: String, role: SourceRole, kind: String, subnet: String, first: Date, last: Date, packets: Int) {
        self.src = src
        self.role = role
        self.kind = kind
        self.subnet = subnet
        self.first = first
        self.last = last
        self.packets = packets
    }

    private enum CodingKeys: String, CodingKey {
        case src, role, kind, subnet, first, last, packets
    }

    /// Decodes a record, accepting `first` and `last` as RFC 3339 text or as seconds since the
    /// Unix epoch; keys other than the seven are ignored.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        src = try container.decode(String.self, forKey: .src)
        role = try container.decode(SourceRole.self, forKey: .role)
        kind = try container.decode(String.self, forKey: .kind)
        subnet = try container.decode(String.self, forKey: .subnet)
        first = try TruthRecord.decodeTime(container, .first)
        last = try TruthRecord.decodeTime(container, .last)
        packets = try container.decode(Int.self, forKey: .packets)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(src, forKey: .src)
        try container.encode(role, forKey: .role)
        try container.encode(kind, forKey: .kind)
        try container.encode(subnet, forKey: .subnet)
        try container.encode(TruthRecord.formatTime(first), forKey: .first)
        try container.encode(TruthRecord.formatTime(last), forKey: .last)
        try container.encode(packets, forKey: .packets)
    }

    private static func decodeTime(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        if let seconds = try? container.decode(Double.self, forKey: key) {
            return Date(timeIntervalSince1970: seconds)
        }
        let text = try container.decode(String.self, forKey: key)
        guard let date = parseTime(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "\(key.rawValue) \"\(text)\" is not an RFC 3339 time such as 2026-01-05T00:00:01.250Z")
        }
        return date
    }

    /// Formats a time as RFC 3339 UTC with milliseconds, for example 2026-01-05T00:00:01.250Z.
    ///
    /// Built by hand because `ISO8601DateFormatter` is not `Sendable` and costs a lock per call.
    static func formatTime(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - seconds * 1000)
        var days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = Int(seconds - days * 86400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 3))Z"
    }

    /// Parses RFC 3339 text with or without fractional seconds, with `Z` or a numeric offset.
    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

/// A source host's role in the simulation. Any text decodes, so a truth file from another
/// generator with its own roles still loads; these three are the ones Lantern writes.
public struct SourceRole: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A victim of a spoofed-source flood, responding to the darknet.
    public static let backscatter = SourceRole(rawValue: "backscatter")
    /// A host probing the darknet on purpose.
    public static let scanner = SourceRole(rawValue: "scanner")
    /// Misconfiguration, stale connections and one-off packets.
    public static let noise = SourceRole(rawValue: "noise")

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
