import Foundation
import TiendoChecker
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The report check costs CPU-seconds per MB: a large file, an endless text and a burst of checks
/// from one account are refused in Vietnamese before any parsing.
final class CheckLimitsTests: XCTestCase {
    func testAFileOverFiveMegabytesIsRefusedNamingTheLimit() async throws {
        try await WebTestApp.withDemo { web in
            let reader = try await web.login("phongdinh")
            let large = Data(repeating: UInt8(ascii: "a"), count: 6_200_000)

            let response = try await web.upload("/kiem-tra-so-lieu", file: large, fileName: "lon.txt", as: reader)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(
                response.body.string.contains(
                    "Tệp “lon.txt” nặng 6,2 MB, quá giới hạn 5 MB của trang kiểm tra số liệu"),
                response.body.string)
        }
    }

    func testATextLongerThanTheCapIsRefusedBeforeItIsChecked() async throws {
        try await WebTestApp.withDemo { web in
            let reader = try await web.login("phongdinh")
            let line = "Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.\n"
            let text = String(repeating: line, count: 700_000 / line.count + 1)

            let response = try await web.upload(
                "/kiem-tra-so-lieu", file: Data(text.utf8), fileName: "dai.txt", as: reader)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("có hơn 600.000 ký tự văn bản"), response.body.string)
            XCTAssertFalse(response.body.string.contains("điểm mâu thuẫn"), "nothing was checked")
        }
    }

    func testAnAccountThatChecksTooOftenGetsAVietnamese429AndOthersDoNot() async throws {
        try await WebTestApp.withDemo { web in
            let reader = try await web.login("phongdinh")
            let other = try await web.login("tonghop")
            let file = Data("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 73,7%.\n".utf8)
            var statuses: [UInt] = []
            for _ in 0..<6 {
                let response = try await web.upload("/kiem-tra-so-lieu", file: file, fileName: "a.txt", as: reader)
                statuses.append(response.status.code)
            }

            let seventh = try await web.upload("/kiem-tra-so-lieu", file: file, fileName: "a.txt", as: reader)
            let otherAccount = try await web.upload("/kiem-tra-so-lieu", file: file, fileName: "a.txt", as: other)

            XCTAssertEqual(statuses, Array(repeating: 200, count: 6))
            XCTAssertEqual(seventh.status, .tooManyRequests)
            XCTAssertTrue(
                seventh.body.string.contains("Bạn đã kiểm tra 6 tệp trong một phút, là mức tối đa cho mỗi tài khoản"),
                seventh.body.string)
            let wait = try XCTUnwrap(seventh.headers.first(name: .retryAfter).flatMap { Int($0) })
            XCTAssertTrue((1...60).contains(wait), "\(wait)")
            XCTAssertEqual(otherAccount.status, .ok)
        }
    }

    func testTheWindowSlidesAndTheSettingsComeFromTheEnvironment() {
        var settings = CheckSettings()
        settings.perMinute = 2
        let limits = CheckGuard(settings: settings)
        let account = UUID()
        let start = Date(timeIntervalSince1970: 1_000_000)

        XCTAssertNil(limits.admit(account, now: start))
        XCTAssertNil(limits.admit(account, now: start.addingTimeInterval(10)))
        XCTAssertEqual(limits.admit(account, now: start.addingTimeInterval(20)), 40)
        XCTAssertNil(limits.admit(account, now: start.addingTimeInterval(61)), "the first check left the window")

        let configured = CheckSettings.fromEnvironment([
            "TIENDO_AUDIT_MAX_MB": "2", "TIENDO_AUDIT_PER_MINUTE": "10", "TIENDO_AUDIT_CONCURRENCY": "abc",
        ])
        XCTAssertEqual(configured.maxFileBytes, 2_000_000)
        XCTAssertEqual(configured.perMinute, 10)
        XCTAssertEqual(configured.maxRunning, 1, "a bad value keeps the default")
        XCTAssertEqual(CheckGuard.megabytes(19_300_000), "19,3")
        XCTAssertEqual(CheckGuard.megabytes(5_000_000), "5")
    }
}
