import XCTest
@testable import LanternTriage

/// The English reason line of an early-warning flag, written for the store and read back.
final class FlagReasonTests: XCTestCase {
    private func flag(probability: Double, visitShare: Double) -> EarlyWarning.Flag {
        EarlyWarning.Flag(subnet: 0, day: 5, from: 1, to: 4, probability: probability, visitShare: visitShare)
    }

    func testTextOfEachCondition() {
        let settings = EarlyWarningSettings()
        XCTAssertEqual(FlagReason(flag(probability: 0.00063, visitShare: 0.5), settings: settings).text, "rare transition (P = 0.063%)")
        XCTAssertEqual(FlagReason(flag(probability: 0.5, visitShare: 0.005), settings: settings).text, "prototype visited by 0.5% of subnets")
        XCTAssertEqual(FlagReason(flag(probability: 1.5e-7, visitShare: 0.005), settings: settings).text,
                       "rare transition (P = 1.5e-05%); prototype visited by 0.5% of subnets")
    }

    func testTextReadsBack() {
        let settings = EarlyWarningSettings()
        for (probability, visitShare) in [(0.00063, 0.5), (0.5, 0.005), (1.5e-7, 0.005), (0.0199, 0.0099)] {
            let reason = FlagReason(flag(probability: probability, visitShare: visitShare), settings: settings)
            XCTAssertEqual(FlagReason(text: reason.text), reason, reason.text)
        }
        XCTAssertEqual(SubnetAssignment.reason(flag(probability: 0.00063, visitShare: 0.5), settings: settings),
                       "rare transition (P = 0.063%)", "the stored line is the one FlagReason writes")
    }

    func testOtherLinesAreNotRead() {
        for text in ["", "manual flag", "rare transition (P = %)", "rare transition (P = 1%); manual", "rare transition (P = 1%); rare transition (P = 2%)"] {
            XCTAssertNil(FlagReason(text: text), text)
        }
    }
}
