import XCTest
@testable import LanternUI

final class ThemeTests: XCTestCase {
    func testShippedThemesParse() throws {
        for name in ["dark", "light", "high-contrast", "colorblind"] {
            let loaded = Theme.load(name: name, directories: [URLPath.themesDirectory])
            XCTAssertNil(loaded.error, "\(name): \(loaded.error.map { $0.message(.en) } ?? "")")
            XCTAssertEqual(loaded.theme.name, name)
        }
    }

    func testDarkFileEqualsBuiltIn() {
        let loaded = Theme.load(name: "dark", directories: [URLPath.themesDirectory])
        XCTAssertEqual(loaded.theme.styles, Theme.dark.styles)
        XCTAssertEqual(Set(Theme.dark.styles.keys), Set(ColorRole.allCases), "the default names every role")
    }

    func testParsesColoursAndAttributes() throws {
        let theme = try Theme.parse("status = bright-white 24 bold,underline # comment\nnormal = default black", path: "t", name: "t").get()
        XCTAssertEqual(theme[.status], RoleStyle(foreground: .indexed(15), background: .indexed(24), attributes: [.bold, .underline]))
        XCTAssertEqual(theme[.normal], RoleStyle(foreground: .terminalDefault, background: .indexed(0)))
        XCTAssertEqual(theme[.selection], Theme.dark[.selection], "unnamed roles keep the default")
    }

    func testBadLinesReportFileAndLine() {
        let cases: [(String, ThemeError.Kind, Int, String)] = [
            ("# ok\nstatus white blue", .syntax, 2, "status white blue"),
            ("\n\nstatus = white", .syntax, 3, "status = white"),
            ("stauts = white blue", .unknownRole, 1, "stauts"),
            ("normal = default default\nstatus = whte blue", .unknownColor, 2, "whte"),
            ("status = white 256", .unknownColor, 1, "256"),
            ("status = white blue bold,blink", .unknownAttribute, 1, "bold,blink"),
        ]
        for (text, kind, line, value) in cases {
            switch Theme.parse(text, path: "Themes/bad.theme", name: "bad") {
            case .success: XCTFail("accepted: \(text)")
            case .failure(let error):
                XCTAssertEqual(error, ThemeError(kind: kind, path: "Themes/bad.theme", line: line, value: value))
            }
        }
    }

    func testErrorMessageNamesLineAndFallback() {
        let error = ThemeError(kind: .unknownColor, path: "Themes/bad.theme", line: 2, value: "whte")
        XCTAssertEqual(error.message(.en),
                       "Themes/bad.theme:2: unknown colour 'whte'. Use default, a colour name (black, red, green, yellow, blue, magenta, cyan, white), bright-<name> or a number 0-255. Using the built-in dark theme.")
        XCTAssertTrue(error.message(.ja).hasPrefix("Themes/bad.theme:2: 不明な色 'whte'"))
    }

    func testBadFileFallsBackToDefault() throws {
        let path = NSTemporaryPath.make("broken.theme", contents: "normal = default default\nselection = pink black\n")
        let loaded = Theme.load(name: path, directories: [])
        XCTAssertEqual(loaded.theme, Theme.dark)
        XCTAssertEqual(loaded.error, ThemeError(kind: .unknownColor, path: path, line: 2, value: "pink"))
    }

    func testMissingThemeNamed() {
        let loaded = Theme.load(name: "solarized", directories: ["/nonexistent"])
        XCTAssertEqual(loaded.theme, Theme.dark)
        XCTAssertEqual(loaded.error?.kind, .notFound)
        XCTAssertEqual(loaded.error?.message(.en), "Theme 'solarized' not found in /nonexistent. Using the built-in dark theme.")
    }
}

/// Writes a file under the system temporary directory for a test.
enum NSTemporaryPath {
    static func make(_ name: String, contents: String) -> String {
        let path = "/tmp/lantern-ui-test-\(getpid())-\(name)"
        let file = fopen(path, "w")
        fputs(contents, file)
        fclose(file)
        return path
    }
}
