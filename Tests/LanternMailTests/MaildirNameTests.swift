import LanternMail
import XCTest

final class MaildirNameTests: XCTestCase {
    func testFlagsFromBaseNameOnly() {
        XCTAssertEqual(MaildirName(fileName: "/snap:2023-11-14/cur/1.M1.mx:2,SF").flags, "FS")
        XCTAssertEqual(MaildirName(fileName: "/snap:2023-11-14/new/1.M1.mx").flags, "")
        XCTAssertNil(MaildirName(fileName: "/snap:2023-11-14/new/1.M1.mx").warning)
    }

    func testUnusualInfoPartWarns() {
        let odd = MaildirName(fileName: "1.M3.mx:2:2,RS")
        XCTAssertEqual(odd.flags, "RS")
        XCTAssertEqual(odd.warning, "unusual Maildir info part ':2:2,RS'; read flags 'RS' from its last section")
        let unreadable = MaildirName(fileName: "1.M3.mx:garbage")
        XCTAssertEqual(unreadable.flags, "")
        XCTAssertEqual(unreadable.warning, "unusual Maildir info part ':garbage'; no flags read")
    }
}
