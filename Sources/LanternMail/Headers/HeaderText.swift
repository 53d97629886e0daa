import Foundation

/// Decoding of raw header values: unfolding, RFC 2047 encoded words and undeclared 8-bit text.
///
/// Adjacent encoded words, with only white space between them, are joined. The white space is
/// dropped, as RFC 2047 section 6.2 requires. Words with the same charset are joined as bytes
/// before conversion, so a UTF-8 or Shift_JIS character cut between two words comes out whole.
/// Charset labels go through `CharsetDecoder`, with its aliases and superset decoders. Raw 8-bit
/// or ISO-2022-JP text outside encoded words is decoded as `CharsetDecoder.decodeUndeclared`
/// does, which is how Japanese spam often sends its subjects.
public enum HeaderText {
    /// A stretch of a header value: plain text or one encoded word's decoded bytes.
    enum Segment: Equatable {
        case text([UInt8])
        case word(charset: String, bytes: [UInt8])
    }

    /// Decodes an unstructured header value (Subject, Comments) to text. Line breaks that fold
    /// the header are removed; breaks encoded inside words are kept for the caller to collapse.
    /// - Complexity: O(n) in the header length.
    public static func decode(_ raw: [UInt8]) -> (text: String, notes: [String]) {
        var notes: [String] = []
        let text = runs(of: segments(unfolded(raw))).map { run -> String in
            let decoded = decodeRun(run)
            if let note = decoded.note { notes.append(note) }
            return decoded.text
        }.joined()
        return (text, notes)
    }

    /// Rewrites a structured header value (From, To) so that GMime can split it before any name
    /// is decoded: each run of encoded words becomes one `=?UTF-8?B?…?=` word and raw 8-bit text
    /// becomes UTF-8. Angle brackets, commas and quotes outside encoded words are left alone.
    static func normalisedForParsing(_ raw: [UInt8]) -> (text: String, notes: [String]) {
        var notes: [String] = []
        let text = runs(of: segments(unfolded(raw))).map { run -> String in
            let decoded = decodeRun(run)
            if let note = decoded.note { notes.append(note) }
            if case .text = run.first { return decoded.text }
            return "=?UTF-8?B?" + Data(decoded.text.utf8).base64EncodedString() + "?="
        }.joined()
        return (text, notes)
    }

    /// Collapses every run of white space (CR, LF, tab, U+2028, U+2029 and the other Unicode
    /// spaces) and of the zero-width spaces U+200B, U+FEFF and U+180E to one space and trims both
    /// ends, so a subject always fits on one line. NUL is dropped. Other invisible characters,
    /// bidirectional controls among them, are kept for display code to show escaped.
    ///
    /// With `keepingZeroWidth`, the zero-width spaces stay too, for previews: a zero-width space
    /// inside a host name ("pay<U+200B>pal.example") must not read as two words.
    public static func singleLine(_ text: String, keepingZeroWidth: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let zeroWidth = scalar == "\u{200B}" || scalar == "\u{FEFF}" || scalar == "\u{180E}"
            if scalar.properties.isWhitespace || scalar == "\u{0}" || (zeroWidth && !keepingZeroWidth) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    // MARK: - Scanning

    /// Returns the value with folding line breaks removed (RFC 5322 section 2.2.3).
    static func unfolded(_ raw: [UInt8]) -> [UInt8] {
        raw.filter { $0 != 0x0D && $0 != 0x0A }
    }

    /// Splits a value into plain text and encoded words. Encoded words are found anywhere,
    /// also inside other text, because spam writes them glued to words and to each other.
    static func segments(_ bytes: [UInt8]) -> [Segment] {
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x3D, bytes[index + 1] == 0x3F, let (word, end) = encodedWord(bytes, at: index) {
                if textStart < index { segments.append(.text(Array(bytes[textStart..<index]))) }
                segments.append(word)
                index = end
                textStart = end
            } else {
                index += 1
            }
        }
        if textStart < bytes.count { segments.append(.text(Array(bytes[textStart...]))) }
        return segments
    }

    /// Returns the encoded word `=?charset?B|Q?text?=` starting at `start` and the index after it.
    private static func encodedWord(_ bytes: [UInt8], at start: Int) -> (Segment, Int)? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != 0x3F, bytes[index] > 0x20, bytes[index] < 0x7F { index += 1 }
        guard index < bytes.count, bytes[index] == 0x3F, index > charsetStart, index + 2 < bytes.count,
              bytes[index + 2] == 0x3F else { return nil }
        // RFC 2231 section 5 allows "charset*language"; the language is dropped.
        let label = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let charset = String(label.split(separator: "*", maxSplits: 1).first ?? "")
        let encoding = bytes[index + 1] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }  // "b" or "q"
        let textStart = index + 3
        var end = textStart
        while end + 1 < bytes.count, !(bytes[end] == 0x3F && bytes[end + 1] == 0x3D) {
            guard bytes[end] > 0x20, bytes[end] < 0x7F else { return nil }
            end += 1
        }
        guard end + 1 < bytes.count else { return nil }
        let payload = Array(bytes[textStart..<end])
        let decoded = encoding == 0x62 ? base64(payload) : quotedPrintableWord(payload)
        return (.word(charset: charset, bytes: decoded), end + 2)
    }

    /// Groups segments into runs decoded together: adjacent words of one charset, or one text.
    /// White space between two encoded words is dropped.
    static func runs(of segments: [Segment]) -> [[Segment]] {
        var runs: [[Segment]] = []
        for (offset, segment) in segments.enumerated() {
            if case .text(let bytes) = segment, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
               offset > 0, offset + 1 < segments.count,
               case .word = segments[offset - 1], case .word = segments[offset + 1] {
                continue
            }
            if case .word(let charset, _) = segment, case .word(let previous, _)? = runs.last?.last,
               CharsetDecoder.normalisedLabel(previous) == CharsetDecoder.normalisedLabel(charset) {
                runs[runs.count - 1].append(segment)
            } else {
                runs.append([segment])
            }
        }
        return runs
    }

    private static func decodeRun(_ run: [Segment]) -> DecodedText {
        switch run.first {
        case .text(let bytes)?:
            if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x1B }) {
                return DecodedText(text: String(decoding: bytes, as: UTF8.self), charset: "US-ASCII", note: nil)
            }
            return CharsetDecoder.decodeUndeclared(bytes)
        case .word(let charset, _)?:
            let bytes = run.flatMap { segment -> [UInt8] in
                if case .word(_, let bytes) = segment { return bytes }
                return []
            }
            return CharsetDecoder.decode(bytes, label: charset)
        case nil:
            return DecodedText(text: "", charset: "US-ASCII", note: nil)
        }
    }

    // MARK: - Word encodings

    /// RFC 2047 "B": base64, tolerant of missing padding and stray characters.
    static func base64(_ payload: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(payload.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in payload {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case 0x2B: value = 62
            case 0x2F: value = 63
            default: continue  // padding and stray characters
            }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    /// RFC 2047 "Q": quoted-printable where "_" is a space.
    static func quotedPrintableWord(_ payload: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < payload.count {
            let byte = payload[index]
            if byte == 0x5F {
                output.append(0x20)
            } else if byte == 0x3D, index + 2 < payload.count, let high = hexValue(payload[index + 1]), let low = hexValue(payload[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
