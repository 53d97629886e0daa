import Glibc

/// Conversion of bytes in one charset to a Swift string through glibc's iconv.
///
/// Invalid or truncated sequences become U+FFFD, one per skipped byte, and are counted; the
/// conversion never stops early. A handle is opened per call: iconv handles carry shift state
/// and are not safe to share between threads.
enum IconvConverter {
    /// Returns whether glibc's iconv accepts `charset` as a source charset.
    static func supports(_ charset: String) -> Bool {
        let handle = iconv_open("UTF-8", charset)
        guard handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }

    /// Converts `bytes` from `charset` to a string, or returns `nil` when iconv does not know
    /// the charset.
    /// - Complexity: O(n) in the number of bytes.
    static func decode(_ bytes: [UInt8], from charset: String) -> (text: String, invalidBytes: Int)? {
        let handle = iconv_open("UTF-8", charset)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }

        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var invalid = 0
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let produced: Int
                let result: Int
                (produced, result) = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (Int, Int) in
                    var outPointer = UnsafeMutableRawPointer(chunkBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                    var outLeft = chunkBuffer.count
                    let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (chunkBuffer.count - outLeft, result)
                }
                output.append(contentsOf: chunk[0..<produced])
                guard result == -1 else { continue }
                switch errno {
                case E2BIG:
                    continue
                default:
                    // EILSEQ (invalid sequence) or EINVAL (truncated at the end): replace one byte
                    // and go on, so one bad byte costs one character, not the rest of the text.
                    invalid += 1
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    iconv(handle, nil, nil, nil, nil)
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), invalid)
    }
}
