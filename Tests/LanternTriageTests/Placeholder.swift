import XCTest
final class LanternTriageTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
