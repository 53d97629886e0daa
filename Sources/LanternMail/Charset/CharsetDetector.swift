import CUchardet

/// A guess at the charset of bytes that declare none, made by uchardet.
///
/// Each call creates and deletes one uchardet handle, so the type keeps no C state and is safe to
/// use from any thread. Guessing costs one pass over the bytes. Callers give it only bodies and
/// headers that are not valid UTF-8 and carry no ISO-2022 escapes.
public enum CharsetDetector {
    /// Returns uchardet's charset name for `bytes` (for example "SHIFT_JIS", "EUC-JP",
    /// "WINDOWS-1252"), or `nil` when it finds none or the bytes are pure ASCII.
    /// - Complexity: O(n) in the number of bytes.
    public static func guess(_ bytes: [UInt8]) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let code = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard code == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty || charset == "ASCII" ? nil : charset
    }
}
