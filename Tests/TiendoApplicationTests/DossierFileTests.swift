import Foundation
import TiendoCore
import TiendoDemo
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication

/// The dossier log use case on the demo: units checked against the directory and the person's
/// scope, nothing written on any problem, the city's rate rolled up from the wards' counts.
final class DossierFileTests: XCTestCase {
    static let office = FigureFiles.Person(username: "tonghop", displayName: "Văn phòng")
    static let asOf = CivilDate(2026, 7, 10)

    static func wardCodes(_ store: TiendoStore) async throws -> [(code: String, unit: UnitID)] {
        let directory = try await store.directory()
        let city = try XCTUnwrap(directory.unit(code: DemoData.cityCode, on: CivilDate(2026, 1, 1)))
        return directory.children(of: city.unitID, on: CivilDate(2026, 1, 1)).map { ($0.code, $0.unitID) }
    }

    func testTheDemoLogImportsAndTheCityRateIsTheRatioOfTheWardsCounts() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let wards = try await Self.wardCodes(store)
            let codeOf = Dictionary(uniqueKeysWithValues: wards.map { ($0.unit, $0.code) })
            let records = DossierLogGenerator.records(count: 3_000, units: wards.map(\.unit))
            let text = DossierLogFile.text(records.map { ($0, codeOf[$0.unitID]!) })

            let summary = try await DossierFiles.importLog(
                text: text, fileName: "ho-so.csv", person: Self.office, asOf: Self.asOf, store: store)
            XCTAssertEqual(summary.outcome.dossiers, ImportCounts(inserted: 3_000), name)
            XCTAssertTrue(
                summary.vietnameseText.hasPrefix("3.000 hồ sơ: 3.000 mới, 0 cập nhật, 0 giữ nguyên; "), name)
            XCTAssertTrue(
                summary.vietnameseText.hasSuffix(
                    "× 6 tháng (\(VietnameseNumber.format(summary.outcome.values.inserted)) mới, 0 thay đổi, 0 giữ nguyên), tính đến ngày 10/07/2026."
                ), summary.vietnameseText)

            let snapshot = try await store.snapshot()
            let city = try XCTUnwrap(snapshot.directory.unit(code: DemoData.cityCode, on: CivilDate(2026, 3, 1)))
            let march = records.filter { $0.received.month == 3 }
            let onTime = march.filter { $0.status(asOf: Self.asOf).isOnTime }.count
            let figure = try XCTUnwrap(
                snapshot.rollUp.figure(DossierIndicators.onTimeRate, unit: city.unitID, period: .month(2026, 3)).figure)
            XCTAssertEqual(figure.number, Double(onTime) / Double(march.count) * 100, accuracy: 1e-9, name)
            // The first half-year from the months, exactly.
            let half = try XCTUnwrap(
                snapshot.rollUp.figure(DossierIndicators.received, unit: city.unitID, period: .half(2026, 1)).figure)
            XCTAssertEqual(half.number, 3_000, name)
        }
    }

    func testUnknownUnitsAndUnitsOutOfScopeAreRefusedAndNothingIsWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let wards = try await Self.wardCodes(store)
            let text =
                DossierLogFile.columns.joined(separator: ";") + "\n"
                + "A1;\(wards[0].code);Khai sinh;02/03/2026;10/03/2026;;trực tuyến;có;không;0\n"
                + "A2;99999;Khai sinh;02/03/2026;10/03/2026;;trực tuyến;có;không;0\n"
                + "A3;\(wards[1].code);Khai sinh;02/03/2026;10/03/2026;;trực tuyến;có;không;0\n"
            let ward = FigureFiles.Person(
                username: "phuong", displayName: "Phường", allowedUnits: [wards[0].unit])
            do {
                _ = try await DossierFiles.importLog(
                    text: text, fileName: "ho-so.csv", person: ward, asOf: Self.asOf, store: store)
                XCTFail("a log with an unknown unit was imported (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertEqual(failure.issues.map(\.line), [3, 4], name)
                XCTAssertEqual(failure.issues.map(\.field), ["ma_don_vi", "ma_don_vi"], name)
                XCTAssertTrue(failure.issues[0].reason.contains("không có đơn vị mã “99999”"), name)
                XCTAssertTrue(failure.issues[1].reason.contains("không thuộc phạm vi tài khoản"), name)
            }
            let count = try await store.dossierCount()
            XCTAssertEqual(count, 0, name)
            let indicators = try await store.indicators().map(\.code)
            XCTAssertFalse(indicators.contains(DossierIndicators.onTimeRate), name)
        }
    }

    func testEvaluationDateForms() throws {
        XCTAssertEqual(try DossierFiles.evaluationDate("29/11/2026"), CivilDate(2026, 11, 29))
        XCTAssertEqual(try DossierFiles.evaluationDate("2026-11-29"), CivilDate(2026, 11, 29))
        XCTAssertThrowsError(try DossierFiles.evaluationDate("29.11.26"))
    }
}

/// The issue's size: a log of 100.000 dossiers of the demo's wards imports through the same use
/// case as the CLI and the page (SQLite; CI also imports it with the release binary), and every
/// stored count equals what the core computes from the log.
final class DossierLargeLogTests: XCTestCase {
    func testALogOf100000DossiersImports() async throws {
        let database = try TiendoDatabase(location: .sqliteMemory)
        do {
            try await database.migrate()
            let store = TiendoStore(database: database.database)
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let wards = try await DossierFileTests.wardCodes(store)
            let codeOf = Dictionary(uniqueKeysWithValues: wards.map { ($0.unit, $0.code) })
            let records = DossierLogGenerator.records(count: 100_000, units: wards.map(\.unit), months: 12)
            let text = DossierLogFile.text(records.map { ($0, codeOf[$0.unitID]!) })
            let asOf = CivilDate(2026, 12, 31)

            let summary = try await DossierFiles.importLog(
                text: text, fileName: "ho-so.csv", person: DossierFileTests.office, asOf: asOf, store: store)

            XCTAssertEqual(summary.outcome.dossiers, ImportCounts(inserted: 100_000))
            XCTAssertTrue(summary.vietnameseText.hasPrefix("100.000 hồ sơ: 100.000 mới, 0 cập nhật, 0 giữ nguyên; "))
            let (expected, _) = DossierRates.values(
                DossierRates.counts(records, asOf: asOf), author: "", enteredAt: Date())
            let stored = try await store.values()
            for value in expected {
                XCTAssertEqual(stored.reported(value.key)?.number ?? -1, value.number, accuracy: 1e-9, "\(value.key)")
            }
            let count = try await store.dossierCount()
            XCTAssertEqual(count, 100_000)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}
