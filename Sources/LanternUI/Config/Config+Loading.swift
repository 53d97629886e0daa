import Glibc

extension Config {
    /// Returns the config file's path: `$XDG_CONFIG_HOME/lantern/config` when that variable
    /// contains an absolute path (as the XDG Base Directory specification requires), otherwise
    /// `$HOME/.config/lantern/config`; nil when neither variable is usable.
    static func defaultPath(environment: [String: String]) -> String? {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return base + "/lantern/config"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return home + "/.config/lantern/config"
        }
        return nil
    }

    /// Reads and parses the config file: `explicitPath` (`--config`) when given, otherwise
    /// `defaultPath(environment:)`. A missing default file is an empty config without error;
    /// a missing `--config` file is an error, because the analyst named it.
    ///
    /// - Complexity: O(n) in the file's length.
    public static func load(explicitPath: String?, environment: [String: String], screens: [String] = Config.screens)
        -> (config: Config, errors: [ConfigError])
    {
        guard let path = explicitPath ?? defaultPath(environment: environment) else { return (Config(), []) }
        guard access(path, F_OK) == 0 else {
            if explicitPath == nil { return (Config(), []) }
            return (Config(path: path), [ConfigError(.notFound, at: ConfigError.Location(path: path, line: 0))])
        }
        switch readTextFile(path) {
        case .success(let text):
            return parse(text, path: path, screens: screens)
        case .failure(let failure):
            return (Config(path: path), [ConfigError(.unreadable(reason: failure.reason), at: ConfigError.Location(path: path, line: 0))])
        }
    }
}
