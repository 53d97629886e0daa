import Glibc

/// Characters that carry the tile graph's meaning without colour, so it reads on 8-colour
/// and colourless terminals and for colour-blind analysts.
public enum GlyphSet: String, CaseIterable, Sendable {
    /// Block elements and a middle dot. Several are East Asian *ambiguous* width; use `ascii`
    /// on a terminal set to draw ambiguous characters double-width.
    case unicode
    /// Printable ASCII only.
    case ascii

    /// Backscatter side, weak to strong (|value| from 0.2, 0.5, 0.8).
    var backscatter: [String] {
        self == .unicode ? ["▒", "▓", "█"] : ["+", "*", "#"]
    }

    /// Non-backscatter side, weak to strong. Lines against blocks keep the sign visible
    /// without colour.
    var notBackscatter: [String] {
        self == .unicode ? ["-", "=", "≡"] : ["'", "-", "="]
    }

    /// |value| below 0.2: about halfway between the two training means.
    var neutral: String { self == .unicode ? "·" : "." }

    /// Packet counts, low to high.
    var counts: [String] {
        self == .unicode ? ["░", "▒", "▓", "█"] : [".", ":", "o", "@"]
    }
}

/// Shading of tile-graph values: which glyph and role a value gets.
enum Shade {
    /// Glyph and role for a feature value in -1...1 (NaN: no window).
    static func feature(_ value: Double, glyphs: GlyphSet) -> (glyph: String, role: ColorRole) {
        guard value.isFinite else { return (" ", .tileMissing) }
        let magnitude = min(1, abs(value))
        guard magnitude >= 0.2 else { return (glyphs.neutral, .tileNeutral) }
        let level = magnitude < 0.5 ? 0 : (magnitude < 0.8 ? 1 : 2)
        if value > 0 {
            return (glyphs.backscatter[level], [.tileBackscatter1, .tileBackscatter2, .tileBackscatter3][level])
        }
        return (glyphs.notBackscatter[level], [.tileNot1, .tileNot2, .tileNot3][level])
    }

    /// Glyph and role for a packet count, on a log scale relative to `maximum`; 0 is blank.
    static func count(_ count: Int, maximum: Int, glyphs: GlyphSet) -> (glyph: String, role: ColorRole) {
        guard count > 0, maximum > 0 else { return (" ", .tileMissing) }
        let fraction = log1p(Double(count)) / log1p(Double(maximum))
        let level = min(3, max(0, Int(fraction * 4 - 1e-9)))
        return (glyphs.counts[level], [.count1, .count2, .count3, .count4][level])
    }
}
