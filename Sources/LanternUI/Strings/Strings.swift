import LanternTriage

/// The user-facing text of the terminal UI in one language.
///
/// Every message the UI shows comes from a catalogue keyed by `StringKey`; UI code contains no
/// user-facing literals. Values may contain named placeholders such as `{host}`, filled by
/// `callAsFunction(_:_:)`. A test checks that both catalogues define every key with the same
/// placeholders.
public struct Strings: Sendable {
    public let language: Language
    let table: [StringKey: String]
    /// The messages of the `lantern` command line, kept apart from the screens' keys so that the
    /// screen tests compare a screen against screen text only.
    let messageTable: [MessageKey: String]

    /// A supported language, named by its ISO 639-1 code.
    public enum Language: String, CaseIterable, Sendable {
        case en
        case ja
    }

    public static let en = Strings(language: .en, table: englishTable, messageTable: englishMessages)
    public static let ja = Strings(language: .ja, table: japaneseTable, messageTable: japaneseMessages)

    /// Returns the catalogue of `language`.
    public static func catalogue(for language: Language) -> Strings {
        language == .ja ? ja : en
    }

    /// Returns the text for `key` with each `{name}` replaced by `arguments[name]`.
    /// A missing key shows its raw value, so a gap is visible without crashing.
    public func callAsFunction(_ key: StringKey, _ arguments: [String: String] = [:]) -> String {
        var text = table[key] ?? key.rawValue
        for (name, value) in arguments {
            text = text.replacingAll("{" + name + "}", with: value)
        }
        return text
    }

    /// Returns the command-line message for `key` with each `{name}` replaced by
    /// `arguments[name]` in one pass, so a value that contains braces (a file name) is never
    /// read as a placeholder. A missing key shows its raw value.
    public func callAsFunction(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:]) -> String {
        let template = messageTable[key] ?? key.rawValue
        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            output += rest[..<open]
            if let value = arguments[name] {
                output += value.description
            } else {
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// Returns the placeholder names in the value for `key`, for the completeness test.
    func placeholders(in key: StringKey) -> Set<String> {
        Self.placeholderNames(in: table[key] ?? "")
    }

    /// Returns the placeholder names in the command-line message for `key`.
    func placeholders(in key: MessageKey) -> Set<String> {
        Self.placeholderNames(in: messageTable[key] ?? "")
    }

    private static func placeholderNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.insert(name)
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    // MARK: - Choosing the language

    /// Chooses the language: `explicit` (the `--lang` value) when given, otherwise the first
    /// non-empty of LC_ALL, LC_MESSAGES and LANG, as POSIX orders them. A locale name starting
    /// with "ja" selects Japanese; anything else, or nothing, selects English.
    ///
    /// - Throws: `UIError.unknownLanguage` when `explicit` is neither "en" nor "ja".
    public static func select(explicit: String?, environment: [String: String]) throws -> Strings {
        if let explicit {
            guard let language = Language(rawValue: explicit.lowercased()) else {
                throw UIError.unknownLanguage(explicit)
            }
            return catalogue(for: language)
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? ja : en
            }
        }
        return en
    }
}

extension String {
    /// Returns a copy with every `target` replaced by `replacement`, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var output = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            output += rest[..<range.lowerBound]
            output += replacement
            rest = rest[range.upperBound...]
        }
        output += rest
        return output
    }
}

extension Strings {
    /// The words of a prototype description in this language, for the Subnets screen and the
    /// prototype list that `lantern cluster` prints.
    public var prototypeVocabulary: PrototypeDescription.Vocabulary {
        PrototypeDescription.Vocabulary(
            spread: [self(.spreadOne), self(.spreadFew), self(.spreadMany)],
            portCount: [self(.portsOne), self(.portsFew), self(.portsMany)],
            mixed: self(.mixedTraffic), separator: " · ")
    }
}
