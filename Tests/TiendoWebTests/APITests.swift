import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The JSON API as an external script uses it: a token from the administrator, verdicts read,
/// figures written under the entry page's rules.
final class APITests: XCTestCase {
    static let ward = "19831"  // Phường Phong Dinh, formed by merger on 1 July 2025
    static let otherWard = "19753"  // Phường Phú Xuân

    func testNoTokenOrARevokedTokenIsRefusedInTheErrorFormat() async throws {
        try await WebTestApp.withDemo { web in
            let issued = try await APITokens.issue(username: "lanhdao", name: "Bảng điều khiển", store: web.store)

            let without = try await web.api(.GET, "/api/v1/units", token: nil)
            let wrong = try await web.api(.GET, "/api/v1/units", token: "tdk_khong-dung")
            let valid = try await web.api(.GET, "/api/v1/units", token: issued.secret)
            try await web.store.revokeAPIToken(id: issued.token.id)
            let revoked = try await web.api(.GET, "/api/v1/units", token: issued.secret)

            XCTAssertEqual(without.status, .unauthorized)
            XCTAssertEqual(without.apiError["code"] as? String, "unauthorized")
            XCTAssertTrue((without.apiError["message"] as? String ?? "").contains("mã truy cập"))
            XCTAssertTrue(without.apiError.keys.contains("field"), "field is always present")
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertEqual(valid.status, .ok)
            XCTAssertEqual(revoked.status, .unauthorized)
            XCTAssertTrue((revoked.apiError["message"] as? String ?? "").contains("thu hồi"))
            let listed = try await web.store.apiTokens()
            XCTAssertNotNil(listed.first?.revokedAt)
            XCTAssertNotNil(listed.first?.lastUsedAt, "the use before revocation is recorded")
        }
    }

    func testATokenOfADisabledAccountIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            try await web.store.setActive(username: "phongdinh", false)

            let response = try await web.api(.GET, "/api/v1/indicators", token: token)

