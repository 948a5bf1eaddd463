import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Narrative text blocks are stored per unit, period, report kind and section, normalised, and a
/// blank text removes the section.
final class ReportNarrativeStorageTests: XCTestCase {
    func testNarrativeIsSavedPerReportAndBlankTextRemovesASection() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let unit = UnitID("19831@2025-07-01")
            let nfd = "Ke\u{0302}\u{0301}t qua\u{0309} no\u{0302}\u{0309}i ba\u{0302}\u{0323}t"
            try await store.setNarrative(
                "  \(nfd)\r\n\r\n\r\nDòng   hai  ", section: .highlights, unit: unit, period: .year(2027), kind: .soKet,
                author: "cán bộ")
            try await store.setNarrative(
                "Khó khăn", section: .shortcomings, unit: unit, period: .year(2027), kind: .soKet)
            try await store.setNarrative("Năm", section: .highlights, unit: unit, period: .year(2027), kind: .nam)

            let soKet = try await store.narrative(unit: unit, period: .year(2027), kind: .soKet)
            XCTAssertEqual(soKet[.highlights], "Kết quả nổi bật\n\nDòng hai", name)
            XCTAssertEqual(soKet.paragraphs(.highlights), ["Kết quả nổi bật", "Dòng hai"], name)
            XCTAssertEqual(soKet[.shortcomings], "Khó khăn", name)
            XCTAssertNil(soKet[.lessons], name)
            let yearly = try await store.narrative(unit: unit, period: .year(2027), kind: .nam)
            XCTAssertEqual(yearly[.highlights], "Năm", name)

            try await store.setNarrative(
                "   \n ", section: .shortcomings, unit: unit, period: .year(2027), kind: .soKet)
            let afterBlank = try await store.narrative(unit: unit, period: .year(2027), kind: .soKet)
            XCTAssertNil(afterBlank[.shortcomings], name)

            var whole = afterBlank
            whole[.lessons] = "Bài học"
            whole[.highlights] = nil
            try await store.saveNarrative(whole)
            let saved = try await store.narrative(unit: unit, period: .year(2027), kind: .soKet)
            XCTAssertEqual(saved.texts, [.lessons: "Bài học"], name)
        }
    }

    func testSectionsAndKindsAreReadAsOfficersTypeThem() {
        XCTAssertEqual(NarrativeSection(key: "ket-qua-noi-bat"), .highlights)
        XCTAssertEqual(NarrativeSection(key: "Kết quả nổi bật"), .highlights)
        XCTAssertEqual(NarrativeSection(key: "han che nguyen nhan"), .shortcomings)
        XCTAssertNil(NarrativeSection(key: "mục khác"))
        XCTAssertEqual(ReportKind(text: "sơ kết"), .soKet)
        XCTAssertEqual(ReportKind(text: "TONG-KET"), .tongKet)
        XCTAssertEqual(ReportKind(text: "năm"), .nam)
        XCTAssertNil(ReportKind(text: "quý"))
    }
}
