import Foundation

/// Why an early-warning flag was raised: a rare transition, a rarely visited prototype, or both.
///
/// The store and `lantern export flags` keep the reason as one English line, such as
/// "rare transition (P = 0.063%); prototype visited by 0.5% of subnets". `init?(text:)` reads
/// that line back so a screen can show it in the analyst's language. The percentages stay
/// the text that was stored, so a translated screen shows the digits the export shows.
public struct FlagReason: Equatable, Sendable {
    /// The smoothed probability P(to | from) in percent, when it is below the transition threshold.
    public var transitionPercent: String?
    /// The share of active subnets that had visited the new prototype, in percent, when it is
    /// below the visit threshold.
    public var visitPercent: String?

    public init(transitionPercent: String?, visitPercent: String?) {
        self.transitionPercent = transitionPercent
        self.visitPercent = visitPercent
    }

    /// Creates the reason for `flag`, with each percentage to two significant digits.
    public init(_ flag: EarlyWarning.Flag, settings: EarlyWarningSettings) {
        transitionPercent = flag.probability < settings.transitionThreshold ? Self.percentText(flag.probability) : nil
        visitPercent = flag.visitShare < settings.visitThreshold ? Self.percentText(flag.visitShare) : nil
    }

    /// Reads a reason written by `text`. Returns nil for any other line, such as one stored by
    /// a version that wrote reasons differently.
    public init?(text: String) {
        guard !text.isEmpty else { return nil }
        for part in text.components(separatedBy: Self.separator) {
            if let value = Self.value(in: part, prefix: Self.transitionPrefix, suffix: Self.transitionSuffix), transitionPercent == nil {
                transitionPercent = value
            } else if let value = Self.value(in: part, prefix: Self.visitPrefix, suffix: Self.visitSuffix), visitPercent == nil {
                visitPercent = value
            } else {
                return nil
            }
        }
    }

    /// The reason in one English line, as stored and exported.
    public var text: String {
        var parts: [String] = []
        if let transitionPercent { parts.append(Self.transitionPrefix + transitionPercent + Self.transitionSuffix) }
        if let visitPercent { parts.append(Self.visitPrefix + visitPercent + Self.visitSuffix) }
        return parts.joined(separator: Self.separator)
    }

    static let transitionPrefix = "rare transition (P = "
    static let transitionSuffix = "%)"
    static let visitPrefix = "prototype visited by "
    static let visitSuffix = "% of subnets"
    static let separator = "; "

    /// Returns `share` (0 to 1) as a percentage with two significant digits, as `%.2g` writes it.
    static func percentText(_ share: Double) -> String {
        String(format: "%.2g", share * 100)
    }

    private static func value(in part: String, prefix: String, suffix: String) -> String? {
        guard part.hasPrefix(prefix), part.hasSuffix(suffix), part.count > prefix.count + suffix.count else { return nil }
        return String(part.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
