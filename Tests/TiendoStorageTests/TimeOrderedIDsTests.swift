import Foundation
import XCTest

@testable import TiendoStorage

/// Ids for rows written in bulk: version 7 UUIDs that sort in the order they were made.
final class TimeOrderedIDsTests: XCTestCase {
    func testIdsMadeLaterSortLaterAsTextAndCarryVersionSevenAndTheRFCVariant() {
        var ids = TimeOrderedIDs()
        let start = Date(timeIntervalSince1970: 1_775_000_000)
        // Two milliseconds apart, half a millisecond in: no rounding puts two in the same millisecond.
        let made = (0..<2_000).map { ids.next(at: start.addingTimeInterval(Double($0) * 0.002 + 0.0005)) }

        XCTAssertEqual(made.map(\.uuidString), made.map(\.uuidString).sorted())
        XCTAssertEqual(Set(made).count, made.count)
        for id in made {
            let text = id.uuidString
            XCTAssertEqual(text[text.index(text.startIndex, offsetBy: 14)], "7", text)
            XCTAssertTrue("89AB".contains(text[text.index(text.startIndex, offsetBy: 19)]), text)
        }
        // The first 48 bits are the milliseconds since 1970.
        let prefix = made[0].uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
        XCTAssertEqual(UInt64(prefix, radix: 16), 1_775_000_000_000)
    }

    func testIdsMadeInTheSameMillisecondDiffer() {
        var ids = TimeOrderedIDs()
        let now = Date(timeIntervalSince1970: 1_775_000_000)
        XCTAssertEqual(Set((0..<10_000).map { _ in ids.next(at: now) }).count, 10_000)
    }
}
