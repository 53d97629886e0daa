import Foundation

/// Text decoded from bytes, with the charset actually used and a note when decoding was a guess.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    /// The decoder used, in iconv's spelling ("CP932", "UTF-8", "ISO-2022-JP (CP50220)").
    public var charset: String
    /// Why the result may be imperfect: an unknown label, a guessed charset, replaced bytes.
    public var note: String?
}

/// Decoding of the charsets mail uses in practice, from the label a message declares.
///
/// Labels are matched after lower-casing and trimming quotes. They resolve to the superset
/// decoders that mailers really write: Shift_JIS and its aliases to CP932, ISO-2022-JP to
/// CP50220 (see `ISO2022JPDecoder`), EUC-JP to EUC-JP-MS, GB2312 and GBK to GB18030, Big5 to
/// Big5-HKSCS, EUC-KR to CP949, and ISO-8859-1 to windows-1252 as browsers do. US-ASCII text
/// with 8-bit bytes is read as UTF-8 when valid, otherwise as undeclared text. Other labels go
/// to iconv as written.
///
/// An unknown label never throws, and the result carries a note. The bytes are kept as UTF-8
/// when they are valid UTF-8, otherwise decoded by uchardet's guess when it names a multi-byte
/// charset, otherwise decoded as UTF-8 with U+FFFD for the bad bytes.
public enum CharsetDecoder {
    /// Decodes `bytes` declared as `label`; `nil` or an empty label means no charset was given.
    /// - Complexity: O(n) in the number of bytes.
    public static func decode(_ bytes: [UInt8], label: String?) -> DecodedText {
        let name = label.map(normalisedLabel) ?? ""
        if name.isEmpty {
            return decodeUndeclared(bytes)
        }
        if let decoder = decoder(for: name) {
            return decode(bytes, with: decoder, label: name)
        }
        if IconvConverter.supports(name) {
            return decode(bytes, with: .iconv(name), label: name)
        }
        if let token = leadingToken(name), token != name, decoder(for: token) != nil || IconvConverter.supports(token) {
            // Broken headers glue markup or a second "charset=" onto the label: 'utf-8 <div …'.
            var result = decode(bytes, label: token)
            result.note = "charset label '\(name)' read as '\(token)'" + (result.note.map { "; " + $0 } ?? "")
            return result
        }
        var result = decodeUndeclared(bytes, multiByteGuessesOnly: true)
        result.note = "unknown charset '\(name)'; decoded as \(result.charset) (best effort)" + (result.note.map { "; " + $0 } ?? "")
        return result
    }