            XCTAssertEqual(response.status, .unauthorized)
        }
    }

    func testTheCookieOfALoggedInPersonDoesNotOpenTheAPI() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("quantri")

            let response = try await web.get("/api/v1/units", as: session)

            XCTAssertEqual(response.status, .unauthorized)
        }
    }

    func testUnitsComeWithTheirLineage() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")

            let ward = try await web.api(.GET, "/api/v1/units/\(Self.ward)", token: token).object
            let children = try await web.api(.GET, "/api/v1/units?parent=46&date=2026-01-01&limit=1000", token: token)
                .object

            XCTAssertEqual(ward["fullName"] as? String, "Phường Phong Dinh")
            let predecessors = ward["predecessors"] as? [[String: Any]] ?? []
            XCTAssertEqual(
                Set(predecessors.compactMap { $0["fullName"] as? String }),
                ["Xã Phong Bình", "Xã Phong Chương", "Phường Phong Hòa"])
            XCTAssertFalse((ward["versions"] as? [Any] ?? []).isEmpty)
            let items = children["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(children["total"] as? Int, items.count)
            XCTAssertTrue(items.contains { $0["code"] as? String == Self.ward })
            XCTAssertTrue(items.allSatisfy { $0["parentCode"] as? String == "46" })
        }
    }

    func testIndicatorsAndResolutionsWithTargets() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")

            let indicators = try await web.api(.GET, "/api/v1/indicators", token: token).object
            let resolutions = try await web.api(.GET, "/api/v1/resolutions", token: token).object
            let ward = try await web.api(.GET, "/api/v1/resolutions/phong-dinh-2025-2030", token: token).object

            let codes = (indicators["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            XCTAssertTrue(codes.contains("THU_NSNN"))
            XCTAssertTrue(codes.contains("SO_HO_NGHEO"))
            XCTAssertEqual(resolutions["total"] as? Int, 2, "the city's and the ward's")
            XCTAssertEqual(ward["symbol"] as? String, "01-NQ/ĐH")
            let first = (ward["targets"] as? [[String: Any]])?.first
            XCTAssertEqual(first?["indicatorCode"] as? String, "THU_NSNN")
            XCTAssertEqual((first?["condition"] as? [String: Any])?["low"] as? Double, 10)
        }
    }

    func testVerdictsAreTheBoards() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")

            let response = try await web.api(.GET, "/api/v1/verdicts?unit=\(Self.ward)&period=2027", token: token)

            XCTAssertEqual(response.status, .ok)
            let resolutions = response.object["resolutions"] as? [[String: Any]] ?? []
            let targets = resolutions.first?["targets"] as? [[String: Any]] ?? []
            XCTAssertFalse(targets.isEmpty)
            XCTAssertTrue(
                targets.contains {
                    ($0["explanation"] as? String ?? "").contains("ước đạt 1,35%, chưa đạt chỉ tiêu Nghị quyết")
                },
                "the same sentence as the board")
            XCTAssertTrue(targets.allSatisfy { $0["verdictName"] is String })
            XCTAssertTrue((resolutions.first?["summary"] as? String ?? "").contains("chỉ tiêu"))
        }
    }

    func testRollUpSaysHowTheFigureWasMade() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")

            let city = try await web.api(
                .GET, "/api/v1/rollups?unit=46&indicator=SO_HO_NGHEO&period=2027", token: token
            ).object

            XCTAssertEqual(city["outcome"] as? String, "figure")
            XCTAssertNotNil(city["value"] as? Double)
            XCTAssertNotNil(city["source"] as? String)
            XCTAssertFalse((city["description"] as? String ?? "").isEmpty)
        }
    }

    /// The figure of the ward for (indicator, 2027) as the API lists it.
    func current(_ web: WebTestApp, _ indicator: String, token: String, unit: String = ward) async throws
        -> [String: Any]?
    {
        let list = try await web.api(
            .GET, "/api/v1/values?unit=\(unit)&indicator=\(indicator)&period=2027", token: token
        ).object
        return (list["items"] as? [[String: Any]])?.first
    }

    func requireCurrent(_ web: WebTestApp, _ indicator: String, token: String, unit: String = ward) async throws
        -> [String: Any]
    {
        let found = try await current(web, indicator, token: token, unit: unit)
        return try XCTUnwrap(found, "\(indicator) of \(unit) in 2027")
    }

    func testWriteAFigureThenReadItBackAndTheChangeIsAudited() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            let version = try XCTUnwrap(before["version"] as? Int)

            let response = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 30, "status": "chinhThuc", "note": "Số liệu rà soát cuối năm", "version": version])

            XCTAssertEqual(response.status, .ok, response.body.string)
            XCTAssertEqual(response.object["version"] as? Int, version + 1)
            let after = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            XCTAssertEqual(after["value"] as? Double, 30)
            XCTAssertEqual(after["status"] as? String, "chinhThuc")
            XCTAssertEqual(after["note"] as? String, "Số liệu rà soát cuối năm")
            let unit = try XCTUnwrap(after["unitId"] as? String)
            let history = try await web.store.history(
                indicatorCode: "SO_HO_NGHEO", unit: UnitID(unit), period: .year(2027))
            XCTAssertEqual(history.last?.newNumber, 30)
            let events = try await web.store.events(subject: "so-lieu:SO_HO_NGHEO/\(unit)/2027")
            XCTAssertEqual(events.last?.actor, "phongdinh")
        }
    }

    func testAnUnusualFigureIsRefusedUntilItsNoteExplainsItAsOnTheEntryPage() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            let version = try XCTUnwrap(before["version"] as? Int)

            let unexplained = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 12_500, "version": version])
            XCTAssertEqual(unexplained.status, .unprocessableEntity, unexplained.body.string)
            XCTAssertEqual(unexplained.apiError["code"] as? String, "unusual")
            XCTAssertEqual(unexplained.apiError["field"] as? String, "note")
            let message = unexplained.apiError["message"] as? String ?? ""
            XCTAssertTrue(message.contains("phần không thể lớn hơn tổng"), message)
            XCTAssertTrue(message.contains("trường “note”"), message)
            let unchanged = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            XCTAssertEqual(unchanged["version"] as? Int, version)

            let explained = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 12_500, "version": version, "note": "Gồm cả hai thôn mới sáp nhập"])
            XCTAssertEqual(explained.status, .ok, explained.body.string)
            let flags = try await web.store.figureFlags(period: .year(2027))
            XCTAssertEqual(flags.map(\.key.indicatorCode), ["SO_HO_NGHEO"])
        }
    }

    func testANewFigureInVietnameseNotationIsCreated() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")

            let response = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/THU_NSNN/2026Q1", token: token,
                json: ["value": "312,5", "status": "uoc"])

            XCTAssertEqual(response.status, .created, response.body.string)
            XCTAssertEqual(response.object["value"] as? Double, 312.5)
            XCTAssertEqual(response.object["version"] as? Int, 1)
            XCTAssertEqual(response.object["statusName"] as? String, "ước")
            let withVersion = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/THU_NSNN/2026Q2", token: token, json: ["value": 1, "version": 3])
            XCTAssertEqual(withVersion.status, .conflict, "a version for a figure that does not exist")
            XCTAssertEqual(withVersion.apiError["field"] as? String, "version")
        }
    }

    func testAnInvalidFigureIsRefusedWithItsFieldAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let countBefore = try await web.store.values().all.count
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: token)

            let text = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/THU_NSNN/2027", token: token, json: ["value": "12a"])
            let negative = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": -5, "version": before["version"] as? Int ?? 0])
            let badStatus = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 5, "status": "chinh thuc", "version": before["version"] as? Int ?? 0])
            let form = try await web.app.testable().sendRequest(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "value=5"))
            let malformed = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token, rawBody: "{\"value\": ")

            XCTAssertEqual(text.status, .unprocessableEntity)
            XCTAssertEqual(text.apiError["field"] as? String, "value")
            XCTAssertEqual(negative.status, .unprocessableEntity)
            XCTAssertEqual(negative.apiError["field"] as? String, "value")
            XCTAssertEqual(negative.apiError["message"] as? String, "Số đếm không thể âm.")
            XCTAssertEqual(badStatus.apiError["field"] as? String, "status")
            XCTAssertEqual(form.status, .unsupportedMediaType)
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertEqual(malformed.apiError["code"] as? String, "bad_request")
            let countAfter = try await web.store.values().all.count
            XCTAssertEqual(countAfter, countBefore)
            let after = try await current(web, "SO_HO_NGHEO", token: token)
            XCTAssertEqual(after?["value"] as? Double, before["value"] as? Double)
            XCTAssertEqual(after?["version"] as? Int, before["version"] as? Int)
        }
    }

    func testAStaleVersionIsAConflictCarryingTheCurrentFigure() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            let version = try XCTUnwrap(before["version"] as? Int)
            _ = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 31, "version": version])

            let stale = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 29, "version": version])

            XCTAssertEqual(stale.status, .conflict)
            XCTAssertEqual(stale.apiError["code"] as? String, "conflict")
            let current = stale.apiError["current"] as? [String: Any]
            XCTAssertEqual(current?["value"] as? Double, 31)
            XCTAssertEqual(current?["version"] as? Int, version + 1)
            let stored = try await self.current(web, "SO_HO_NGHEO", token: token)
            XCTAssertEqual(stored?["value"] as? Double, 31)
        }
    }

    func testAnotherWardOrAReadOnlyRoleCannotWrite() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.token("phongdinh")
            let reader = try await web.token("lanhdao")
            let city = try await web.token("tonghop")
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: city, unit: Self.otherWard)

            let outOfScope = try await web.api(
                .PUT, "/api/v1/values/\(Self.otherWard)/SO_HO_NGHEO/2027", token: ward,
                json: ["value": 1, "version": before["version"] as? Int ?? 0])
            let readOnly = try await web.api(
                .PUT, "/api/v1/values/\(Self.otherWard)/SO_HO_NGHEO/2027", token: reader,
                json: ["value": 1, "version": before["version"] as? Int ?? 0])
            let readOutOfScope = try await web.api(
                .GET, "/api/v1/verdicts?unit=\(Self.otherWard)&period=2027", token: ward)

            XCTAssertEqual(outOfScope.status, .forbidden)
            XCTAssertEqual(outOfScope.apiError["field"] as? String, "unit")
            XCTAssertEqual(readOnly.status, .forbidden)
            XCTAssertEqual(readOutOfScope.status, .forbidden)
            let after = try await current(web, "SO_HO_NGHEO", token: city, unit: Self.otherWard)
            XCTAssertEqual(after?["version"] as? Int, before["version"] as? Int)
            XCTAssertEqual(after?["value"] as? Double, before["value"] as? Double)
        }
    }

    func testASubmittedReportLocksItsFigures() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let before = try await requireCurrent(web, "SO_HO_NGHEO", token: token)
            let unit = UnitID(try XCTUnwrap(before["unitId"] as? String))
            let stored = try await web.store.submission(form: DemoData.formCode, unit: unit, period: .year(2027))
            let submitted = try SubmissionWorkflow.submit(stored.submission, by: "Phường", at: Date())
            try await web.store.saveSubmission(submitted, expectedVersion: stored.version)

            let response = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/SO_HO_NGHEO/2027", token: token,
                json: ["value": 30, "version": before["version"] as? Int ?? 0])

            XCTAssertEqual(response.status, .conflict)
            XCTAssertEqual(response.apiError["code"] as? String, "locked")
            XCTAssertTrue((response.apiError["message"] as? String ?? "").contains("đã nộp"))
        }
    }

    func testAnUnchangedAnswerIsNotSentTwice() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")
            let first = try await web.api(.GET, "/api/v1/indicators", token: token)
            let tag = try XCTUnwrap(first.headers.first(name: .eTag))

            let again = try await web.api(
                .GET, "/api/v1/indicators", token: token, headers: [("If-None-Match", tag)])
            let other = try await web.api(
                .GET, "/api/v1/indicators", token: token, headers: [("If-None-Match", "\"khac\"")])

            XCTAssertTrue(tag.hasPrefix("\"") && !tag.hasPrefix("W/"), "a strong tag")
            XCTAssertEqual(again.status, .notModified)
            XCTAssertEqual(again.body.readableBytes, 0)
            XCTAssertEqual(again.headers.first(name: .eTag), tag)
            XCTAssertEqual(other.status, .ok)
        }
    }

    func testListsArePagedWithANextLink() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")

            let first = try await web.api(.GET, "/api/v1/units?limit=2", token: token)
            let next = try XCTUnwrap(first.object["next"] as? String)
            let second = try await web.api(.GET, next, token: token)
            let tooMany = try await web.api(.GET, "/api/v1/units?limit=5000", token: token)

            XCTAssertEqual((first.object["items"] as? [Any])?.count, 2)
            XCTAssertGreaterThan(first.object["total"] as? Int ?? 0, 2)
            XCTAssertEqual(first.headers.first(name: .link), "<\(next)>; rel=\"next\"")
            XCTAssertEqual(second.object["offset"] as? Int, 2)
            let firstCodes = (first.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let secondCodes = (second.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            XCTAssertTrue(Set(firstCodes).isDisjoint(with: secondCodes))
            XCTAssertEqual(tooMany.status, .unprocessableEntity)
            XCTAssertEqual(tooMany.apiError["field"] as? String, "limit")
        }
    }

    func testAUnitsFiguresAreListedWholeWithOrWithoutAnIndicator() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")
            let stored = try await web.store.values().all
            // The ward's version in force today, as the API resolves a unit without a period (the
            // code has had more than one holder; `values()` is in no particular order).
            let wardID = try SubjectLookup.unit(
                code: Self.ward, on: .todayInVietnam(), in: try await web.store.directory()
            ).unitID
            let expected = stored.filter { $0.unitID == wardID }

            let all = try await web.api(.GET, "/api/v1/values?unit=\(Self.ward)&limit=1000", token: token).object
            let poor = try await web.api(
                .GET, "/api/v1/values?unit=\(Self.ward)&indicator=SO_HO_NGHEO&limit=1000", token: token
            ).object

            func keys(_ list: [String: Any]) -> [String] {
                (list["items"] as? [[String: Any]] ?? []).map {
                    "\($0["indicator"] ?? "")/\($0["period"] ?? "")"
                }
            }
            XCTAssertGreaterThan(expected.count, 10)
            XCTAssertEqual(all["total"] as? Int, expected.count)
            XCTAssertEqual(
                keys(all), expected.map { "\($0.indicatorCode)/\($0.period.id)" }.sorted(),
                "sorted by indicator, period")
            XCTAssertEqual(
                keys(poor),
                expected.filter { $0.indicatorCode == "SO_HO_NGHEO" }.map { "SO_HO_NGHEO/\($0.period.id)" }.sorted())
        }
    }

    func testUnknownPathsAndBadParametersAnswerInTheOneErrorFormat() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("lanhdao")

            let unknown = try await web.api(.GET, "/api/v1/khong-co", token: token)
            let wrongMethod = try await web.api(.DELETE, "/api/v1/units", token: token)
            let missing = try await web.api(.GET, "/api/v1/verdicts?period=2027", token: token)
            let badPeriod = try await web.api(.GET, "/api/v1/verdicts?unit=46&period=2027X", token: token)

            for response in [unknown, wrongMethod, missing, badPeriod] {
                XCTAssertEqual(response.headers.contentType?.subType, "json")
                XCTAssertNotNil(response.apiError["code"] as? String)
                XCTAssertNotNil(response.apiError["message"] as? String)
                XCTAssertTrue(response.apiError.keys.contains("field"))
            }
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(wrongMethod.status, .methodNotAllowed)
            XCTAssertEqual(wrongMethod.headers.first(name: .allow), "GET")
            XCTAssertEqual(missing.apiError["field"] as? String, "unit")
            XCTAssertEqual(badPeriod.apiError["field"] as? String, "period")
        }
    }
}
