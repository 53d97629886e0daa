/// Neutralises untrusted text (mail subjects, sender names, URLs, payload bytes) before it is
/// drawn, so that nothing in it can move the cursor, change the terminal or reorder the row.
///
/// One scheme, applied per Unicode scalar:
/// - C0 controls U+0000–U+001F and DEL U+007F are shown in caret notation, as `cat -v` and
///   terminals do: ESC as `^[`, BEL as `^G`, BS as `^H`, NUL as `^@`, DEL as `^?`.
/// - Line breaks and tabs (LF, CR, TAB, VT, FF, NEL U+0085, U+2028, U+2029) become a space.
/// - Every other character that draws nothing or is not assigned is shown as `<U+XXXX>`.
///   These are C1 controls U+0080–U+009F, bidi controls (U+202A–202E, U+2066–2069, U+200E, U+200F,
///   U+061C), zero-width and format characters (U+200B–200D, U+2060, U+FEFF, U+00AD, tag
///   characters and the rest of general category Cf), and unassigned code points.
/// - `line(_:)` also turns every Unicode space (U+00A0, U+2000–200A, U+3000, …) into an
///   ASCII space, collapses runs to one and trims both ends, for one-line fields.
///
/// The result is stable: applying the same function again changes nothing, because the
/// escapes use printable ASCII only.
///
/// NOTE: Variation selectors and combining marks are kept, because Japanese and emoji text
/// needs them. `ScreenGrid` limits how many combining marks one cell carries.
public enum SafeText {
    /// Returns `text` as one line for a one-line field: controls and invisible characters
    /// escaped, line breaks, tabs and unusual spaces collapsed to one space, ends trimmed.
    ///
    /// - Complexity: O(n) in the number of scalars.
    public static func line(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isLineBreakOrTab(scalar) || isSpace(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            appendEscaped(scalar, to: &output)
        }
        return String(output)
    }

    /// Returns `text` with each control or invisible character replaced by its visible
    /// escape and each line break or tab by one space. Spaces are neither collapsed nor trimmed.
    /// The screen grid applies this to everything it draws.
    ///
    /// - Complexity: O(n) in the number of scalars.
    public static func escapingControls(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text
        }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isLineBreakOrTab(scalar) {
                output.append(" ")
            } else {
                appendEscaped(scalar, to: &output)
            }
        }
        return String(output)
    }

    /// Returns `text` split at line breaks (LF, CR LF, CR, NEL, U+2028, U+2029), each line
    /// escaped like `escapingControls(_:)`. Tabs become one space.
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let isBreak = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
            if isBreak {
                if !(scalar == "\n" && previousWasCR) {
                    lines.append(String(current))
                    current = String.UnicodeScalarView()
                }
                previousWasCR = scalar == "\r"
                continue
            }
            previousWasCR = false
            if isLineBreakOrTab(scalar) {
                current.append(" ")
            } else {
                appendEscaped(scalar, to: &current)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// Returns whether `scalar` would be escaped: a control, bidi or invisible character.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .format, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    // MARK: - Scalar classes

    /// Line breaks and tabs, drawn as one space.
    static func isLineBreakOrTab(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Unicode spaces other than line breaks (general category Zs), including U+0020.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .spaceSeparator
    }

    static func appendEscaped(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        let value = scalar.value
        if value < 0x20 {
            // Caret notation: ^@ for NUL … ^[ for ESC … ^_ for U+001F.
            output.append("^")
            output.append(Unicode.Scalar(UInt8(value + 0x40)))
        } else if value == 0x7F {
            output.append(contentsOf: "^?".unicodeScalars)
        } else if needsEscape(scalar) {
            output.append(contentsOf: codePointEscape(value).unicodeScalars)
        } else {
            output.append(scalar)
        }
    }

    /// `<U+202E>` style: at least four upper-case hex digits.
    static func codePointEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
