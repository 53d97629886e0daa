import Foundation

/// A store in a new private folder under the temporary directory, for `lantern tui FILE`.
///
/// The folder is made with `mkdtemp`, so its name cannot be guessed or taken over by another
/// user. `remove()` deletes it with everything in it. Until then SIGINT, SIGTERM and SIGHUP
/// delete the store's files before the signal ends the process, so an ingest stopped halfway
/// leaves nothing behind. While the terminal UI runs, its own handlers take these signals over
/// and the UI returns normally, so the caller's `remove()` still runs.
///
/// NOTE: A crash (SIGSEGV, a Swift runtime trap) or SIGKILL leaves the folder behind, since no
/// handler can run safely or at all then. Its name starts with `lantern-open-`.
final class TemporaryStore {
    let directory: String
    let database: String

    /// The files the store and its ingest may create in `directory`: SQLite's journal files, the
    /// ingest lock, the alerts file that training writes beside the store and its `.tmp` copy.
    static let fileNames = ["open.db", "open.db-wal", "open.db-shm", "open.db-journal", "open.db.ingest-lock",
                            "open.alerts.jsonl", "open.alerts.jsonl.tmp"]

    /// Creates the folder and installs the signal handlers.
    /// - Throws: `CommandFailure` when the folder cannot be created.
    init() throws {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("lantern-open-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let created else {
            throw CommandFailure(.temporaryFolderFailed, ["folder": NSTemporaryDirectory(), "reason": String(cString: strerror(errno))])
        }
        directory = String(cString: created)
        database = (directory as NSString).appendingPathComponent("open.db")
        TemporaryStoreCleanup.install(paths: Self.fileNames.map { (directory as NSString).appendingPathComponent($0) } + [directory])
    }

    /// Puts back the signal handlers and deletes the folder with everything in it.
    func remove() {
        TemporaryStoreCleanup.uninstall()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Keeps the folder: puts back the signal handlers and leaves the files in place.
    func keep() {
        TemporaryStoreCleanup.uninstall()
    }
}

/// The signal handlers of `TemporaryStore`, which delete a fixed list of paths and then let the
/// signal end the process as it would have.
///
/// A handler may only call async-signal-safe functions, so the paths are C strings allocated
/// before the handlers are installed, and the handler uses only `unlink`, `rmdir`, `sigaction`
/// and `raise`. The last path is the folder, removed once the files in it are gone.
enum TemporaryStoreCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The paths as C strings with a nil after the last, or nil when no handler is installed.
    static var paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    /// Handlers that were in place before `install`, indexed by signal number (all below 32).
    static let previousActions: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
        pointer.initialize(repeating: sigaction(), count: 32)
        return pointer
    }()

    static func install(paths list: [String]) {
        uninstall()
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: list.count + 1)
        for (index, path) in list.enumerated() { array[index] = strdup(path) }
        array[list.count] = nil
        _ = previousActions.pointee
        paths = array
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in TemporaryStoreCleanup.handle(number) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, previousActions + Int(signal))
        }
    }

    static func uninstall() {
        guard let array = paths else { return }
        for signal in signals { sigaction(signal, previousActions + Int(signal), nil) }
        paths = nil
        var index = 0
        while let path = array[index] {
            free(path)
            index += 1
        }
        array.deallocate()
    }

    private static func handle(_ number: Int32) {
        if let array = paths {
            var index = 0
            while let path = array[index] {
                if array[index + 1] == nil { rmdir(path) } else { unlink(path) }
                index += 1
            }
        }
        sigaction(number, previousActions + Int(number), nil)
        raise(number)
    }
}