    /// Decodes bytes that declare no charset: ISO-2022-JP when they hold its escapes, UTF-8
    /// when valid, otherwise uchardet's guess, otherwise UTF-8 with replacement characters.
    ///
    /// - Parameter multiByteGuessesOnly: take uchardet's guess only when it names a multi-byte
    ///   charset. Set for bytes under an unknown label, where a stray 8-bit byte in UTF-8 text
    ///   should become U+FFFD rather than a windows-1252 letter.
    public static func decodeUndeclared(_ bytes: [UInt8], multiByteGuessesOnly: Bool = false) -> DecodedText {
        if containsISO2022JPEscape(bytes) {
            return decode(bytes, with: .iso2022jp, label: "iso-2022-jp")
        }
        if isValidUTF8(bytes) {
            return DecodedText(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", note: nil)
        }
        if let guess = CharsetDetector.guess(bytes), !multiByteGuessesOnly || isMultiByte(guess) {
            let name = normalisedLabel(guess)
            var result = decode(bytes, with: decoder(for: name) ?? .iconv(name), label: name)
            result.note = "no charset declared; guessed \(guess)" + (result.note.map { "; " + $0 } ?? "")
            return result
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return DecodedText(text: text, charset: "UTF-8", note: "invalid UTF-8 bytes replaced with U+FFFD")
    }

    private static func isMultiByte(_ uchardetName: String) -> Bool {
        let name = uchardetName.uppercased()
        return ["SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR", "GB18030", "BIG5", "EUC-TW", "UHC", "ISO-2022-KR", "ISO-2022-CN", "UTF-16"]
            .contains { name.hasPrefix($0) }
    }

    /// Returns whether `bytes` contain an ISO-2022-JP designation (`ESC $ B`, `ESC $ @` or `ESC ( I`).
    static func containsISO2022JPEscape(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while let escape = bytes[index...].firstIndex(of: 0x1B), escape + 2 < bytes.count {
            let (first, second) = (bytes[escape + 1], bytes[escape + 2])
            if (first == 0x24 && (second == 0x42 || second == 0x40)) || (first == 0x28 && second == 0x49) { return true }
            index = escape + 1
        }
        return false
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    // MARK: - Labels

    enum Decoder: Equatable {
        case utf8
        case asciiCompatible   // US-ASCII: UTF-8 when valid, windows-1252 otherwise
        case iso2022jp
        case iconv(String)
        case iconvChain([String])
    }

    /// Returns the first plausible charset name in a damaged label: after a repeated "charset=", up
    /// to the first character that no charset name contains.
    static func leadingToken(_ name: String) -> String? {
        var rest = Substring(name)
        while rest.hasPrefix("charset=") { rest = rest.dropFirst("charset=".count) }
        rest = rest.drop(while: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let token = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
        return token.isEmpty ? nil : String(token)
    }

    static func normalisedLabel(_ label: String) -> String {
        label.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
            .lowercased()
    }

    /// Returns the decoder for a normalised label, or `nil` when the label is not in the table.
    static func decoder(for name: String) -> Decoder? {
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8":
            return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367", "default", "7bit", "8bit":
            return .asciiCompatible
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "ms_kanji", "csshiftjis", "windows-31j", "cswindows31j",
             "cp932", "ms932", "x-ms-cp932", "ibm-943", "ibm943", "shift_jisx0213", "shift_jis-2004", "x-mac-japanese":
            return .iconv("CP932")
        case "iso-2022-jp", "csiso2022jp", "iso2022jp", "iso-2022-jp-ms", "cp50220", "cp50221", "cp50222", "jis",
             "iso-2022-jp-1", "iso-2022-jp-3", "iso-2022-jp-2004", "x-iso2022jp":
            return .iso2022jp
        case "euc-jp", "eucjp", "x-euc-jp", "x-eucjp", "ujis", "x-euc", "cseucpkdfmtjapanese", "euc-jp-ms", "eucjp-ms", "eucjpms",
             "euc-jis-2004":
            return .iconvChain(["EUC-JP-MS", "EUC-JP"])
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "euc-cn", "cp936", "ms936", "csgb2312", "chinese", "gb18030", "x-gb2312":
            return .iconv("GB18030")
        case "big5", "big-5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5", "x-big5", "cp950":
            return .iconv("BIG5-HKSCS")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "ks_c_5601-1989", "korean", "cseuckr", "cp949", "uhc", "windows-949", "x-windows-949":
            return .iconv("CP949")
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
             "windows-1252", "cp1252", "x-cp1252":
            return .iconv("CP1252")
        case "iso-8859-9", "iso8859-9", "latin5", "windows-1254", "cp1254":
            return .iconv("CP1254")
        case "tis-620", "iso-8859-11", "windows-874", "cp874", "x-windows-874":
            return .iconv("CP874")
        case "utf-7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7":
            return .iconv("UTF-7")
        case "unicode", "utf-16":
            return .iconv("UTF-16")
        default:
            if let windows = name.windowsCodePage { return .iconv("CP\(windows)") }
            return nil
        }
    }

    // MARK: - Decoding

    private static func decode(_ bytes: [UInt8], with decoder: Decoder, label: String) -> DecodedText {
        switch decoder {
        case .utf8:
            if isValidUTF8(bytes) {
                return DecodedText(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", note: nil)
            }
            // Mislabelled Japanese is common in spam: a UTF-8 label on Shift_JIS or JIS bytes.
            if containsISO2022JPEscape(bytes) {
                var result = decode(bytes, with: .iso2022jp, label: label)
                result.note = "labelled \(label) but contains ISO-2022-JP escapes; decoded as ISO-2022-JP"
                return result
            }
            return DecodedText(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8",
                               note: "invalid UTF-8 bytes replaced with U+FFFD")
        case .asciiCompatible:
            if containsISO2022JPEscape(bytes) {
                var result = decode(bytes, with: .iso2022jp, label: label)
                result.note = "labelled \(label) but contains ISO-2022-JP escapes; decoded as ISO-2022-JP"
                return result
            }
            if isValidUTF8(bytes) {
                return DecodedText(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", note: nil)
            }
            var result = decodeUndeclared(bytes)
            result.note = "labelled \(label) but has 8-bit bytes; decoded as \(result.charset)"
            return result
        case .iso2022jp:
            let (text, invalid) = ISO2022JPDecoder.decode(bytes)
            return DecodedText(text: text, charset: "ISO-2022-JP (CP50220)", note: replacedNote(invalid))
        case .iconv(let charset):
            return decodeWithIconv(bytes, chain: [charset], label: label)
        case .iconvChain(let chain):
            return decodeWithIconv(bytes, chain: chain, label: label)
        }
    }

    private static func decodeWithIconv(_ bytes: [UInt8], chain: [String], label: String) -> DecodedText {
        var best: (text: String, invalidBytes: Int, charset: String)?
        for charset in chain {
            guard let result = IconvConverter.decode(bytes, from: charset) else { continue }
            if best == nil || result.invalidBytes < best?.invalidBytes ?? Int.max {
                best = (result.text, result.invalidBytes, charset)
            }
            if result.invalidBytes == 0 { break }
        }
        guard let best else {
            var fallback = decodeUndeclared(bytes)
            fallback.note = "iconv cannot decode '\(label)'; decoded as \(fallback.charset) (best effort)"
            return fallback
        }
        return DecodedText(text: best.text, charset: best.charset, note: replacedNote(best.invalidBytes))
    }

    private static func replacedNote(_ invalid: Int) -> String? {
        invalid == 0 ? nil : "\(invalid) invalid byte\(invalid == 1 ? "" : "s") replaced with U+FFFD"
    }
}

extension String {
    /// The code page number of labels such as "windows-1251", "cp1250" or "x-cp1251".
    fileprivate var windowsCodePage: Int? {
        for prefix in ["windows-", "x-cp", "cp"] where hasPrefix(prefix) {
            if let number = Int(dropFirst(prefix.count)), (1250...1258).contains(number) { return number }
        }
        return nil
    }
}
