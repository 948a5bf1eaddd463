import Foundation
import TiendoCore
import TiendoDemo
import TiendoDocuments
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication

/// A ward reporting through the Excel template and CSV files, as an officer would: the file
/// Tiendo gives, filled in Excel's ways, read back into the same workflow as the entry page.
final class FigureFileTests: XCTestCase {
    static let form = DemoData.formCode
    static let ward = "19831"
    static let officer = FigureFiles.Person(username: "phongdinh", displayName: "Cán bộ Phong Dinh")

    /// The twelve rows of the demo form, in order, with a figure for 2028 each typed another way.
    static let filled2028: [String: XlsxEditing.Content] = [
        "F3": .number(262.5),  // THU_NSNN, a number cell
        "F4": .text("1.410,25"),  // VON_DAU_TU, Vietnamese text
        "F5": .formula("300+80", cached: 380),  // LAO_DONG_VIEC_LAM, a formula Excel computed
        "F6": .sharedText("120"),  // SO_HO_NGHEO, typed text kept in the shared strings
        "F7": .number(10_250),
        "F8": .number(42_500),
        "F9": .text("44.100"),
        "F10": .number(22),
        "F11": .number(25),
        "F12": .number(30),
        "F13": .number(3_600),
        "F14": .number(3_700),
        "G4": .text("Ước tính"),
        "H4": .text("Số ước đến hết tháng 11"),
    ]

    func testAnUnusualFigureInTheTemplateIsRefusedAtItsCellUntilItsNoteColumnExplainsIt() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2028", store: store)
            var cells = Self.filled2028
            cells["F6"] = .number(12_500)  // SO_HO_NGHEO above TONG_SO_HO (F7: 10.250)
            let unexplained = try XlsxEditing.setting(cells, in: template.data)
            let before = try await store.values().all

