import Foundation

/// One field of an exported record, with its JSON type.
///
/// The type comes from the field, never from how its text looks: a subject such as "2024" or an
/// analyst named "007" stays a JSON string, and a flag is a JSON boolean. CSV writes every kind
/// as the same text as before.
enum ExportValue: Equatable {
    case text(String)
    /// A number as CSV writes it; JSON Lines writes it as a number when it is finite.
    case number(String)
    case boolean(Bool)
    /// No value: an empty CSV field, `null` in JSON Lines.
    case missing

    static func integer(_ value: some BinaryInteger) -> ExportValue { .number(String(value)) }

    /// Returns `value` as the shortest text that reads back as it, as Swift's `description` writes it.
    static func double(_ value: Double) -> ExportValue { .number(String(value)) }

    /// Returns `value` with `digits` decimals.
    static func fixed(_ value: Double, digits: Int) -> ExportValue { .number(String(format: "%.\(digits)f", value)) }

    /// The CSV field before quoting. Text that a spreadsheet would run as a formula (starting
    /// with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, because subjects
    /// and senders come from spam and an analyst may open the file in a spreadsheet.
    var csvText: String {
        switch self {
        case .text(let text):
            guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
            return "'" + text
        case .number(let text): return text
        case .boolean(let flag): return flag ? "true" : "false"
        case .missing: return ""
        }
    }

    /// The JSON value. Empty text is `null`, as an empty CSV field is, and so are infinities
    /// and NaN, which JSON cannot write.
    var json: String {
        switch self {
        case .text(let text): return text.isEmpty ? "null" : JSONLine.quoted(text)
        case .number(let text): return Double(text)?.isFinite == true ? text : "null"
        case .boolean(let flag): return flag ? "true" : "false"
        case .missing: return "null"
        }
    }
}
