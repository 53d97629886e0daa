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
            throw UsageError("cannot create the lock file \(path): \(String(cString: strerror(errno))); check the folder's permissions")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw UsageError("another 'lantern ingest' is writing to \(storePath); wait for it to finish or use another --db")
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
            throw UsageError("store \(store.path) holds \(stored)-second windows, not \(value); "
                + "use --window \(stored) or ingest into another --db")
        }
    }
}
