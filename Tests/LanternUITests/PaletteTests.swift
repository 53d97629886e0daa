import CLanternShims
import XCTest
@testable import LanternUI

final class PaletteTests: XCTestCase {
    static let terminals: [(colors: Int, pairs: Int)] = [(8, 64), (16, 256), (256, 65536), (256, 32767), (8, 8), (0, 0)]

    func testColoursAndPairsStayInRange() throws {
        for themeName in ["dark", "light", "high-contrast", "colorblind"] {
            let theme = Theme.load(name: themeName, directories: [URLPath.themesDirectory]).theme
            for terminal in PaletteTests.terminals {
                for defaultColors in [true, false] {
                    let palette = Palette(theme: theme, colors: terminal.colors, pairs: terminal.pairs, defaultColors: defaultColors)
                    for definition in palette.definitions {
                        XCTAssertLessThan(Int(definition.pair), terminal.pairs, "\(themeName) \(terminal)")
                        XCTAssertGreaterThan(definition.pair, 0)
                        XCTAssertLessThan(Int(definition.foreground), terminal.colors)
                        XCTAssertLessThan(Int(definition.background), terminal.colors)
                        XCTAssertGreaterThanOrEqual(definition.foreground, defaultColors ? -1 : 0)
                        XCTAssertGreaterThanOrEqual(definition.background, defaultColors ? -1 : 0)
                    }
                }
            }
        }
    }

    func testNoColourSelectionIsReverseAndBold() {
        let palette = Palette(theme: .dark, colors: 0, pairs: 0, defaultColors: false)
        let look = palette.look(for: .selection, marked: false)
        XCTAssertEqual(look.pair, 0)
        XCTAssertEqual(look.attributes & NcursesAttributes.reverse, NcursesAttributes.reverse)
        XCTAssertEqual(look.attributes & NcursesAttributes.bold, NcursesAttributes.bold)
        XCTAssertTrue(palette.definitions.isEmpty)
    }

    func testMarkedCellsUnderlined() {
        let palette = Palette(theme: .dark, colors: 8, pairs: 64, defaultColors: true)
        XCTAssertEqual(palette.look(for: .tileNeutral, marked: true).attributes & NcursesAttributes.underline, NcursesAttributes.underline)
    }

    func testColourMapsDownKeepingHue() {
        XCTAssertEqual(Palette.map(.indexed(196), colors: 8, defaultColors: true, isBackground: false), 1, "red")
        XCTAssertEqual(Palette.map(.indexed(21), colors: 8, defaultColors: true, isBackground: false), 4, "blue")
        XCTAssertEqual(Palette.map(.indexed(12), colors: 8, defaultColors: true, isBackground: false), 4, "bright blue")
        XCTAssertEqual(Palette.map(.indexed(245), colors: 8, defaultColors: true, isBackground: false), 7, "grey")
        XCTAssertEqual(Palette.map(.indexed(196), colors: 256, defaultColors: true, isBackground: false), 196)
        XCTAssertEqual(Palette.map(.terminalDefault, colors: 8, defaultColors: false, isBackground: true), 0)
    }

    func testAttributeShiftMatchesNcurses() {
        // COLOR_PAIR(1) is 1 << NCURSES_ATTR_SHIFT; the attribute constants assume a shift of 8.
        XCTAssertEqual(lantern_color_pair(1), 1 << 8)
    }
}
