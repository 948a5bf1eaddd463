import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoTestSupport
import XCTest

@testable import TiendoStorage

/// A bulk insert (on PostgreSQL by `COPY`) stores every figure exactly as an ordinary save would:
/// awkward text, fractions, dates to the microsecond; it moves the data counter once and logs one
/// "read everything again", and a server reading it afterwards sees every figure.
final class BulkInsertTests: XCTestCase {
    typealias World = SnapshotCacheTests

    func testABulkInsertStoresEveryFigureAsAnOrdinarySaveWould() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([World.city, World.ward])
            let codes = (0..<30).map { "CT_\($0)" }
            try await store.importIndicators(
                [World.households]
                    + codes.map {
                        Indicator(code: $0, name: "Chỉ số \($0)", unitOfMeasure: "hộ", space: .sum, time: .last)
                    })
            let periods: [Period] = (2025...2030).flatMap { year in
                [Period.year(year)] + (1...4).map { Period.quarter(year, $0) } + (1...12).map { Period.month(year, $0) }
            }
            _ = try await store.snapshot()
            let versionBefore = try await store.dataVersion()
            let notes: [String?] = [
                nil, "Ước tính\tcó tab", "hai\ndòng", "gạch \\ ngược \\N", "về\r\nđầu dòng",
                "Số liệu của Phường Phong Dinh",
            ]
            let numbers: [Double] = [0.1, 1e-7, 123_456_789.123, -42.5, 3, 1e300, 0, 2.5e-300]
            let base = Date(timeIntervalSince1970: 1_765_000_000.123456)
            var values: [IndicatorValue] = []
            for index in 0..<(TiendoStore.recordBatchSize + 300) {
                values.append(
                    IndicatorValue(
                        indicatorCode: codes[index / periods.count], unitID: World.ward.unitID,
                        period: periods[index % periods.count], number: numbers[index % numbers.count],
                        status: index % 3 == 0 ? .uoc : .chinhThuc, note: notes[index % notes.count],
                        author: "cán bộ \(index % 7)",
                        enteredAt: base.addingTimeInterval(Double(index) * 3_600.000_123 - 9e8), version: 1))
            }
            // Before 1970 the day count is negative: the date must still be the right one.
            values[7].enteredAt = Date(timeIntervalSince1970: -86_400.25)
            try await store.insertNewValues(values)

            // The same figure through an ordinary save, to compare what each path stores.
            var ordinary = values[5]
            ordinary.period = .year(2099)
            let saved = try await store.saveValue(ordinary, expectedVersion: nil)

            let stored = try await store.values()
            XCTAssertEqual(stored.count, values.count + 1, name)
            for value in values {
                let back = try XCTUnwrap(stored.reported(value.key), "\(name): \(value.period.id)")
                XCTAssertEqual(back.number, value.number, name)
                XCTAssertEqual(back.note, value.note, name)
                XCTAssertEqual(back.author, value.author, name)
                XCTAssertEqual(back.status, value.status, name)
                XCTAssertEqual(back.version, 1, name)
                XCTAssertEqual(
                    back.enteredAt.timeIntervalSince1970, value.enteredAt.timeIntervalSince1970, accuracy: 2e-6, name)
            }
            let copied = try XCTUnwrap(stored.reported(values[5].key))
            let inserted = try XCTUnwrap(stored.reported(saved.key))
            XCTAssertEqual(copied.enteredAt, inserted.enteredAt, "cùng thời điểm như khi lưu thường (\(name))")
            // Every figure has its first audit entry.
            let history = try await store.history(
                indicatorCode: values[1].indicatorCode, unit: World.ward.unitID, period: values[1].period)
            XCTAssertEqual(history.map(\.newNumber), [values[1].number], name)
            XCTAssertEqual(history.first?.note, values[1].note, name)

            // One move of the counter and one "read everything again" entry for the bulk insert.
            let versionAfter = try await store.dataVersion()
            XCTAssertGreaterThan(versionAfter, versionBefore, name)
            let sql = try XCTUnwrap(store.database as? any SQLDatabase)
            let logged = try await sql.raw("SELECT source FROM change_log").all().map {
                try $0.decode(column: "source", as: String.self)
            }
            XCTAssertEqual(logged.filter { $0 == "reload" }.count, 1, name)
            XCTAssertEqual(logged.filter { $0 == "indicator_values" }.count, 1, "only the ordinary save (\(name))")
            let snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.count, values.count + 1, name)
        }
    }
}
