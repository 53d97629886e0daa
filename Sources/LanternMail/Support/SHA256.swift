import CGMime

/// SHA-256 digests through GLib's checksum, which GMime already links.
enum SHA256 {
    /// Returns the digest of `bytes` as 64 lower-case hex digits.
    /// - Complexity: O(n) in the number of bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digest = bytes.withUnsafeBufferPointer { buffer in
            g_compute_checksum_for_data(G_CHECKSUM_SHA256, buffer.baseAddress, gsize(buffer.count))
        }
        guard let digest else {
            // GLib returns NULL only for an unknown checksum type; SHA-256 is always built in.
            preconditionFailure("GLib has no SHA-256")
        }
        defer { g_free(digest) }
        return String(cString: digest)
    }
}
