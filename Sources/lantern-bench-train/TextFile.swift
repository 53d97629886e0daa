import Glibc

/// Whole-file text reading and writing through the C library, so that this program does not
/// load Foundation. Its start-up counts in the timed runs, and loading Foundation's libraries
/// cost about 4 ms of CPU time on the build machine, a sixth of LIBLINEAR's run on the stream.
enum TextFile {
    /// Returns the contents of the file at `path`, decoded as UTF-8.
    /// - Throws: `BenchError` naming the path when it cannot be opened or read.
    static func read(_ path: String) throws -> String {
        guard let file = fopen(path, "rb") else { throw BenchError("\(path): open failed: \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[0..<count]
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { throw BenchError("\(path): read failed: \(String(cString: strerror(errno)))") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` as UTF-8 to the file at `path`, replacing it.
    /// - Throws: `BenchError` naming the path when it cannot be created or written.
    static func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "wb") else { throw BenchError("\(path): create failed: \(String(cString: strerror(errno)))") }
        let written = fputs(text, file) >= 0
        let closed = fclose(file) == 0
        guard written, closed else { throw BenchError("\(path): write failed: \(String(cString: strerror(errno)))") }
    }
}
