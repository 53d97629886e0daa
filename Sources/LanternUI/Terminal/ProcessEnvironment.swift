import Glibc

/// The environment and process-wide settings the UI reads, in one place with stated fallbacks.
enum ProcessEnvironment {
    /// Returns the value of `name`, or nil when unset. Empty values are returned as they are.
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }

    /// Returns the variables that choose language, colour, themes, the config file and the log
    /// directory.
    static func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "TERM", "NO_COLOR", "LANTERN_THEME_DIR", "TMPDIR", "XDG_CONFIG_HOME", "HOME"] {
            if let value = value(name) { result[name] = value }
        }
        return result
    }

    /// True when NO_COLOR is set to a non-empty value, as no-color.org defines it.
    static func colorDisabled(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Path of the running executable (from /proc/self/exe), or nil.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The process locale, set once before anything is drawn.
///
/// The UI needs a UTF-8 character type for ncursesw and `wcwidth`. `LC_ALL=""` takes the user's
/// settings. Their codeset may not be UTF-8, for example with `LANG=ja_JP.UTF-8` on a system
/// where that locale was never generated, which leaves "C". Then only `LC_CTYPE` falls back
/// to "C.UTF-8", so Japanese text still draws. The locale is never changed afterwards, because
/// other threads may be formatting or drawing.
enum ProcessLocale {
    /// Whether the character type is UTF-8 after set-up. The first access sets the locale.
    static let isUTF8: Bool = {
        setlocale(LC_ALL, "")
        if codeset() == "UTF-8" { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return codeset() == "UTF-8"
    }()

    static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }
}