            do {
                _ = try await FigureFiles.importTemplate(
                    data: unexplained, fileName: "phong-dinh-2028.xlsx", person: Self.officer, submit: false,
                    store: store)
                XCTFail("an unusual figure without its reason went in (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertEqual(failure.issues.count, 1, name)
                let issue = failure.issues.first?.description ?? ""
                XCTAssertTrue(issue.contains("ô F6"), issue)
                XCTAssertTrue(issue.contains("phần không thể lớn hơn tổng"), issue)
                XCTAssertTrue(issue.contains("hãy ghi lý do ở cột “Ghi chú” của dòng này"), issue)
            }
            let after = try await store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is written (\(name))")

            cells["H6"] = .text("Tính cả hộ nghèo của hai thôn mới sáp nhập")
            let explained = try XlsxEditing.setting(cells, in: template.data)
            let imported = try await FigureFiles.importTemplate(
                data: explained, fileName: "phong-dinh-2028.xlsx", person: Self.officer, submit: false, store: store)
            XCTAssertEqual(imported.outcome.inserted, 12, name)
            let flags = try await store.figureFlags(period: .year(2028))
            XCTAssertEqual(flags.map(\.key.indicatorCode), ["SO_HO_NGHEO"], name)
            XCTAssertEqual(flags.first?.note, "Tính cả hộ nghèo của hai thôn mới sáp nhập", name)
        }
    }

    func testAWardReportsAWholePeriodThroughTheTemplateAndAgainChangesNothing() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2028", store: store)
            let filled = try XlsxEditing.setting(Self.filled2028, in: template.data)

            let first = try await FigureFiles.importTemplate(
                data: filled, fileName: "phong-dinh-2028.xlsx", person: Self.officer, submit: false, store: store)
            let eventsAfterFirst = try await store.events(
                subject: "bao-cao:\(Self.form)/\(first.unit.unitID.rawValue)/2028")
            let again = try await FigureFiles.importTemplate(
                data: filled, fileName: "phong-dinh-2028.xlsx", person: Self.officer, submit: false, store: store)
            let eventsAfterAgain = try await store.events(
                subject: "bao-cao:\(Self.form)/\(first.unit.unitID.rawValue)/2028")
            let snapshot = try await store.snapshot()
            func value(_ code: String) -> IndicatorValue? {
                snapshot.values.reported(ValueKey(indicatorCode: code, unitID: first.unit.unitID, period: .year(2028)))
            }

            XCTAssertEqual(first.outcome, EntryOutcome(inserted: 12), name)
            XCTAssertEqual(again.outcome, EntryOutcome(unchanged: 12), "the same file again changes nothing (\(name))")
            XCTAssertEqual(eventsAfterAgain.count, eventsAfterFirst.count, name)
            XCTAssertEqual(value("THU_NSNN")?.number, 262.5, name)
            XCTAssertEqual(value("VON_DAU_TU")?.number, 1_410.25, name)
            XCTAssertEqual(value("VON_DAU_TU")?.status, .uoc, name)
            XCTAssertEqual(value("VON_DAU_TU")?.note, "Số ước đến hết tháng 11", name)
            XCTAssertEqual(value("LAO_DONG_VIEC_LAM")?.number, 380, "a formula's result is read (\(name))")
            XCTAssertEqual(value("SO_HO_NGHEO")?.number, 120, name)
            XCTAssertEqual(value("DAN_SO")?.number, 44_100, "“44.100” is forty-four thousand one hundred (\(name))")
            XCTAssertEqual(value("THU_NSNN")?.author, "Cán bộ Phong Dinh", name)

            let submission = try await store.submission(form: Self.form, unit: first.unit.unitID, period: .year(2028))
            XCTAssertEqual(submission.submission.status, .chuaNop, "a template is saved as a draft (\(name))")
            let submitted = try await FigureFiles.importTemplate(
                data: filled, fileName: "phong-dinh-2028.xlsx", person: Self.officer, submit: true, store: store)
            let after = try await store.submission(form: Self.form, unit: first.unit.unitID, period: .year(2028))
            XCTAssertTrue(submitted.outcome.submitted, name)
            XCTAssertEqual(after.submission.status, .daNop, name)
            XCTAssertEqual(after.submission.submittedBy, "Cán bộ Phong Dinh", name)
        }
    }

    func testEveryBadCellIsNamedBySheetAndCellAndNothingIsWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2028", store: store)
            var cells = Self.filled2028
            cells["F3"] = .text("hai trăm")  // text in a number cell
            cells["F6"] = .number(-4)  // a negative count of households
            cells["F7"] = .error("#DIV/0!")
            cells["F8"] = .formula("SUM(A1:A2)", cached: nil)  // a formula no spreadsheet computed
            cells["G9"] = .text("Tạm tính")
            cells["B11"] = .text("AN_KHAM_PHA")  // the row of AN_KHAM_PHA twice
            let bad = try XlsxEditing.setting(cells, in: template.data)
            let valuesBefore = try await store.values().all.count

            do {
                _ = try await FigureFiles.importTemplate(
                    data: bad, fileName: "loi.xlsx", person: Self.officer, submit: false, store: store)
                XCTFail("a file with bad cells must be refused (\(name))")
            } catch let failure as ImportFailure {
                let text = failure.report()
                XCTAssertTrue(text.contains("trang “Số liệu”, ô F3: “hai trăm”"), text)
                XCTAssertTrue(text.contains("ô F6: “-4”: số đếm không thể âm"), text)
                XCTAssertTrue(text.contains("ô F7: ô có lỗi Excel “#DIV/0!”"), text)
                XCTAssertTrue(text.contains("ô F8: ô có công thức nhưng chưa có kết quả"), text)
                XCTAssertTrue(text.contains("ô G9: tình trạng “Tạm tính” không hợp lệ"), text)
                XCTAssertTrue(text.contains("ô B11: chỉ tiêu “") && text.contains("đã có ở dòng 10"), text)
                XCTAssertTrue(text.contains("thiếu dòng của chỉ tiêu mã “AN_XAY_RA”"), text)
                XCTAssertTrue(failure.headline.contains("có 7 lỗi nên chưa nhập gì"), failure.headline)
            }
            let valuesAfter = try await store.values().all.count
            XCTAssertEqual(valuesAfter, valuesBefore, "nothing is written (\(name))")
        }
    }

    func testATemplateForAnotherUnitPeriodOrFormVersionIsRefusedWithTheReason() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2028", store: store)
            let filled = try XlsxEditing.setting(Self.filled2028, in: template.data)
            func refusal(_ data: Data, _ expecting: FigureFiles.Expectation) async -> String {
                do {
                    _ = try await FigureFiles.importTemplate(
                        data: data, fileName: "mau.xlsx", expecting: expecting, person: Self.officer, submit: false,
                        store: store)
                    return "accepted"
                } catch {
                    return String(describing: error)
                }
            }

            let otherWard = await refusal(filled, .init(formCode: Self.form, unitCode: "19753", periodID: "2028"))
            let otherYear = await refusal(filled, .init(formCode: Self.form, unitCode: Self.ward, periodID: "2027"))
            let stale = try XlsxEditing.setting(
                ["B6": .text("1-0000")], in: filled, sheet: "xl/worksheets/sheet3.xml")
            let changedForm = await refusal(stale, .init())
            let notATemplate = await refusal(try filled.replacingSheetName(), .init())

            XCTAssertTrue(
                otherWard.contains("tệp là mẫu của Phường Phong Dinh, không phải của đơn vị đang nhập"), otherWard)
            XCTAssertTrue(otherYear.contains("tệp là mẫu của năm 2028, không phải kỳ đang nhập (năm 2027)"), otherYear)
            XCTAssertTrue(changedForm.contains("đã thay đổi") && changedForm.contains("hãy tải mẫu mới"), changedForm)
            XCTAssertTrue(notATemplate.contains("không phải mẫu nhập số liệu của Tiến độ"), notATemplate)
            let values = try await store.values().all.filter { $0.period == .year(2028) }
            XCTAssertTrue(values.isEmpty, name)
        }
    }

    func testCSVValuesGoOutAndComeBackWithEitherSeparator() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let exported = try await FigureFiles.valuesCSV(store: store, unitCode: Self.ward, periodID: "2027")
            let lines = exported.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            // One figure changed, as a clerk would in Excel (the version cell kept); the rest as exported.
            let original = try XCTUnwrap(lines.first { $0.contains(";SO_HO_NGHEO;") })
            let edited = exported.replacingOccurrences(
                of: original,
                with: "19831;SO_HO_NGHEO;2027;131;Chính thức;Đã rà soát;"
                    + (original.split(separator: ";").last.map(String.init) ?? ""))
            let commaSeparated =
                "ma_don_vi,ma_chi_tieu,ky,gia_tri\n19831,TONG_SO_HO,2028,\"10.300\"\n19831,THU_NSNN,2028,\"1.265,5\"\n"

            let roundTrip = try await FigureFiles.importCSV(
                text: exported, fileName: "xuat.csv", person: Self.officer, store: store)
            let changed = try await FigureFiles.importCSV(
                text: edited, fileName: "sua.csv", person: Self.officer, store: store)
            let comma = try await FigureFiles.importCSV(
                text: commaSeparated, fileName: "phay.csv", person: Self.officer, store: store)
            let snapshot = try await store.snapshot()
            let unit = try XCTUnwrap(snapshot.directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))

            XCTAssertTrue(
                exported.hasPrefix("\u{FEFF}ma_don_vi;ma_chi_tieu;ky;gia_tri;tinh_trang;ghi_chu;phien_ban\r\n"), name)
            XCTAssertTrue(lines.count > 10, name)
            XCTAssertEqual(roundTrip.counts.unchanged, lines.count - 1, "an export read back changes nothing (\(name))")
            XCTAssertEqual(roundTrip.counts.updated + roundTrip.counts.inserted, 0, name)
            XCTAssertEqual(changed.counts.updated, 1, name)
            XCTAssertEqual(comma.counts.inserted, 2, name)
            let households = snapshot.values.reported(
                ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: unit.unitID, period: .year(2027)))
            XCTAssertEqual(households?.number, 131, name)
            XCTAssertEqual(households?.note, "Đã rà soát", name)
            XCTAssertEqual(
                snapshot.values.reported(ValueKey(indicatorCode: "THU_NSNN", unitID: unit.unitID, period: .year(2028)))?
                    .number, 1_265.5, name)
        }
    }

    func testBadCSVFilesAreRefusedWithTheLineAndNothingIsWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let valuesBefore = try await store.values().all
            let expectations = [
                "csv-trung-dong.csv":
                    "dòng 3, cột “ma_chi_tieu”: chỉ tiêu “Số hộ nghèo (chuẩn đa chiều)” của Phường Phong Dinh, năm 2027 đã có ở dòng 2",
                "csv-chu-trong-o-so.csv": "dòng 2, cột “gia_tri”: “một trăm”",
                "csv-so-dem-am.csv": "dòng 2, cột “gia_tri”: “-3”: số đếm không thể âm",
            ]
            for (file, expected) in expectations {
                let text = try String(contentsOf: BadInput.url(file), encoding: .utf8)
                do {
                    _ = try await FigureFiles.importCSV(text: text, fileName: file, person: Self.officer, store: store)
                    XCTFail("\(file) must be refused (\(name))")
                } catch let failure as ImportFailure {
                    XCTAssertTrue(failure.report().contains(expected), "\(file): \(failure.report())")
                }
            }
            XCTAssertThrowsError(
                try ImportEncoding.decode(
                    try Data(contentsOf: BadInput.url("csv-khong-phai-utf8.csv")), fileName: "csv-khong-phai-utf8.csv")
            ) { error in
                XCTAssertTrue(String(describing: error).contains("tệp không phải văn bản UTF-8"), "\(error)")
            }

            // A figure of a submitted report is locked for files too.
            let directory = try await store.snapshot().directory
            let unit = try XCTUnwrap(directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))
            let stored = try await store.submission(form: Self.form, unit: unit.unitID, period: .year(2027))
            try await store.saveSubmission(
                try SubmissionWorkflow.submit(stored.submission, by: "Cán bộ", at: Date()),
                expectedVersion: stored.version)
            do {
                _ = try await FigureFiles.importCSV(
                    text: "ma_don_vi;ma_chi_tieu;ky;gia_tri\n19831;SO_HO_NGHEO;2027;99\n", fileName: "khoa.csv",
                    person: Self.officer, store: store)
                XCTFail("a locked figure must be refused (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.report().contains("đã nộp hoặc đã duyệt nên đã khóa"), failure.report())
            }
            let valuesAfter = try await store.values().all
            XCTAssertEqual(Set(valuesAfter), Set(valuesBefore), "nothing is written (\(name))")
        }
    }
}

/// Tests/Fixtures/bad-input, found from this file's path.
enum BadInput {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bad-input/\(name)")
    }
}

extension Data {
    /// The workbook with its key sheet renamed, as if someone renamed the hidden tab.
    fileprivate func replacingSheetName() throws -> Data {
        var parts = try OfficeZip.read(self)
        let workbook = String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self)
        parts["xl/workbook.xml"] = Data(
            workbook.replacingOccurrences(of: "name=\"Khóa\"", with: "name=\"Khoa cu\"").utf8)
        return try OfficeZip.write(parts.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }
}
