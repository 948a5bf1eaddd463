import Foundation
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// A database that is busy (a bulk import holds the write lock), read-only or full reaches the
/// person as its Vietnamese sentence with a status that says whether to wait, never as a bare 500.
final class DatabaseErrorPageTests: XCTestCase {
    func testABusyDatabaseIsAVietnamese503PageThatSaysWhenToTryAgain() async throws {
        try await WebTestApp.withDemo { web in
            // The same error the store throws when SQLite stays busy past its timeout.
            let busy = try XCTUnwrap(StorageError.translating(sqliteReason: .busy))
            web.app.get("thu-co-so-du-lieu-ban") { _ -> String in throw busy }
            let session = try await web.login("lanhdao")

            let page = try await web.get("/thu-co-so-du-lieu-ban", as: session)

            XCTAssertEqual(page.status, .serviceUnavailable)
            XCTAssertEqual(page.headers.first(name: .retryAfter), "5")
            XCTAssertTrue(page.body.string.contains("Cơ sở dữ liệu đang bận"), page.body.string)
        }
    }

    func testAReadOnlyDatabaseSaysWhatTheAdministratorMustCheck() async throws {
        try await WebTestApp.withDemo { web in
            let readOnly = try XCTUnwrap(StorageError.translating(sqliteReason: .readOnly))
            web.app.get("thu-co-so-du-lieu-chi-doc") { _ -> String in throw readOnly }
            let session = try await web.login("lanhdao")

            let page = try await web.get("/thu-co-so-du-lieu-chi-doc", as: session)

            XCTAssertEqual(page.status, .internalServerError)
            XCTAssertNil(page.headers.first(name: .retryAfter), "waiting does not help a read-only file")
            XCTAssertTrue(page.body.string.contains("chỉ cho phép đọc"), page.body.string)
            XCTAssertTrue(page.body.string.contains("kiểm tra quyền ghi"), page.body.string)
        }
    }

    func testTheAPIGivesTheSameSentenceWithAMachineCode() async throws {
        try await WebTestApp.withDemo { web in
            let request = Request(application: web.app, on: web.app.eventLoopGroup.next())
            let busy = try XCTUnwrap(StorageError.translating(sqliteReason: .busy))

            let answer = APIError.from(busy, request: request)
            let refusal = APIError.from(StorageError("Không có đơn vị này."), request: request)

            XCTAssertEqual(answer.status, .serviceUnavailable)
            XCTAssertEqual(answer.code, "busy")
            XCTAssertTrue(answer.message.contains("Cơ sở dữ liệu đang bận"), answer.message)
            XCTAssertEqual(refusal.status, .internalServerError, "a refusal keeps its old handling")
        }
    }
}
