import Glibc

/// Widths of text in terminal cells, and fitting text into a number of cells.
///
/// A scalar's width comes from the C library's `wcwidth` when the process locale is UTF-8
/// (the `Terminal` sets it at start-up), so it matches what the terminal's own ncurses
/// computes. When `wcwidth` is unavailable or returns -1 (C locale, code points newer than the
/// C library), `EastAsianWidth` decides: wide and fullwidth characters 2, combining marks
/// and format characters 0, the rest 1.
///
/// NOTE: East Asian *ambiguous* characters (①, ○, ★, box drawing, "…") count 1, as glibc
/// `wcwidth` returns. A terminal set to draw them double-width misaligns rows with them.
/// The `ascii` glyph set keeps them out of the tile graph.
public enum DisplayWidth {
    /// Returns the width in cells of one scalar: 0, 1 or 2. Controls count 1 because they are
    /// drawn escaped (see `SafeText`), so callers should escape them first.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F {
            return 1
        }
        if value < 0x20 || (0x7F...0x9F).contains(value) {
            return 1
        }
        if let width = CLibraryWidth.width(of: scalar), width >= 0 {
            return min(width, 2)
        }
        return EastAsianWidth.fallbackWidth(of: scalar)
    }

    /// Returns the width in cells of `text` as the screen grid draws it.
    ///
    /// - Complexity: O(n) in the number of scalars.
    public static func width(of text: String) -> Int {
        clusters(of: text).reduce(0) { $0 + $1.width }
    }

    /// Returns `text` cut to at most `cells` cells without splitting a double-width character.
    /// When text is cut, the last cell becomes "…" unless `ellipsis` is false. A wide
    /// character that does not fit whole is dropped, so the result may be one cell short.
    ///
    /// - Complexity: O(n) in the number of scalars.
    public static func truncate(_ text: String, to cells: Int, ellipsis: Bool = true) -> String {
        guard cells > 0 else { return "" }
        let pieces = clusters(of: text)
        let total = pieces.reduce(0) { $0 + $1.width }
        if total <= cells {
            return text
        }
        let budget = ellipsis ? cells - 1 : cells
        var used = 0
        var output = ""
        for piece in pieces {
            if used + piece.width > budget { break }
            used += piece.width
            output += piece.text
        }
        return ellipsis ? output + "…" : output
    }

    /// Returns `text` fitted to exactly `cells` cells: truncated with "…" when too long,
    /// padded with spaces on the right (or on the left for `.right`) when short. When a wide
    /// character cannot fit whole at the edge, a space takes its place.
    public static func pad(_ text: String, to cells: Int, alignment: Alignment = .left) -> String {
        guard cells > 0 else { return "" }
        let cut = truncate(text, to: cells)
        let padding = String(repeating: " ", count: max(0, cells - width(of: cut)))
        return alignment == .left ? cut + padding : padding + cut
    }

    /// Which side of a padded field the text sits on.
    public enum Alignment: Sendable {
        case left
        case right
    }

    /// One terminal cell's worth of text: a scalar of width 1 or 2 followed by the
    /// zero-width scalars that combine with it.
    struct Cluster {
        var text: String
        var width: Int
    }

    /// Maximum combining scalars kept on one cell. ncurses stores at most `CCHARW_MAX` (5)
    /// wide characters per cell, the spacing one included; further marks are dropped.
    static let maximumCombiningScalars = 4

    /// Splits `text` into cells the way a wcwidth-based terminal lays it out. A zero-width
    /// scalar with nothing before it attaches to a space, so it cannot combine with whatever
    /// was drawn to the left.
    static func clusters(of text: String) -> [Cluster] {
        var result: [Cluster] = []
        var combining = 0
        for scalar in text.unicodeScalars {
            let width = width(of: scalar)
            if width == 0 {
                if result.isEmpty {
                    result.append(Cluster(text: " ", width: 1))
                    combining = 0
                }
                if combining < maximumCombiningScalars {
                    result[result.count - 1].text.unicodeScalars.append(scalar)
                    combining += 1
                }
            } else {
                result.append(Cluster(text: String(scalar), width: width))
                combining = 0
            }
        }
        return result
    }
}

/// `wcwidth` from the C library, used only while the locale's character type is UTF-8.
///
/// Swift's Glibc module does not declare `wcwidth` (glibc hides it unless `_XOPEN_SOURCE` is
/// defined), so the symbol is looked up once with `dlsym`.
/// NOTE: A `lantern_wcwidth` shim in CLanternShims would replace the lookup.
enum CLibraryWidth {
    typealias Function = @convention(c) (wchar_t) -> Int32

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "wcwidth") else {
            return nil
        }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    /// `wcwidth(scalar)`, or nil when the locale is not a multibyte one (in the C locale
    /// glibc returns -1 for every non-ASCII character, which says nothing about width).
    static func width(of scalar: Unicode.Scalar) -> Int? {
        guard __ctype_get_mb_cur_max() > 1, let function else { return nil }
        return Int(function(wchar_t(bitPattern: scalar.value)))
    }
}
