import XCTest
@testable import LanternUI

/// Every theme in `Themes/` keeps the heatmap's prototypes apart.
///
/// A heatmap cell shows a prototype as a glyph in the prototype's colour (`SubnetScreen.cellLook`).
/// Two prototypes are *distinguishable* in a colour mode when their looks differ:
///
/// 1. Full cells, in 256-colour, 8-colour and colourless (NO_COLOR) modes, for every prototype
///    count `lantern cluster --k` accepts (2–64, default 15): the pairs (colour in force, glyph)
///    are pairwise distinct. Prototypes share a colour (the eight roles cycle) only with
///    different glyphs, and share a glyph only with different colours. In fact every glyph
///    is unique, so colour is never the only cue on a full cell.
/// 2. Thin-day (`·`) and flagged (`!`) cells show every prototype with the same glyph, so only
///    the colour separates the eight roles. In 256-colour mode any two roles must differ by
///    CIEDE2000 ≥ 8 (well above the about 1–2 of a just-noticeable difference between
///    patches, because heatmap cells are single characters). The colour-blind theme must keep
///    ≥ 10 also after simulated protanopia and deuteranopia. In 8-colour mode, where several
///    roles map to one basic colour, any two roles must differ in basic colour or in bold and
///    underline.
final class HeatmapPaletteTests: XCTestCase {
    private enum Mode: CaseIterable {
        case colors256, colors8, noColor

        var colors: Int {
            switch self {
            case .colors256: return 256
            case .colors8: return 8
            case .noColor: return 0
            }
        }
    }

    /// A prototype role's look in one mode: foreground colour number (nil without colour) and
    /// the bold and underline bits.
    private struct Look: Hashable {
        var color: Int?
        var boldOrUnderline: UInt32
    }

    private func themes() throws -> [Theme] {
        let names = try FileManager.default.contentsOfDirectory(atPath: URLPath.themesDirectory)
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.sorted()
        XCTAssertTrue(names.contains("colorblind"), "\(names)")
        return names.map { name in
            let loaded = Theme.load(name: name, directories: [URLPath.themesDirectory])
            XCTAssertNil(loaded.error, name)
            return loaded.theme
        }
    }

    private func look(of role: ColorRole, in palette: Palette) -> Look {
        let look = palette.look(for: role, marked: false)
        let color = palette.definitions.first { $0.pair == look.pair }.map { Int($0.foreground) }
        return Look(color: color, boldOrUnderline: look.attributes & (NcursesAttributes.bold | NcursesAttributes.underline))
    }

    private func palette(_ theme: Theme, _ mode: Mode) -> Palette {
        Palette(theme: theme, colors: mode.colors, pairs: mode == .noColor ? 0 : 256, defaultColors: true)
    }

    func testFullCellsDistinctInEveryMode() throws {
        for theme in try themes() {
            for mode in Mode.allCases {
                let palette = palette(theme, mode)
                for count in [2, 8, 9, 15, 16, 62, 64] {
                    var seen: [String: Int] = [:]
                    var seenGlyphs: Set<String> = []
                    for prototype in 0..<count {
                        let (glyph, role) = SubnetScreen(timeline: nil, strings: .en).cellLook(UInt8(prototype))
                        let key = "\(look(of: role, in: palette).color ?? -1) \(glyph)"
                        XCTAssertNil(seen[key], "\(theme.name) \(mode) K=\(count): P\(prototype) looks like P\(seen[key] ?? -1)")
                        seen[key] = prototype
                        XCTAssertTrue(seenGlyphs.insert(glyph).inserted, "\(theme.name) K=\(count): glyph \(glyph) repeats")
                    }
                }
            }
        }
    }

    func testColorOnlyCellsDistinctIn256Colors() throws {
        for theme in try themes() {
            let roles = SubnetScreen.prototypeRoles
            let colors = roles.map { look(of: $0, in: palette(theme, .colors256)).color }
            for first in roles.indices {
                for second in roles.indices where second > first {
                    guard let a = colors[first], let b = colors[second] else {
                        XCTFail("\(theme.name): \(roles[first]) or \(roles[second]) has no colour")
                        continue
                    }
                    let (rgbA, rgbB) = (ColorDifference.rgb(ofPaletteIndex: a), ColorDifference.rgb(ofPaletteIndex: b))
                    let distance = ColorDifference.ciede2000(rgbA, rgbB)
                    XCTAssertGreaterThanOrEqual(distance, 8, "\(theme.name): \(roles[first]) (\(a)) vs \(roles[second]) (\(b))")
                    guard theme.name == "colorblind" else { continue }
                    XCTAssertGreaterThanOrEqual(distance, 10, "\(roles[first]) vs \(roles[second])")
                    for deficiency in ColorDifference.Deficiency.allCases {
                        let simulated = ColorDifference.ciede2000(ColorDifference.simulate(rgbA, deficiency),
                                                                  ColorDifference.simulate(rgbB, deficiency))
                        XCTAssertGreaterThanOrEqual(simulated, 10, "\(deficiency): \(roles[first]) (\(a)) vs \(roles[second]) (\(b))")
                    }
                }
            }
        }
    }

    func testColorOnlyCellsDistinctIn8Colors() throws {
        for theme in try themes() {
            let palette = palette(theme, .colors8)
            var seen: [Look: ColorRole] = [:]
            for role in SubnetScreen.prototypeRoles {
                let look = look(of: role, in: palette)
                XCTAssertNotNil(look.color, "\(theme.name) \(role)")
                XCTAssertLessThan(look.color ?? 0, 8, "\(theme.name) \(role)")
                XCTAssertNil(seen[look], "\(theme.name): \(role) looks like \(seen[look].map { "\($0)" } ?? "")")
                seen[look] = role
            }
        }
    }

    func testNoColorDrawsPrototypesWithoutPairs() throws {
        for theme in try themes() {
            let palette = palette(theme, .noColor)
            XCTAssertEqual(palette.definitions, [], theme.name)
            for role in SubnetScreen.prototypeRoles {
                XCTAssertEqual(palette.look(for: role, marked: false).pair, 0, "\(theme.name) \(role)")
            }
        }
    }

    func testColorDifferenceKnownValues() {
        // Pair 1 of Sharma, Wu and Dalal's CIEDE2000 test data is given in Lab, so check the
        // formula on sRGB values instead: identical colours and black against white.
        XCTAssertEqual(ColorDifference.ciede2000((10, 20, 30), (10, 20, 30)), 0, accuracy: 1e-9)
        XCTAssertEqual(ColorDifference.ciede2000((0, 0, 0), (255, 255, 255)), 100, accuracy: 0.1)
        let white = ColorDifference.simulate((255, 255, 255), .deuteranopia)
        XCTAssertEqual(white.red, 255, accuracy: 1)
        XCTAssertEqual(white.green, 255, accuracy: 1)
        XCTAssertEqual(white.blue, 255, accuracy: 1)
        let red = ColorDifference.simulate((255, 0, 0), .protanopia)
        XCTAssertLessThan(ColorDifference.ciede2000(red, ColorDifference.simulate((0, 160, 0), .protanopia)),
                          ColorDifference.ciede2000((255, 0, 0), (0, 160, 0)), "red and green move closer for a protanope")
    }
}
