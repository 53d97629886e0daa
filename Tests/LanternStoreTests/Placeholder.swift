import XCTest
final class LanternStoreTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
