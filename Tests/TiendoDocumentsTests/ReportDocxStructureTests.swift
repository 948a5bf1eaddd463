import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads generated reports back (unzip, parse XML) and checks what format.md asks of a printed
/// document: A4 and its margins, Times New Roman at the stated sizes, the header lines, real
/// footnotes, page numbers from page 2, the signature block and the recipients.
final class ReportDocxStructureTests: XCTestCase {
    func testPackageHasEveryPartItsRelationshipsNameAndContentTypesDeclare() async throws {
        let report = try await ReportTestWorld.report()
        let package = try OfficePackage(try report.docx())

        let types = try package.xml("[Content_Types].xml")
        let overrides = try types.all("//*[local-name()='Override']").compactMap { $0.attribute("PartName") }
        for part in overrides {
            XCTAssertNotNil(package.parts[String(part.dropFirst())], "content type for a missing part \(part)")
        }
        for rels in package.parts.keys where rels.hasSuffix(".rels") {
            let folder = rels.replacingOccurrences(of: "_rels/", with: "").replacingOccurrences(of: ".rels", with: "")
            let base = (folder as NSString).deletingLastPathComponent
            for relationship in try package.xml(rels).all("//*[local-name()='Relationship']") {
                let target = try XCTUnwrap(relationship.attribute("Target"))
                var components: [Substring] = []
                for piece in (base.isEmpty ? target : base + "/" + target).split(separator: "/") {
                    if piece == ".." { components.removeLast() } else if piece != "." { components.append(piece) }
                }
                let path = components.joined(separator: "/")
                XCTAssertNotNil(package.parts[path], "\(rels) points at missing \(path)")
            }
        }
        for part in ["word/document.xml", "word/styles.xml", "word/settings.xml", "word/footnotes.xml"] {
            XCTAssertTrue(overrides.contains("/" + part), "\(part) has a content type")
        }
    }

    func testPageIsA4WithTheDecreeMarginsAndNumbersFromPageTwo() async throws {
        let package = try OfficePackage(try await ReportTestWorld.report().docx())
        let document = try package.xml("word/document.xml")

        let size = try XCTUnwrap(try document.all("//w:body/w:sectPr/w:pgSz").first)
        let margins = try XCTUnwrap(try document.all("//w:body/w:sectPr/w:pgMar").first)
        XCTAssertEqual(size.attribute("w"), "11906")
        XCTAssertEqual(size.attribute("h"), "16838")
        // Top and bottom 20 mm, left 30 mm, right 15 mm (1 mm = 56,7 twips).
        XCTAssertEqual(margins.attribute("top"), "1134")
        XCTAssertEqual(margins.attribute("bottom"), "1134")
        XCTAssertEqual(margins.attribute("left"), "1701")
        XCTAssertEqual(margins.attribute("right"), "851")
        XCTAssertEqual(try document.all("//w:body/w:sectPr/w:titlePg").count, 1, "page 1 has its own (empty) header")

        let references = try document.all("//w:body/w:sectPr/w:headerReference")
        let rels = try package.xml("word/_rels/document.xml.rels").all("//*[local-name()='Relationship']")
        func header(_ type: String) throws -> XMLDocument {
            let id = try XCTUnwrap(references.first { $0.attribute("type") == type }?.attribute("id"))
            let target = try XCTUnwrap(rels.first { $0.attribute("Id") == id }?.attribute("Target"))
            return try package.xml("word/" + target)
        }
        let pageHeader = try header("default")
        let instructions = try pageHeader.all("//w:instrText").compactMap(\.stringValue).joined()
        XCTAssertEqual(instructions.trimmingCharacters(in: .whitespaces), "PAGE")
        XCTAssertEqual(try pageHeader.all("//w:pPr/w:jc").first?.attribute("val"), "center")
        XCTAssertEqual(try pageHeader.all("//w:r/w:rPr/w:sz").first?.attribute("val"), "28", "14 pt page numbers")
        XCTAssertTrue(try header("first").all("//w:instrText").isEmpty, "no page number on page 1")
    }

