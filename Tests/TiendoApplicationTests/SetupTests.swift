import TiendoCore
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication
@testable import TiendoDemo

final class DemoDataTests: XCTestCase {
    func testDemoLoadsHueWithAMixOfVerdictsAndIsIdempotent() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let valuesAfterFirst = try await store.values().all.count
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let snapshot = try await store.snapshot()

            let city = try XCTUnwrap(snapshot.directory.unit(code: "46", on: CivilDate(2027, 12, 31)), name)
            let resolution = try XCTUnwrap(snapshot.resolutions(issuedBy: city.unitID).first, name)
            let assessed = UnitAssessment(snapshot: snapshot, unit: city, resolution: resolution, period: .year(2027))
            let verdicts = Set(assessed.assessments.map(\.verdict))

            XCTAssertEqual(snapshot.values.all.count, valuesAfterFirst, "reloading the demo adds nothing (\(name))")
            XCTAssertEqual(city.fullName, "Thành phố Huế")
            XCTAssertEqual(snapshot.directory.children(of: city.unitID, on: CivilDate(2026, 1, 1)).count, 40, name)
            XCTAssertEqual(resolution.targets.count, 14, name)
            XCTAssertTrue(verdicts.isSuperset(of: [.vuot, .dat, .ganDat, .chuaDat]), "\(verdicts) (\(name))")
            XCTAssertFalse(verdicts.contains(.chuaCoSoLieu), name)
            XCTAssertTrue(assessed.assessments.allSatisfy(\.isEstimate), "2027 figures are estimates (\(name))")
            let isDemo = try await store.isDemo()
            XCTAssertTrue(isDemo, name)
        }
    }

    func testDemoWardHasItsOwnResolutionJudgedOnItsOwnFigures() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let snapshot = try await store.snapshot()
            let ward = try XCTUnwrap(snapshot.directory.unit(code: "19831", on: CivilDate(2027, 12, 31)), name)

            let resolution = try XCTUnwrap(snapshot.resolutions(issuedBy: ward.unitID).first, name)
            let assessed = UnitAssessment(snapshot: snapshot, unit: ward, resolution: resolution, period: .year(2027))

            XCTAssertEqual(resolution.targets.count, 8, name)
            XCTAssertFalse(assessed.assessments.contains { $0.verdict == .chuaCoSoLieu }, name)
        }
    }

    func testMergedWardHistoryComesFromItsPredecessors() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let snapshot = try await store.snapshot()
            let directory = snapshot.directory
            // Phường Phong Dinh = Xã Phong Bình + Xã Phong Chương + Phường Phong Hòa (official lineage).
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2026, 1, 1)), name)
            let links = directory.predecessorLinks(of: ward.unitID)
            let predecessorNames = links.compactMap { directory.latestVersion(of: $0.source)?.fullName }.sorted()

            let history = snapshot.rollUp.figure("THU_NSNN", unit: ward.unitID, period: .year(2024)).figure
            let sumOfPredecessors = links.compactMap {
                snapshot.values.reported(ValueKey(indicatorCode: "THU_NSNN", unitID: $0.source, period: .year(2024)))?
                    .number
            }.reduce(0, +)

            XCTAssertEqual(predecessorNames, ["Phường Phong Hòa", "Xã Phong Bình", "Xã Phong Chương"], name)
            XCTAssertEqual(history?.source, .lineage(estimatedWeights: false), name)
            XCTAssertEqual(history?.number ?? 0, sumOfPredecessors, accuracy: 1e-6, name)
            XCTAssertGreaterThan(sumOfPredecessors, 0, name)
        }
    }
}

final class SetupImporterTests: XCTestCase {
    func testBadUnitFileWritesNothingAndNamesLineAndField() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let text = """
                code,parent_code,level,kind,name,full_name,name_ascii
                46,,province,Thành phố,Huế,Thành phố Huế,Hue
                19831,46,commune,Phường,Phong Dinh,Phường Phong Dinh,Phong Dinh
                19999,46,commune,Làng,Sai,Làng Sai,Sai
                """

            do {
                _ = try await SetupImporter.importUnits(text: text, fileName: "don-vi.csv", into: store)
                XCTFail("a bad kind must be refused (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.description.contains("don-vi.csv, dòng 4"), failure.description)
                XCTAssertTrue(failure.description.contains("kind"), failure.description)
            }
            let units = try await store.directory().unitIDs
            XCTAssertTrue(units.isEmpty, "nothing written (\(name))")
        }
    }

    func testResolutionOfUnknownUnitIsRefusedWithTheLine() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let text = try DemoData.resource(DemoData.resolutionFileName)

            do {
                try await SetupImporter.importResolution(text: text, fileName: "nq.yaml", into: store)
                XCTFail("no unit 46 yet: must be refused (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.description.contains("don_vi_ban_hanh"), failure.description)
            }
            let resolutions = try await store.resolutions()
            let indicators = try await store.indicators()
            XCTAssertTrue(resolutions.isEmpty && indicators.isEmpty, "nothing written (\(name))")
        }
    }

    func testLineageBeforeUnitsIsRefused() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let text = try DemoData.resource("hue_lineage_2025.csv")

            do {
                _ = try await SetupImporter.importLineage(text: text, fileName: "sap-nhap.csv", into: store)
                XCTFail("must be refused (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.description.contains("tiendo units import"), failure.description)
            }
        }
    }

    func testDemoResolutionIsTheDocumentedExample() throws {
        let documented = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/nghi-quyet-hue-2025-2030.yaml")

        let example = try String(contentsOf: documented, encoding: .utf8)

        XCTAssertEqual(try DemoData.resource(DemoData.resolutionFileName), example)
    }
}
