/// A decoder for ISO-2022-JP as Japanese mail writes it, with Microsoft's CP50220 extensions.
///
/// Mailers on Windows encode NEC special characters (①, ㈱, Roman numerals) and the IBM
/// extensions in ISO-2022-JP, which strict decoders, glibc's included, reject. Each JIS X 0208
/// pair is turned into its Shift_JIS code arithmetically and the result decoded as CP932, which
/// maps those rows. Half-width katakana (`ESC ( I`, or SO/SI) become CP932's single bytes. JIS X
/// 0212 (`ESC $ ( D`) is passed to EUC-JP, the only common decoder that maps it.
enum ISO2022JPDecoder {
    private enum Mode { case ascii, jis0208, katakana, jis0212 }

    /// Decodes `bytes`; invalid or unpaired bytes become U+FFFD and are counted.
    /// - Complexity: O(n) in the number of bytes.
    static func decode(_ bytes: [UInt8]) -> (text: String, invalidBytes: Int) {
        var mode = Mode.ascii
        var shiftedOut = false
        var text = ""
        var invalid = 0
        var pending = [UInt8]()  // CP932 bytes not yet converted
        var jis0212 = [UInt8]()  // EUC-JP bytes for JIS X 0212 runs

        func flush() {
            if !pending.isEmpty, let decoded = IconvConverter.decode(pending, from: "CP932") {
                text += decoded.text
                invalid += decoded.invalidBytes
            }
            if !jis0212.isEmpty, let decoded = IconvConverter.decode(jis0212, from: "EUC-JP") {
                text += decoded.text
                invalid += decoded.invalidBytes
            }
            pending.removeAll(keepingCapacity: true)
            jis0212.removeAll(keepingCapacity: true)
        }

        // Only one of `pending` and `jis0212` contains bytes at a time, so flushing keeps text order.
        func appendCP932(_ newBytes: [UInt8]) {
            if !jis0212.isEmpty { flush() }
            pending += newBytes
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, let (next, length) = escape(bytes, at: index) {
                flush()
                mode = next ?? mode
                index += length
                continue
            }
            if byte == 0x0E { shiftedOut = true; index += 1; continue }
            if byte == 0x0F { shiftedOut = false; index += 1; continue }
            if byte == 0x0A || byte == 0x0D {
                // A line end resets to ASCII in practice: senders that forget the closing escape
                // would otherwise turn every following line into kanji pairs.
                appendCP932([byte])
                mode = mode == .jis0208 || mode == .jis0212 ? .ascii : mode
                index += 1
                continue
            }
            switch (shiftedOut ? .katakana : mode) {
            case .ascii:
                appendCP932([byte])
                index += 1
            case .katakana:
                appendCP932([(0x21...0x5F).contains(byte) ? byte + 0x80 : byte])
                index += 1
            case .jis0208, .jis0212:
                guard index + 1 < bytes.count, (0x21...0x7E).contains(byte), (0x21...0x7E).contains(bytes[index + 1]) else {
                    flush()
                    text += "\u{FFFD}"
                    invalid += 1
                    index += 1
                    continue
                }
                if mode == .jis0212 {
                    if !pending.isEmpty { flush() }
                    jis0212 += [0x8F, byte | 0x80, bytes[index + 1] | 0x80]
                } else {
                    appendCP932(shiftJIS(byte, bytes[index + 1]))
                }
                index += 2
            }
        }
        flush()
        return (text, invalid)
    }

    /// Returns the mode an escape sequence at `index` selects (`nil` to keep the current one) and its
    /// length, or `nil` for an escape this decoder does not know (the ESC then stays a control
    /// character, which display code escapes).
    private static func escape(_ bytes: [UInt8], at index: Int) -> (Mode?, Int)? {
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch (byte(1), byte(2), byte(3)) {
        case (0x28, 0x42, _), (0x28, 0x4A, _), (0x28, 0x48, _): return (.ascii, 3)   // ESC ( B, ESC ( J, ESC ( H
        case (0x28, 0x49, _): return (.katakana, 3)                               // ESC ( I
        case (0x24, 0x42, _), (0x24, 0x40, _): return (.jis0208, 3)               // ESC $ B, ESC $ @
        case (0x24, 0x28, 0x44): return (.jis0212, 4)                             // ESC $ ( D
        case (0x24, 0x28, 0x51), (0x24, 0x28, 0x4F): return (.jis0208, 4)         // JIS X 0213 plane 1: its 0208 subset
        case (0x26, 0x40, _): return (nil, 3)                                      // ESC & @ announces a JIS X 0208 update
        default: return nil
        }
    }

    /// Shift_JIS bytes for the JIS X 0208 row/cell pair (j1, j2), both in 0x21...0x7E.
    private static func shiftJIS(_ j1: UInt8, _ j2: UInt8) -> [UInt8] {
        let s1 = (j1 + 1) / 2 + (j1 <= 0x5E ? 0x70 : 0xB0)
        let s2: UInt8
        if j1 % 2 == 1 {
            s2 = j2 + (j2 >= 0x60 ? 0x20 : 0x1F)
        } else {
            s2 = j2 + 0x7E
        }
        return [s1, s2]
    }
}