    func testBodyIsTimesNewRomanFourteenJustifiedWithAOneCentimetreIndent() async throws {
        let package = try OfficePackage(try await ReportTestWorld.report().docx())
        let styles = try package.xml("word/styles.xml")
        let fonts = try XCTUnwrap(try styles.all("//w:docDefaults//w:rFonts").first)
        let size = try XCTUnwrap(try styles.all("//w:docDefaults//w:sz").first)

        for slot in ["ascii", "hAnsi", "cs", "eastAsia"] { XCTAssertEqual(fonts.attribute(slot), "Times New Roman") }
        XCTAssertEqual(size.attribute("val"), "28")
        let document = try package.xml("word/document.xml")
        let targetParagraph = try XCTUnwrap(
            try document.all("//w:body/w:p").first { OfficePackage.text($0).hasPrefix("1. ") })
        XCTAssertEqual(try targetParagraph.all("w:pPr/w:jc").first?.attribute("val"), "both")
        XCTAssertEqual(try targetParagraph.all("w:pPr/w:ind").first?.attribute("firstLine"), "567")
        XCTAssertTrue(
            try document.all("//w:rFonts").allSatisfy { $0.attribute("ascii") == "Times New Roman" },
            "no run switches to another font")
    }

    func testPartyHeaderFollowsGuidance36() async throws {
        let options = ReportOptions(
            kind: .soKet, number: "15", date: CivilDate(2027, 12, 14), signerName: "Nguyễn Văn An")
        let package = try OfficePackage(try await ReportTestWorld.report(options: options).docx())
        let document = try package.xml("word/document.xml")
        let header = try XCTUnwrap(try document.all("//w:body/w:tbl").first)
        let cells = try header.all("w:tr/w:tc")
        let left = try cells[0].all("w:p")
        let right = try cells[1].all("w:p")

        XCTAssertEqual(
            left.map(OfficePackage.text), ["ĐẢNG BỘ THÀNH PHỐ HUẾ", "ĐẢNG ỦY PHƯỜNG PHONG DINH", "*", "Số 15-BC/ĐU"])
        XCTAssertEqual(try runStyle(left[0]), RunStyle(size: "28", bold: false, italic: false))
        XCTAssertEqual(try runStyle(left[1]), RunStyle(size: "28", bold: true, italic: false))
        XCTAssertEqual(try runStyle(left[3]), RunStyle(size: "28", bold: false, italic: false))
        XCTAssertEqual(OfficePackage.text(right[0]), "ĐẢNG CỘNG SẢN VIỆT NAM")
        XCTAssertEqual(try runStyle(right[0]), RunStyle(size: "30", bold: true, italic: false))
        XCTAssertEqual(try right[0].all("w:pPr/w:pBdr/w:bottom").count, 1, "a rule under the party title")
        let date = try XCTUnwrap(right.last)
        XCTAssertEqual(OfficePackage.text(date), "Phong Dinh, ngày 14 tháng 12 năm 2027")
        XCTAssertEqual(try runStyle(date), RunStyle(size: "28", bold: false, italic: true))

        let paragraphs = try document.all("//w:body/w:p")
        let kindIndex = try XCTUnwrap(paragraphs.firstIndex { OfficePackage.text($0) == "BÁO CÁO" })
        XCTAssertEqual(try runStyle(paragraphs[kindIndex]), RunStyle(size: "32", bold: true, italic: false))
        XCTAssertEqual(try paragraphs[kindIndex].all("w:pPr/w:jc").first?.attribute("val"), "center")
        let subject = paragraphs[kindIndex + 1]
        XCTAssertEqual(
            OfficePackage.text(subject),
            "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường Phong Dinh lần thứ I, "
                + "nhiệm kỳ 2025–2030")
        XCTAssertEqual(try runStyle(subject), RunStyle(size: "28", bold: true, italic: false))

        let signature = try XCTUnwrap(try document.all("//w:body/w:tbl").last).all("w:tr/w:tc")
        let recipients = try signature[0].all("w:p").map(OfficePackage.text)
        let signer = try signature[1].all("w:p").map(OfficePackage.text).filter { !$0.isEmpty }
        XCTAssertEqual(signer, ["T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn An"])
        XCTAssertEqual(recipients.first, "Nơi nhận:")
        XCTAssertEqual(recipients.last, "- Lưu Văn phòng Đảng ủy.")
        XCTAssertTrue(recipients.dropFirst().dropLast().allSatisfy { $0.hasPrefix("- ") && $0.hasSuffix(",") })
        XCTAssertEqual(try runStyle(try signature[0].all("w:p")[1]).size, "24", "recipients in 12 pt")
    }

