import CPSL

/// Reduction of host names to registered domains ("eTLD+1") with libpsl's built-in Public
/// Suffix List.
///
/// The list is the one compiled into the installed libpsl (Debian's libpsl5 carries a snapshot
/// from its build date), so suffixes added later are not known. When libpsl was built without a
/// built-in list, the system file from the publicsuffix package is loaded instead. The context
/// is process-wide, read-only and owned by libpsl; it is never freed.
public enum RegisteredDomain {
    private static let context: OpaquePointer? = {
        psl_builtin() ?? psl_latest(nil)
    }()

    /// Returns the registered domain of `host` ("mail.example.co.jp" → "example.co.jp"), the
    /// host itself for an IP address or when no list is available, or `nil` for an empty host or
    /// a bare public suffix.
    public static func of(host: String) -> String? {
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { return nil }
        if isIPAddress(name) { return name }
        guard let context else { return name }
        let result: String? = name.withCString { pointer in
            psl_registrable_domain(context, pointer).map { String(cString: $0) }
        }
        guard let result else {
            // A single-label host or a bare suffix ("localhost", "co.jp"): no registered domain.
            return nil
        }
        return result
    }

    static func isIPAddress(_ host: String) -> Bool {
        if host.hasPrefix("[") || host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in UInt8(part) != nil }
    }
}
