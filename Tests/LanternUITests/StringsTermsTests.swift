import XCTest
import LanternDarknet
@testable import LanternUI

final class StringsTermsTests: XCTestCase {
    func testEveryFeatureNameHasJapaneseTerm() {
        for name in WindowFeatures.allNames {
            let japanese = Strings.ja.term(name)
            XCTAssertFalse(japanese.contains { $0.isLetter && $0.isASCII && !"SYNACKRSTICMPDTUP".contains($0) },
                           "feature '\(name)' is drawn as '\(japanese)' on a Japanese screen")
        }
    }

    func testQueueReasonsAreTranslated() {
        for reason in ["unlike any label", "near boundary", "model and packet types disagree", "undone"] {
            XCTAssertNotEqual(Strings.ja.term(reason), reason)
            XCTAssertEqual(Strings.en.term(reason), reason)
        }
    }

    func testBlockLabelAndUnknownTerm() {
        XCTAssertEqual(Strings.ja.term("/20 #7"), "/20 第7区画")
        XCTAssertEqual(Strings.ja.term("no such term"), "no such term")
    }
}
