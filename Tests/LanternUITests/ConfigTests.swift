import XCTest
@testable import LanternUI

final class ConfigTests: XCTestCase {
    private let path = "/home/analyst/.config/lantern/config"

    private func location(_ line: Int) -> ConfigError.Location {
        ConfigError.Location(path: path, line: line)
    }

    func testParsesEverySetting() {
        let text = """
        # Lantern settings
        theme = colorblind
          lang = JA
        mouse = off
        key review.label-backscatter = x B
        key subnets.first-day = home g
        """
        let (config, errors) = Config.parse(text, path: path)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(config.theme, "colorblind")
        XCTAssertEqual(config.language, "ja")
        XCTAssertEqual(config.mouse, false)
        XCTAssertEqual(config.rebindings, [
            KeyRebinding(screen: "review", action: "label-backscatter", keys: [.character("x"), .character("B")], line: 5),
            KeyRebinding(screen: "subnets", action: "first-day", keys: [.home, .character("g")], line: 6),
        ])
    }

    func testEmptyTextIsDefaultConfig() {
        for text in ["", "\n\n", "# only a comment", "   \t  "] {
            let (config, errors) = Config.parse(text, path: path)
            XCTAssertEqual(config, Config(path: path), text)
            XCTAssertEqual(errors, [], text)
        }
    }

    func testKeyNamesAndSymbols() {
        let (config, errors) = Config.parse("key review.skip = # = space PageUp page-down Enter ｘ", path: path)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(config.rebindings.first?.keys, [
            .character("#"), .character("="), .character(" "), .pageUp, .pageDown, .enter, .character("x"),
        ])
    }

    func testBadLinesSkippedRestApplies() {
        let text = """
        them = dark
        lang = fr
        mouse = maybe
        key reviw.skip = s
        key review.skip = Tab
        key review.undo = 3
        key review.quit =
        key review = x
        key review.top = F1
        just words
        theme =
        theme = light
        key review.skip = S
        """
        let (config, errors) = Config.parse(text, path: path)
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.rebindings, [KeyRebinding(screen: "review", action: "skip", keys: [.character("S")], line: 13)])
        XCTAssertEqual(errors, [
            ConfigError(.unknownSetting(name: "them", nearest: "theme"), at: location(1)),
            ConfigError(.invalidLanguage(value: "fr"), at: location(2)),
            ConfigError(.invalidMouse(value: "maybe"), at: location(3)),
            ConfigError(.unknownScreen(screen: "reviw", screens: ["review", "subnets", "mail"], nearest: "review"), at: location(4)),
            ConfigError(.reservedKey(key: "Tab"), at: location(5)),
            ConfigError(.reservedKey(key: "3"), at: location(6)),
            ConfigError(.missingKeys(target: "review.quit"), at: location(7)),
            ConfigError(.invalidTarget(target: "review"), at: location(8)),
            ConfigError(.unknownKey(key: "F1"), at: location(9)),
            ConfigError(.syntax(line: "just words"), at: location(10)),
            ConfigError(.missingValue(setting: "theme"), at: location(11)),
        ])
    }

    func testControlCharacterKeyRejected() {
        let (config, errors) = Config.parse("key review.skip = \u{7}", path: path)
        XCTAssertEqual(config.rebindings, [])
        XCTAssertEqual(errors, [ConfigError(.unknownKey(key: "\u{7}"), at: location(1))])
    }

    func testEscapeCannotBeBound() {
        let (_, errors) = Config.parse("key subnets.quit = Escape", path: path)
        XCTAssertEqual(errors, [ConfigError(.reservedKey(key: "Escape"), at: location(1))])
    }

    func testMessagesNameLineAndNextStep() {
        XCTAssertEqual(ConfigError(.unknownSetting(name: "them", nearest: "theme"), at: location(1)).message(.en),
                       "/home/analyst/.config/lantern/config:1: unknown setting 'them'; the line is skipped. Settings: theme, lang, mouse, key. Did you mean 'theme'?")
        XCTAssertEqual(ConfigError(.unknownKey(key: "Esc"), at: location(2)).message(.en),
                       "/home/analyst/.config/lantern/config:2: unknown key 'Esc'; the line is skipped. Use one character or a key name: "
                       + "up, down, left, right, page-up, page-down, home, end, enter, backspace, space.",
                       "names that cannot be bound (tab, escape) are not offered")
        XCTAssertEqual(ConfigError(.reservedKey(key: "Tab"), at: location(5)).message(.en),
                       "/home/analyst/.config/lantern/config:5: 'Tab' cannot be bound: Tab and the digits switch screens and Esc closes overlays. The line is skipped.")
        XCTAssertEqual(ConfigError(.conflict(screen: "review", action: "skip", key: "n", other: "label-not-backscatter"), at: location(3)).message(.en),
                       "/home/analyst/.config/lantern/config:3: key 'n' is already bound to review.label-not-backscatter, so review.skip keeps its default keys. Bind review.label-not-backscatter to another key in the same file to swap them.")
        XCTAssertEqual(ConfigError(.notFound, at: location(0)).message(.en),
                       "/home/analyst/.config/lantern/config: config file not found; running with the default settings. Check the path given to --config.")
        XCTAssertEqual(ConfigError(.invalidLanguage(value: "fr"), at: location(2)).message(.ja),
                       "/home/analyst/.config/lantern/config:2: 不明な言語 'fr' です。この行は無視します。lang = en または lang = ja を指定してください。")
    }

    func testHostileValueEscapedInMessage() {
        let message = ConfigError(.syntax(line: "x\u{1B}[2Jy"), at: location(1)).message(.en)
        XCTAssertFalse(message.contains("\u{1B}"))
        XCTAssertTrue(message.contains("x^[[2Jy"), message)
    }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(Config.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"]), "/cfg/lantern/config")
        XCTAssertEqual(Config.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/a"]), "/home/a/.config/lantern/config")
        XCTAssertEqual(Config.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/a"]), "/home/a/.config/lantern/config")
        XCTAssertNil(Config.defaultPath(environment: [:]))
    }

    func testMissingDefaultFileIsFine() {
        let (config, errors) = Config.load(explicitPath: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent-\(getpid())"])
        XCTAssertEqual(config, Config())
        XCTAssertEqual(errors, [])
    }

    func testMissingExplicitFileReported() {
        let missing = "/nonexistent-\(getpid())/config"
        let (config, errors) = Config.load(explicitPath: missing, environment: [:])
        XCTAssertEqual(config, Config(path: missing))
        XCTAssertEqual(errors, [ConfigError(.notFound, at: ConfigError.Location(path: missing, line: 0))])
    }

    func testLoadReadsFile() {
        let file = NSTemporaryPath.make("lantern.config", contents: "theme = light\nkey review.skip = S\n")
        let (config, errors) = Config.load(explicitPath: file, environment: [:])
        XCTAssertEqual(errors, [])
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.path, file)
    }

    func testNearestNameNeedsCloseMatch() {
        XCTAssertEqual(Config.nearest("labl-backscatter", in: ReviewAction.allCases.map(\.configName)), "label-backscatter")
        XCTAssertNil(Config.nearest("zz", in: ["theme", "lang"]))
    }
}
