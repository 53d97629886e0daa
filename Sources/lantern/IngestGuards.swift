import Foundation
import LanternStore

/// An exclusive lock on a store for one ingest at a time.
///
/// Two ingests into one store would each treat the other's capture as a partial earlier attempt
/// and delete it. The lock is `flock` on a file beside the store, released by the kernel when the
/// process ends however it ends, so a killed ingest never leaves it stuck.
final class IngestLock {
    private let descriptor: Int32

    init(storePath: String) throws {
        let path = storePath + ".ingest-lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(.lockFileFailed, ["path": path, "reason": String(cString: strerror(errno))])
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CommandFailure(.storeBusy, ["path": storePath])
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The window width a store was built with, kept so that windows of different widths are never
/// mixed in one store (their features would not be comparable).
enum WindowWidthSetting {
    static let key = "window_seconds"

    static func check(_ seconds: Double, store: Store) throws {
        let value = String(Int(seconds))
        guard let stored = try store.meta(key) else {
            try store.setMeta(key, value)
            return
        }
        guard stored == value else {
            throw UsageError(.windowWidthMismatch, ["path": store.path, "stored": stored, "requested": value])
        }
    }
}

/// The darknet's prefix lengths a store was built with. The tile graph's 16 destination blocks
/// are slices of the darknet's host part, and an alert's attack rate scales the packets seen by
/// the darknet's share of the address space, so both need the real size. Windows built with
/// different sizes are never mixed in one store.
enum DarknetPrefixSetting {
    static let key = "darknet_prefix"
    static let defaultValue = (ipv4: 16, ipv6: 48)

    /// Returns the prefixes `--darknet-prefix` gives, or the stored ones, or the defaults, and
    /// stores them when the store has none yet.
    /// - Throws: `UsageError` for a malformed value or one that differs from the stored one.
    static func resolve(_ text: String?, store: Store) throws -> (ipv4: Int, ipv6: Int) {
        let stored = try store.meta(key).flatMap(parse)
        guard let text else {
            if stored == nil { try store.setMeta(key, format(defaultValue)) }
            return stored ?? defaultValue
        }
        guard let requested = parse(text) else {
            throw UsageError(.darknetPrefixInvalid, ["value": text])
        }
        if let stored, stored != requested {
            throw UsageError(.darknetPrefixMismatch, ["path": store.path, "stored": format(stored), "requested": format(requested)])
        }
        if stored == nil { try store.setMeta(key, format(requested)) }
        return requested
    }

    /// Returns the stored prefixes, or the defaults for a store made before the setting existed.
    static func stored(in store: Store) -> (ipv4: Int, ipv6: Int) {
        ((try? store.meta(key)).flatMap { $0 }.flatMap(parse)) ?? defaultValue
    }

    static func parse(_ text: String) -> (ipv4: Int, ipv6: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let ipv4 = Int(parts[0]), (8...30).contains(ipv4) else { return nil }
        guard parts.count == 2 else { return (ipv4, defaultValue.ipv6) }
        guard let ipv6 = Int(parts[1]), (16...124).contains(ipv6) else { return nil }
        return (ipv4, ipv6)
    }

    static func format(_ value: (ipv4: Int, ipv6: Int)) -> String { "\(value.ipv4)/\(value.ipv6)" }
}
