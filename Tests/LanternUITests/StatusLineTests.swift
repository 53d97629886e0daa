import LanternTriage
import XCTest

@testable import LanternUI

/// The status line under the tab names: a number is shown whole or not at all, at every width
/// and in both languages.
final class StatusLineTests: XCTestCase {
    func testReviewQueueSizeNeverCutByTabs() {
        for strings in [Strings.en, Strings.ja] {
            for width in [80, 95, 100, 110, 130, 160] {
                let fake = FakeReview()
                fake.state.queueSize = 64_977
                fake.state.alerts = 1_234
                let screens = AppScreens(review: ReviewScreen(review: fake, strings: strings),
                                         subnets: SubnetScreen(timeline: nil, strings: strings))
                let status = screens.render(width: width, height: 30).rowText(0)
                let queue = strings(.statusQueue, ["count": "64977"])
                let queuePrefix = String(queue.prefix(while: { !$0.isNumber }))
                XCTAssertTrue(status.contains(queue) || !status.contains(queuePrefix.trimmingCharacters(in: .whitespaces)),
                              "width \(width): \(status)")
                XCTAssertTrue(status.contains("1 " + strings(.tabReview)), "width \(width): \(status)")
                let alerts = strings(.statusAlerts, ["count": "1234"])
                let alertsWord = String(alerts.prefix(while: { !$0.isNumber })).trimmingCharacters(in: .whitespaces)
                XCTAssertTrue(status.contains(alerts) || !status.contains(alertsWord), "width \(width): \(status)")
            }
        }
    }

    /// The front screen's tab is in brackets, so it is visible without colour too.
    func testFrontTabBracketed() {
        let screens = AppScreens(review: ReviewScreen(review: FakeReview(), strings: .en),
                                 subnets: SubnetScreen(timeline: nil, strings: .en))
        let before = screens.render(width: 120, height: 30).rowText(0)
        XCTAssertTrue(before.hasSuffix("[1 Review] 2 Subnets  3 Mail "), before)
        XCTAssertEqual(screens.handle(.character("2")), .redraw)
        let after = screens.render(width: 120, height: 30).rowText(0)
        XCTAssertTrue(after.hasSuffix(" 1 Review [2 Subnets] 3 Mail "), after)
    }
}
