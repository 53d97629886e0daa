import Foundation

/// Turns timestamps into day numbers in one time zone: days since 1970-01-01 there.
///
/// The default is UTC. A zone with daylight saving time has 23- and 25-hour days, and the
/// numbering follows its local midnights.
/// - Complexity: O(1) per timestamp; the zone's offset is looked up once per hour of capture time.
public struct DayClock: Sendable, Equatable {
    public let timeZone: TimeZone
    private var cachedHour = Int.min
    private var cachedOffset = 0

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current) {
        self.timeZone = timeZone
    }

    /// Parses `UTC`, an offset such as `+09:00` or `-0530`, or an IANA name such as `Asia/Tokyo`.
    public init?(name: String) {
        if name.uppercased() == "UTC" || name.uppercased() == "Z" {
            self.init()
            return
        }
        if let match = name.wholeMatch(of: #/([+-])(\d{2}):?(\d{2})/#),
           let hours = Int(match.2), let minutes = Int(match.3), hours <= 14, minutes < 60 {
            let seconds = (hours * 3600 + minutes * 60) * (match.1 == "-" ? -1 : 1)
            guard let zone = TimeZone(secondsFromGMT: seconds) else { return nil }
            self.init(timeZone: zone)
            return
        }
        guard let zone = TimeZone(identifier: name) else { return nil }
        self.init(timeZone: zone)
    }

    /// Stable text of the zone for the store: its identifier.
    public var name: String { timeZone.identifier }

    /// The day number of `timestamp` (seconds since the epoch).
    public mutating func day(of timestamp: Double) -> Int {
        let hour = Int((timestamp / 3600).rounded(.down))
        if hour != cachedHour {
            cachedHour = hour
            cachedOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: timestamp))
        }
        return Int(((timestamp + Double(cachedOffset)) / 86400).rounded(.down))
    }

    /// The calendar date of a day number, `YYYY-MM-DD`.
    public static func dateText(ofDay day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let components = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86400))
        return String(format: "%04d-%02d-%02d", components.year ?? 1970, components.month ?? 1, components.day ?? 1)
    }

    /// Parses `YYYY-MM-DD` into a day number.
    public static func day(ofDateText text: String) -> Int? {
        guard let match = text.wholeMatch(of: #/(\d{4})-(\d{2})-(\d{2})/#),
              let year = Int(match.1), let month = Int(match.2), let dayOfMonth = Int(match.3),
              (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth)),
              DayClock.dateText(ofDay: Int((date.timeIntervalSince1970 / 86400).rounded(.down))) == text
        else { return nil }
        return Int((date.timeIntervalSince1970 / 86400).rounded(.down))
    }

    public static func == (lhs: DayClock, rhs: DayClock) -> Bool { lhs.timeZone == rhs.timeZone }
}
