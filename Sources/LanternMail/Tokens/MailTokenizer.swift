import Foundation

/// Bag-of-words tokens of a message: Japanese through MeCab, other scripts by word boundaries.
///
/// Text is first normalised with NFKC (full-width Latin becomes ASCII, half-width katakana
/// becomes full-width) and lower-cased. Runs of Japanese script (hiragana, katakana, kanji and
/// the prolonged sound mark) go to MeCab, which keeps content words (nouns, verbs, adjectives,
/// adverbs, adnominals, interjections) in their base form and drops particles, auxiliaries and
/// symbols. Other text is split into words of letters, marks and digits, keeping an apostrophe
/// between letters and a point or comma between digits. This approximates Unicode word
/// boundaries (UAX #29) for space-separated scripts.
///
/// NOTE: Thai, Lao, Khmer and Chinese runs without spaces become one token per run. A
/// dictionary segmenter for them would be needed before such spam is common in the stream.
public final class MailTokenizer {
    private let morphological: MorphologicalTokenizer?
    /// Characters of text read per message. Longer text is cut, because tokens past the first
    /// few hundred kilobytes add time but little to a bag of words.
    public var maxCharacters = 200_000

    /// Prefix of registered-domain tokens, which no word token can carry (words hold no ":").
    public static let domainPrefix = "domain:"
    /// Prefix of attachment media-type tokens.
    public static let attachmentPrefix = "attachment:"

    /// Creates a tokenizer; without a MeCab dictionary, Japanese runs fall back to one token
    /// per run and `japaneseAvailable` is false.
    public init(morphological: MorphologicalTokenizer?) {
        self.morphological = morphological
    }

    /// Whether Japanese text is split into words.
    public var japaneseAvailable: Bool { morphological != nil }

    private static let contentPartsOfSpeech: Set<String> = ["名詞", "動詞", "形容詞", "副詞", "連体詞", "感動詞"]

    /// Word tokens of `text`, in order, with repeats.
    /// - Complexity: O(n) in the text length, cut at `maxCharacters`.
    public func tokens(_ text: String) -> [String] {
        let normalised = String(text.unicodeScalars.prefix(maxCharacters)).precomposedStringWithCompatibilityMapping.lowercased()
        var tokens: [String] = []
        var run = String.UnicodeScalarView()
        var runIsJapanese = false

        func flush() {
            guard !run.isEmpty else { return }
            let text = String(run)
            if runIsJapanese {
                tokens += japaneseTokens(text)
            } else {
                tokens += MailTokenizer.words(text)
            }
            run.removeAll()
        }

        for scalar in normalised.unicodeScalars {
            let japanese = MailTokenizer.isJapanese(scalar)
            if japanese != runIsJapanese {
                flush()
                runIsJapanese = japanese
            }
            run.append(scalar)
        }
        flush()
        return tokens
    }

    /// Term counts of `text` plus one token per registered domain and attachment type.
    public func termCounts(text: String, domains: [String], attachmentTypes: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in tokens(text) { counts[token, default: 0] += 1 }
        for domain in domains { counts[MailTokenizer.domainPrefix + domain, default: 0] += 1 }
        for type in attachmentTypes { counts[MailTokenizer.attachmentPrefix + type, default: 0] += 1 }
        return counts
    }

    private func japaneseTokens(_ text: String) -> [String] {
        guard let morphological else { return [text] }
        return morphological.morphemes(text).compactMap { morpheme in
            MailTokenizer.contentPartsOfSpeech.contains(morpheme.partOfSpeech) ? morpheme.baseForm : nil
        }
    }

    /// Hiragana, katakana (with half-width forms and the prolonged sound mark), CJK ideographs
    /// and the iteration mark 々.
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0x20000...0x2FA1F, 0x3005:
            return true
        default:
            return false
        }
    }

    /// Words of a non-Japanese run: letters, marks and digits, joined across an apostrophe
    /// between letters or a point or comma between digits. Single ASCII characters and words
    /// over 40 characters (encoded junk) are dropped.
    static func words(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        var current = String.UnicodeScalarView()

        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark || scalar == "_"
        }
        func finish() {
            let count = current.count
            if count > 1 || (count == 1 && !(current.first?.isASCII ?? true)), count <= 40 {
                words.append(String(current))
            }
            current.removeAll()
        }

        for (index, scalar) in scalars.enumerated() {
            if isWordScalar(scalar) {
                current.append(scalar)
                continue
            }
            if let previous = current.last, index + 1 < scalars.count {
                let next = scalars[index + 1]
                let joinsLetters = (scalar == "'" || scalar == "\u{2019}") && previous.properties.isAlphabetic && next.properties.isAlphabetic
                let joinsDigits = (scalar == "." || scalar == ",") && previous.properties.numericType != nil && next.properties.numericType != nil
                if joinsLetters || joinsDigits {
                    current.append(scalar)
                    continue
                }
            }
            finish()
        }
        finish()
        return words
    }
}
