import Glibc

extension Theme {
    /// Loads `<name>.theme` from the first of `directories` that has it, or the file at `name`
    /// when it contains a "/". Any failure returns the built-in dark theme with the error, so
    /// the screen can show the error while it runs with the default.
    ///
    /// - Complexity: O(n) in the file's length.
    public static func load(name: String, directories: [String]) -> (theme: Theme, error: ThemeError?) {
        if name == "dark" && directories.isEmpty {
            return (.dark, nil)
        }
        let candidates = name.contains("/") ? [name] : directories.map { $0 + "/" + name + ".theme" }
        guard let path = candidates.first(where: { access($0, F_OK) == 0 }) else {
            if name == "dark" { return (.dark, nil) }
            let error = ThemeError(kind: .notFound, path: directories.joined(separator: ", "), line: 0, value: name)
            return (.dark, error)
        }
        let text: String
        switch readTextFile(path) {
        case .success(let contents): text = contents
        case .failure(let failure):
            return (.dark, ThemeError(kind: .unreadable, path: path, line: 0, value: failure.reason))
        }
        switch parse(text, path: path, name: name) {
        case .success(let theme): return (theme, nil)
        case .failure(let error): return (.dark, error)
        }
    }

    /// Theme directories in search order: `$LANTERN_THEME_DIR`, then `Themes` in the working
    /// directory, then `share/lantern/themes` next to the executable's `bin` directory.
    static func defaultDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var directories: [String] = []
        if let directory = environment["LANTERN_THEME_DIR"], !directory.isEmpty {
            directories.append(directory)
        }
        directories.append("Themes")
        if let executablePath, let slash = executablePath.lastIndex(of: "/") {
            directories.append(String(executablePath[..<slash]) + "/../share/lantern/themes")
        }
        return directories
    }
}

/// A file that could not be read, with the system's reason (`strerror`).
struct FileReadError: Error, Equatable {
    var reason: String
}

/// Reads a whole file as UTF-8; invalid bytes become U+FFFD.
func readTextFile(_ path: String) -> Result<String, FileReadError> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(FileReadError(reason: String(cString: strerror(errno)))) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16384)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            return .failure(FileReadError(reason: String(cString: strerror(errno))))
        }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return .success(String(decoding: bytes, as: UTF8.self))
}