    func testCityReportIsIssuedByTheCityPartyCommitteeWithAnEmptyNumberForTheClerk() async throws {
        let package = try OfficePackage(try await ReportTestWorld.report(unitCode: "46").docx())
        let header = try XCTUnwrap(try package.xml("word/document.xml").all("//w:body/w:tbl").first)
        let left = try header.all("w:tr/w:tc")[0].all("w:p").map(OfficePackage.text)

        XCTAssertEqual(left[0], "THÀNH ỦY HUẾ")
        XCTAssertEqual(left[1], "*")
        XCTAssertTrue(left[2].hasPrefix("Số ") && left[2].hasSuffix("-BC/TU"), left[2])
        XCTAssertTrue(left[2].dropFirst(3).dropLast(6).allSatisfy { $0 == " " }, "the number is left blank: \(left[2])")
    }

    func testStateBodyFollowsDecree30() async throws {
        let options = ReportOptions(kind: .nam, body: .chinhQuyen, number: "15", date: CivilDate(2028, 1, 5))
        let package = try OfficePackage(try await ReportTestWorld.report(options: options).docx())
        let document = try package.xml("word/document.xml")
        let cells = try XCTUnwrap(try document.all("//w:body/w:tbl").first).all("w:tr/w:tc")
        let left = try cells[0].all("w:p")
        let right = try cells[1].all("w:p")

        XCTAssertEqual(
            left.map(OfficePackage.text).filter { !$0.isEmpty },
            ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHONG DINH", "Số: 15/BC-UBND"])
        XCTAssertEqual(try runStyle(left[0]), RunStyle(size: "26", bold: true, italic: false))
        XCTAssertEqual(try runStyle(left.last!).size, "26", "the number in 13 pt")
        XCTAssertEqual(OfficePackage.text(right[0]), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        let titleSize = try XCTUnwrap(Int(try runStyle(right[0]).size ?? ""))
        XCTAssertTrue((24...26).contains(titleSize), "12–13 pt: \(titleSize)")
        XCTAssertEqual(OfficePackage.text(right[1]), "Độc lập - Tự do - Hạnh phúc")
        XCTAssertEqual(try right[1].all("w:pPr/w:pBdr/w:bottom").count, 1)
        XCTAssertEqual(OfficePackage.text(right[2]), "Phong Dinh, ngày 05 tháng 01 năm 2028")

        let texts = try document.all("//w:body/w:p").map(OfficePackage.text)
        XCTAssertTrue(texts.contains { $0.hasSuffix("./.") }, "the body ends with ./.")
        let signature = try XCTUnwrap(try document.all("//w:body/w:tbl").last).all("w:tr/w:tc")
        XCTAssertEqual(
            try signature[1].all("w:p").map(OfficePackage.text).filter { !$0.isEmpty },
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        let recipientsHeading = try signature[0].all("w:p")[0]
        XCTAssertEqual(try runStyle(recipientsHeading), RunStyle(size: "24", bold: true, italic: true))
        XCTAssertEqual(try runStyle(try signature[0].all("w:p")[1]).size, "22", "the list in 11 pt")
        XCTAssertEqual(try signature[0].all("w:p").map(OfficePackage.text).last, "- Lưu: VT.")
    }

    func testEveryTargetHasARealWordFootnoteWithItsPlan() async throws {
        let report = try await ReportTestWorld.report()
        let package = try OfficePackage(try report.docx())
        let document = try package.xml("word/document.xml")
        let footnotes = try package.xml("word/footnotes.xml")

        let references = try document.all("//w:footnoteReference").compactMap { $0.attribute("id") }
        let notes = try footnotes.all("//w:footnote")
        XCTAssertEqual(notes.prefix(2).map { $0.attribute("id") }, ["-1", "0"])
        XCTAssertEqual(notes.prefix(2).map { $0.attribute("type") }, ["separator", "continuationSeparator"])
        XCTAssertEqual(try notes[0].all(".//w:separator").count, 1)
        XCTAssertEqual(references, report.assessed.assessments.indices.map { String($0 + 1) })
        let settings = try package.xml("word/settings.xml")
        XCTAssertEqual(try settings.all("//w:footnotePr/w:footnote").compactMap { $0.attribute("id") }, ["-1", "0"])
        for (index, assessment) in report.assessed.assessments.enumerated() {
            let note = try XCTUnwrap(notes.first { $0.attribute("id") == String(index + 1) })
            XCTAssertEqual(try note.all(".//w:footnoteRef").count, 1)
            XCTAssertTrue(
                OfficePackage.text(note).hasPrefix(" Kế hoạch: \(assessment.planText)"), OfficePackage.text(note))
        }
    }

    func testNarrativeSectionsAppearWhenWrittenAndAreLeftOutWhenEmpty() async throws {
        let bare = try OfficePackage(try await ReportTestWorld.report().docx()).paragraphs("word/document.xml")
        let written = try OfficePackage(
            try await ReportTestWorld.report(narrative: [
                .leadership: "Ban hành Chương trình hành động thực hiện Nghị quyết.",
                .highlights: "Kinh tế tăng trưởng khá.\nThu ngân sách vượt kế hoạch.",
                .tasksAhead: "Tập trung tháo gỡ khó khăn cho dự án.",
            ]).docx()
        ).paragraphs("word/document.xml")

        XCTAssertFalse(bare.contains { $0.contains("Những kết quả nổi bật") })
        XCTAssertFalse(bare.contains("PHẦN THỨ HAI"))
        XCTAssertTrue(bare.contains("A. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ"), "letters leave no gap")
        XCTAssertTrue(bare.contains("I. Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết"))
        XCTAssertTrue(written.contains("A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN NGHỊ QUYẾT"))
        XCTAssertTrue(written.contains("B. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ"))
        XCTAssertTrue(written.contains("I. Những kết quả nổi bật"))
        XCTAssertTrue(written.contains("II. Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết"))
        XCTAssertTrue(written.contains("Thu ngân sách vượt kế hoạch."))
        XCTAssertTrue(written.contains("PHẦN THỨ HAI"))
        XCTAssertTrue(written.contains("Tập trung tháo gỡ khó khăn cho dự án."))
    }

    func testDemoFiguresSayDemoOnEveryPageAndRealOnesDoNot() async throws {
        let demo = try OfficePackage(try await ReportTestWorld.report(isDemo: true).docx())
        let real = try OfficePackage(try await ReportTestWorld.report(isDemo: false).docx())

        let footer = try demo.paragraphs("word/footer1.xml").joined()
        XCTAssertTrue(footer.contains("Dữ liệu minh họa"))
        let references = try demo.xml("word/document.xml").all("//w:body/w:sectPr/w:footerReference")
        XCTAssertEqual(Set(references.compactMap { $0.attribute("type") }), ["default", "first"])
        XCTAssertNil(real.parts["word/footer1.xml"])
        XCTAssertFalse(String(decoding: real.parts["word/document.xml"]!, as: UTF8.self).contains("minh họa"))
    }

    func testTextOfficersTypeCannotBreakTheDocument() async throws {
        let hostile = "Dấu <b>&\"'\u{0001}\u{000B} vẫn an toàn"
        let report = try await ReportTestWorld.report(
            options: ReportOptions(signerName: hostile, recipients: [hostile]), narrative: [.lessons: hostile])
        let package = try OfficePackage(try report.docx())

        let texts = try package.paragraphs("word/document.xml")
        XCTAssertTrue(texts.contains { $0.contains("Dấu <b>&\"' vẫn an toàn") })
    }

    // MARK: - Helpers

    struct RunStyle: Equatable {
        var size: String?
        var bold: Bool
        var italic: Bool
    }

    /// The formatting of the first text run of a paragraph.
    private func runStyle(_ paragraph: XMLNode) throws -> RunStyle {
        let run = try XCTUnwrap(try paragraph.all("w:r").first { !(try $0.all("w:t")).isEmpty })
        return RunStyle(
            size: try run.all("w:rPr/w:sz").first?.attribute("val"), bold: !(try run.all("w:rPr/w:b")).isEmpty,
            italic: !(try run.all("w:rPr/w:i")).isEmpty)
    }
}
