import Foundation

/// An attachment as recorded: its media type and sanitised name. Its content is never written
/// to disk, decoded or run.
public struct MailAttachment: Sendable, Equatable, Codable {
    /// Lower-case media type from Content-Type, such as "application/pdf".
    public var mediaType: String
    /// The file name with directory parts, NUL and line breaks removed; bidirectional and
    /// invisible format characters are kept so display code can show them escaped.
    public var name: String?
    /// The extension the file really has: the text after the last "." of the name in storage
    /// order, lower-cased, which is what the operating system acts on.
    public var realExtension: String?
    /// Set when the name contains characters that make it display differently from what it is.
    public var warning: String?

    public init(mediaType: String, rawName: String?) {
        self.mediaType = mediaType
        guard let rawName else { return }
        let name = MailAttachment.sanitised(rawName)
        guard !name.isEmpty else { return }
        self.name = name
        if let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex {
            realExtension = String(name[name.index(after: dot)...]).lowercased()
        }
        let hidden = name.unicodeScalars.filter(MailAttachment.isFormatCharacter)
        if !hidden.isEmpty {
            let codes = Set(hidden.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }).sorted()
            warning = "name contains invisible or direction-changing characters (\(codes.joined(separator: ", ")))"
                + "; the real extension is ." + (realExtension ?? "(none)")
        }
    }

    /// Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and
    /// invisible formatters (U+00AD, U+200B–U+200D, U+2060, U+FEFF).
    public static func isFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Returns the last path component, without control characters, at most 255 characters.
    static func sanitised(_ raw: String) -> String {
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars where !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
            scalars.append(scalar)
        }
        return String(String(scalars).trimmingCharacters(in: .whitespaces).prefix(255))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
