import XCTest
final class LanternDarknetTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
