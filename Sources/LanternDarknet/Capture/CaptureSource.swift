import Foundation

/// The capture files named by a list of paths: files as given, directories searched
/// recursively with their files in sorted path order.
///
/// Inside directories, files that are not captures (by their first bytes, see
/// `CaptureFileFormat`) are skipped and listed in `skipped` with the reason, so a folder
/// holding README files or checksums still reads. A file named directly is always kept, so that
/// opening it reports libpcap's own message instead of silently doing nothing.
public struct CaptureSource: Sendable {
    /// A file left out of `files`, and why.
    public struct SkippedFile: Sendable, Equatable {
        public var path: String
        /// The reason in English, as a sentence fragment.
        public var reason: String
        /// The reason as a case, so a caller can word it in the user's language.
        public var kind: Kind

        /// The cause that keeps a file found in a directory from being read.
        public enum Kind: Sendable, Equatable {
            case gitLFSPointer
            case gzipWithoutCapture
            case notCapture
            case unreadable
        }
    }

    /// Capture files to read, in order.
    public private(set) var files: [String] = []
    /// Files found in directories that are not captures.
    public private(set) var skipped: [SkippedFile] = []

    /// Expands `paths` into capture files.
    /// - Throws: `CaptureError.cannotOpen` for a path that does not exist, and
    ///   `CaptureError.cannotList` for a directory that cannot be read.
    /// - Complexity: O(n log n) in the number of files under the directories.
    public init(paths: [String]) throws(CaptureError) {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .cannotOpen(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                try addDirectory(path)
            } else {
                files.append(path)
            }
        }
    }

    private mutating func addDirectory(_ directory: String) throws(CaptureError) {
        let found: [String]
        do {
            found = try Self.regularFiles(under: directory)
        } catch {
            throw .cannotList(path: directory, reason: error.localizedDescription)
        }
        for path in found {
            switch CaptureFileFormat.detect(path: path) {
            case .some(let format) where format.isCapture:
                files.append(path)
            case .some(.gitLFSPointer):
                skipped.append(SkippedFile(path: path, reason: "a Git LFS pointer, not the capture (run git lfs pull)", kind: .gitLFSPointer))
            case .some(.gzip):
                skipped.append(SkippedFile(path: path, reason: "gzip file that does not contain a pcap or pcapng capture", kind: .gzipWithoutCapture))
            case .some:
                skipped.append(SkippedFile(path: path, reason: "not a pcap or pcapng file (unrecognised first bytes)", kind: .notCapture))
            case .none:
                skipped.append(SkippedFile(path: path, reason: "cannot be opened for reading", kind: .unreadable))
            }
        }
    }

    /// Regular files under `directory`, recursively, sorted by path. Symbolic links to
    /// directories are not followed, so a link loop cannot make the walk endless.
    private static func regularFiles(under directory: String) throws -> [String] {
        let base = URL(fileURLWithPath: directory)
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys) else {
            throw CocoaError(.fileReadUnknown)
        }
        var paths: [String] = []
        for case let url as URL in enumerator {
            if try url.resourceValues(forKeys: Set(keys)).isRegularFile == true {
                paths.append(url.path)
            }
        }
        return paths.sorted()
    }
}
