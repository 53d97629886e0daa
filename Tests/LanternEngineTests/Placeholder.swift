import XCTest
final class LanternEngineTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
