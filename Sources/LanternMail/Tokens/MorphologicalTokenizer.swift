import CMeCab
import Foundation

/// Japanese morphological analysis with MeCab and the IPADIC dictionary.
///
/// The wrapper owns one `mecab_t` and destroys it exactly once in `deinit`. MeCab's tagger is
/// not thread-safe, so one tokenizer serves one thread at a time. `MailIngest` uses one thread.
/// The dictionary is looked for where Debian installs it (see `dictionaryCandidates`).
public final class MorphologicalTokenizer {
    private let tagger: OpaquePointer
    /// The dictionary folder in use.
    public let dictionary: String

    /// One morpheme: its surface text, its base (dictionary) form and its part of speech.
    public struct Morpheme: Sendable, Equatable {
        public var surface: String
        public var baseForm: String
        /// The first IPADIC part-of-speech field, such as 名詞 (noun) or 助詞 (particle).
        public var partOfSpeech: String
    }

    /// Folders tried in order: `$LANTERN_MECAB_DICDIR`, the IPADIC folders Debian's
    /// mecab-ipadic-utf8 and mecab-ipadic install, the Debian alternatives link, then the
    /// `dicdir` of /etc/mecabrc, the file MeCab itself reads for its default dictionary.
    public static func dictionaryCandidates() -> [String] {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["LANTERN_MECAB_DICDIR"], !override.isEmpty {
            candidates.append(override)
        }
        candidates += ["/var/lib/mecab/dic/ipadic-utf8", "/var/lib/mecab/dic/debian", "/usr/lib/x86_64-linux-gnu/mecab/dic/ipadic-utf8",
                       "/usr/lib/aarch64-linux-gnu/mecab/dic/ipadic-utf8", "/usr/share/mecab/dic/ipadic", "/usr/lib/mecab/dic/ipadic-utf8"]
        if let configured = mecabrcDicdir(path: "/etc/mecabrc") {
            candidates += [configured, configured + "/ipadic-utf8", configured + "/ipadic"]
        }
        return candidates
    }

    /// Opens MeCab with the first dictionary folder that contains a compiled system dictionary.
    /// - Throws: `MailError.dictionaryNotFound` listing the folders searched, or
    ///   `MailError.tokenizerFailed` with MeCab's message.
    public init() throws(MailError) {
        let candidates = MorphologicalTokenizer.dictionaryCandidates()
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/sys.dic") }) else {
            throw .dictionaryNotFound(searched: candidates)
        }
        // -r /dev/null: no mecabrc is read, so a user's file cannot change the output format.
        guard let created = mecab_new2("-r /dev/null -d \(folder)") else {
            throw .tokenizerFailed(reason: mecab_strerror(nil).map { String(cString: $0) } ?? "unknown error")
        }
        tagger = created
        dictionary = folder
    }

    deinit {
        mecab_destroy(tagger)
    }

    /// Splits Japanese text into morphemes, in order.
    /// - Complexity: O(n) in the text length (MeCab's lattice is linear in practice).
    public func morphemes(_ text: String) -> [Morpheme] {
        var result: [Morpheme] = []
        text.withCString { pointer in
            var node = mecab_sparse_tonode(tagger, pointer)
            while let current = node {
                defer { node = UnsafePointer(current.pointee.next) }
                // Beginning and end of sentence nodes carry no text.
                guard current.pointee.stat != 2, current.pointee.stat != 3, let surfacePointer = current.pointee.surface else { continue }
                let surfaceBytes = UnsafeRawBufferPointer(start: surfacePointer, count: Int(current.pointee.length))
                let surface = String(decoding: surfaceBytes, as: UTF8.self)
                let features = current.pointee.feature.map { String(cString: $0) } ?? ""
                let fields = features.split(separator: ",", omittingEmptySubsequences: false)
                let partOfSpeech = fields.first.map(String.init) ?? ""
                let base = fields.count > 6 && fields[6] != "*" ? String(fields[6]) : surface
                result.append(Morpheme(surface: surface, baseForm: base, partOfSpeech: partOfSpeech))
            }
        }
        return result
    }

    /// Returns the value of the `dicdir = PATH` line of a mecabrc file, or nil.
    static func mecabrcDicdir(path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "dicdir", !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }
}
