import Foundation

/// The mail named by a list of paths: EML files, mbox files and Maildir folders, recognised by
/// content, with directories searched recursively in sorted path order.
///
/// A directory with a cur/ or new/ subdirectory is a Maildir: the files in cur/ and new/ are its
/// messages (names starting with "." are skipped), while tmp/ (messages still being delivered)
/// and bookkeeping files such as dovecot-uidlist are ignored. Its other subdirectories are still
/// searched, which covers Maildir++ folders. Symbolic links to directories are not followed.
public struct MailSource: Sendable {
    /// One file to read and what is known of it from its path.
    public struct File: Sendable, Equatable {
        public var path: String
        public var kind: MailFileKind
        /// "malicious" or "spam" when a directory in the path has that name (the last one wins).
        public var folderLabel: String?
        /// Flags and warnings from a Maildir message's name; `nil` outside Maildirs.
        public var maildir: MaildirName?

        public init(path: String, kind: MailFileKind, folderLabel: String?, maildir: MaildirName?) {
            self.path = path
            self.kind = kind
            self.folderLabel = folderLabel
            self.maildir = maildir
        }
    }

    /// A file left out, and why.
    public struct SkippedFile: Sendable, Equatable {
        public var path: String
        public var reason: String
        /// Whether the file is empty; otherwise it does not start like mail.
        public var isEmpty = false
    }

    public private(set) var files: [File] = []
    /// Files in the directories that are not mail; they may be captures.
    public private(set) var notMail: [SkippedFile] = []

    /// Expands `paths`. With `force`, every regular file is read as mail (an mbox when it starts
    /// with a separator line, otherwise one message), whatever its first bytes.
    /// - Throws: `MailError.unreadable` for a path that does not exist or a directory that
    ///   cannot be listed.
    /// - Complexity: O(n log n) in the number of files under the directories.
    public init(paths: [String], force: Bool = false) throws(MailError) {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                try addDirectory(path, force: force)
            } else {
                addFile(path, force: force)
            }
        }
    }

    private mutating func addFile(_ path: String, force: Bool) {
        if let kind = MailFileFormat.detect(path: path) {
            files.append(File(path: path, kind: kind, folderLabel: MailSource.folderLabel(path), maildir: nil))
        } else if force {
            files.append(File(path: path, kind: .message, folderLabel: MailSource.folderLabel(path), maildir: nil))
        } else {
            let empty = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
            notMail.append(SkippedFile(path: path, reason: empty ? "empty file" : "does not start like a mail message or mbox", isEmpty: empty))
        }
    }

    private mutating func addDirectory(_ directory: String, force: Bool) throws(MailError) {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        let subdirectories = entries.filter { MailSource.isDirectory(directory + "/" + $0) }
        let isMaildir = subdirectories.contains("cur") || subdirectories.contains("new")
        for entry in entries {
            let path = directory + "/" + entry
            if subdirectories.contains(entry) {
                if isMaildir && ["cur", "new", "tmp"].contains(entry) {
                    if entry != "tmp" { addMaildirMessages(in: path) }
                } else if !MailSource.isSymbolicLink(path) {
                    try addDirectory(path, force: force)
                }
            } else if !isMaildir && MailSource.isRegularFile(path) {
                addFile(path, force: force)
            }
        }
    }

    private mutating func addMaildirMessages(in folder: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard MailSource.isRegularFile(path) else { continue }
            files.append(File(path: path, kind: .message, folderLabel: MailSource.folderLabel(path), maildir: MaildirName(fileName: name)))
        }
    }

    /// "malicious" or "spam" from the last directory of that name in `path`.
    public static func folderLabel(_ path: String) -> String? {
        let directories = path.split(separator: "/").dropLast()
        return directories.last(where: { $0 == "malicious" || $0 == "spam" }).map(String.init)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue && !isSymbolicLink(path)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }
}
