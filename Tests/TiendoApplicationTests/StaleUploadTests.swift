import Foundation
import TiendoCore
import TiendoDemo
import TiendoDocuments
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication

/// A ward downloads a file, someone changes figures on screen, then the older file comes back:
/// nothing is silently put back. And what files may carry: no computed figure, no absurd
/// number, no formula that a spreadsheet would run.
final class StaleUploadTests: XCTestCase {
    static let form = DemoData.formCode
    static let ward = "19831"
    static let officer = FigureFiles.Person(username: "phongdinh", displayName: "Cán bộ Phong Dinh")
    static let changedOnScreen = ["THU_NSNN", "VON_DAU_TU", "LAO_DONG_VIEC_LAM", "SO_HO_NGHEO"]

    /// Changes `codes` of the ward's 2027 figures by one, as another officer on the entry page.
    static func changeOnScreen(_ codes: [String], store: TiendoStore) async throws -> UnitID {
        let snapshot = try await store.snapshot()
        let unit = try XCTUnwrap(snapshot.directory.unit(code: ward, on: CivilDate(2027, 12, 31)))
        for code in codes {
            let key = ValueKey(indicatorCode: code, unitID: unit.unitID, period: .year(2027))
            let current = try XCTUnwrap(snapshot.values.reported(key), code)
            var next = current
            next.number += 1
            next.author = "Cán bộ Thống kê B"
            next.enteredAt = Date(timeIntervalSince1970: 1_796_000_000)  // 30/11/2026 07:53 in Vietnam
            _ = try await store.saveValue(next, expectedVersion: current.version)
        }
        return unit.unitID
    }

    func testAnOlderTemplateIsRefusedWithEveryFigureChangedSinceAndNothingIsWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2027", store: store)
            let unit = try await Self.changeOnScreen(Self.changedOnScreen, store: store)
            let before = try await store.values().all

            do {
                _ = try await FigureFiles.importTemplate(
                    data: template.data, fileName: "cu.xlsx", person: Self.officer, submit: false, store: store)
                XCTFail("an older template must be refused (\(name))")
            } catch let failure as ImportFailure {
                let report = failure.report()
                XCTAssertTrue(report.contains("4 số liệu trong tệp đã được sửa trên Tiến độ sau khi tải tệp"), report)
                let now = try await store.snapshot().values
                let revenue = try XCTUnwrap(
                    now.reported(ValueKey(indicatorCode: "THU_NSNN", unitID: unit, period: .year(2027))))
                let status = revenue.status == .uoc ? " (ước)" : ""
                XCTAssertTrue(
                    report.contains(
                        "Thu ngân sách nhà nước trên địa bàn (THU_NSNN): trong tệp "
                            + VietnameseNumber.format(revenue.number - 1, maxDecimals: 6) + status + ", hiện nay "
                            + VietnameseNumber.format(revenue.number, maxDecimals: 6) + status
                            + " — Cán bộ Thống kê B đã sửa lúc 30/11/2026 07:53"), report)
                for code in Self.changedOnScreen {
                    XCTAssertTrue(report.contains("(\(code))"), "\(code) is named: \(report)")
                }
                XCTAssertTrue(report.contains("trang “Số liệu”"), "the rows are named: \(report)")
            }
            let after = try await store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is written (\(name))")
        }
    }

    func testAFreshTemplateGoesInAndTheOutcomeNamesWhatChanged() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            // Someone changes a figure, then the ward downloads the template: it is not stale.
            _ = try await Self.changeOnScreen(["THU_NSNN"], store: store)
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2027", store: store)
            let unchanged = try await FigureFiles.importTemplate(
                data: template.data, fileName: "moi.xlsx", person: Self.officer, submit: false, store: store)
            XCTAssertEqual(unchanged.outcome, EntryOutcome(unchanged: 12), name)

            let snapshot = try await store.snapshot()
            let unit = try XCTUnwrap(snapshot.directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))
            let households = try XCTUnwrap(
                snapshot.values.reported(
                    ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: unit.unitID, period: .year(2027))))
            let filled = try XlsxEditing.setting(["F6": .number(households.number + 7)], in: template.data)
            let result = try await FigureFiles.importTemplate(
                data: filled, fileName: "moi.xlsx", person: Self.officer, submit: false, store: store)
            XCTAssertEqual(result.outcome, EntryOutcome(updated: 1, unchanged: 11), name)
            // The template carries the status too, so an estimate stays an estimate.
            let status = households.status == .uoc ? " (ước)" : ""
            XCTAssertEqual(
                result.changeLines(),
                [
                    "Số hộ nghèo (chuẩn đa chiều): \(VietnameseNumber.format(households.number, maxDecimals: 6))\(status) → "
                        + VietnameseNumber.format(households.number + 7, maxDecimals: 6) + status
                ], name)
        }
    }

    func testAnOldTemplateWithoutVersionsMayAddFiguresButNotOverwriteThem() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            // A template made before versions were recorded: its key sheet lacks the marker row.
            func old(_ period: String) async throws -> Data {
                let template = try await FigureFiles.template(
                    formCode: Self.form, unitCode: Self.ward, periodID: period, store: store)
                return try XlsxEditing.setting(
                    ["A7": .text("cu"), "B7": .text("")], in: template.data, sheet: "xl/worksheets/sheet3.xml")
            }
            let overwriting = try XlsxEditing.setting(["F6": .number(999)], in: try await old("2027"))
            do {
                _ = try await FigureFiles.importTemplate(
                    data: overwriting, fileName: "cu.xlsx", person: Self.officer, submit: false, store: store)
                XCTFail("an old template must not overwrite a figure (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.report().contains("tệp mẫu cũ không ghi phiên bản số liệu"), failure.report())
                XCTAssertTrue(failure.report().contains("(SO_HO_NGHEO): trong tệp 999"), failure.report())
            }
            let adding = try XlsxEditing.setting(["F3": .number(250)], in: try await old("2029"))
            let added = try await FigureFiles.importTemplate(
                data: adding, fileName: "cu-2029.xlsx", person: Self.officer, submit: false, store: store)
            XCTAssertEqual(added.outcome.inserted, 1, "a figure not entered yet may be added (\(name))")
        }
    }

    func testAnOlderCSVExportIsRefusedAndOneWithoutVersionsStillWorks() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let exported = try await FigureFiles.valuesCSV(store: store, unitCode: Self.ward, periodID: "2027")
            let roundTrip = try await FigureFiles.importCSV(
                text: exported, fileName: "xuat.csv", person: Self.officer, store: store)
            XCTAssertEqual(roundTrip.counts.updated + roundTrip.counts.inserted, 0, name)
            _ = try await Self.changeOnScreen(["SO_HO_NGHEO"], store: store)
            let before = try await store.values().all
            // The clerk changes another figure of the older export and uploads it.
            let lines = exported.components(separatedBy: "\r\n")
            let revenue = try XCTUnwrap(lines.first { $0.contains(";THU_NSNN;2027;") })
            var cells = revenue.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            cells[3] = "1.234,5"
            let edited = exported.replacingOccurrences(of: revenue, with: cells.joined(separator: ";"))
            do {
                _ = try await FigureFiles.importCSV(
                    text: edited, fileName: "cu.csv", person: Self.officer, store: store)
                XCTFail("an older export must be refused (\(name))")
            } catch let failure as ImportFailure {
                let report = failure.report()
                XCTAssertTrue(report.contains("1 số liệu trong tệp đã được sửa trên Tiến độ sau khi tải tệp"), report)
                XCTAssertTrue(
                    report.contains(
                        "Số hộ nghèo (chuẩn đa chiều) (SO_HO_NGHEO), Phường Phong Dinh, năm 2027: trong tệp"),
                    report)
                XCTAssertTrue(report.contains("Cán bộ Thống kê B đã sửa lúc 30/11/2026 07:53"), report)
                XCTAssertFalse(report.contains("(THU_NSNN)"), "the clerk's own change is not a conflict: \(report)")
            }
            let after = try await store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is written (\(name))")

            // Without the version column the file is read as before (a bulk file made elsewhere).
            let plain = try await FigureFiles.importCSV(
                text: "ma_don_vi;ma_chi_tieu;ky;gia_tri\n19831;THU_NSNN;2027;1.234,5\n", fileName: "tay.csv",
                person: Self.officer, store: store)
            XCTAssertEqual(plain.counts.updated, 1, name)
            XCTAssertEqual(plain.changeLines().count, 1, name)
            XCTAssertTrue(
                plain.changeLines()[0].hasPrefix("Thu ngân sách nhà nước trên địa bàn — Phường Phong Dinh, năm 2027: "),
                plain.changeLines()[0])
            XCTAssertTrue(plain.changeLines()[0].hasSuffix(" → 1.234,5"), plain.changeLines()[0])
        }
    }

    func testFilesRefuseAbsurdNumbersAndFiguresTiendoComputes() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let before = try await store.values().all
            let expectations = [
                "19831;THU_NSNN;2028;" + "1" + String(repeating: "0", count: 20):
                    "số liệu quá lớn; chỉ nhận từ -1.000.000.000.000.000 đến 1.000.000.000.000.000 tỷ đồng",
                "19831;SO_HO_NGHEO;2028;" + "1" + String(repeating: "0", count: 40):
                    "số đếm quá lớn; chỉ nhận từ 0 đến 1.000.000.000.000 hộ",
                "19831;NV_QUA_HAN_CHUA_HOAN_THANH;2027;0": "do Tiến độ tự tính từ theo dõi nhiệm vụ",
                "19831;TY_LE_NV_DUNG_HAN;2027;100": "do Tiến độ tự tính từ theo dõi nhiệm vụ",
            ]
            for (line, expected) in expectations {
                do {
                    _ = try await FigureFiles.importCSV(
                        text: "ma_don_vi;ma_chi_tieu;ky;gia_tri\n" + line + "\n", fileName: "x.csv",
                        person: Self.officer, store: store)
                    XCTFail("\(line) must be refused (\(name))")
                } catch let failure as ImportFailure {
                    XCTAssertTrue(failure.report().contains(expected), "\(line): \(failure.report())")
                }
            }
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2028", store: store)
            do {
                _ = try await FigureFiles.importTemplate(
                    data: try XlsxEditing.setting(["F3": .number(1.7e308)], in: template.data), fileName: "lon.xlsx",
                    person: Self.officer, submit: false, store: store)
                XCTFail("1,7e308 in a template must be refused (\(name))")
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.report().contains("ô F3"), failure.report())
                XCTAssertTrue(failure.report().contains("số liệu quá lớn"), failure.report())
            }
            let after = try await store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is written (\(name))")
        }
    }

    func testExportedNotesNeverRunAsFormulasAndComeBackAsTyped() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let snapshot = try await store.snapshot()
            let unit = try XCTUnwrap(snapshot.directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))
            let notes = [
                "THU_NSNN": "=HYPERLINK(\"http://evil.example\";\"bấm\")", "VON_DAU_TU": "+1+1",
                "LAO_DONG_VIEC_LAM": "-2 hộ chuyển đi", "SO_HO_NGHEO": "@SUM(A1)", "TONG_SO_HO": "'=1+1",
            ]
            for (code, note) in notes {
                let key = ValueKey(indicatorCode: code, unitID: unit.unitID, period: .year(2027))
                var value = try XCTUnwrap(snapshot.values.reported(key), code)
                let version = value.version
                value.note = note
                _ = try await store.saveValue(value, expectedVersion: version)
            }
            let exported = try await FigureFiles.valuesCSV(store: store, unitCode: Self.ward, periodID: "2027")
            let cells = exported.components(separatedBy: "\r\n").flatMap { $0.split(separator: ";").map(String.init) }
            XCTAssertTrue(exported.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"bấm\"\")\""), exported)
            XCTAssertTrue(cells.contains("'+1+1"), exported)
            XCTAssertTrue(cells.contains("'-2 hộ chuyển đi"), exported)
            XCTAssertTrue(cells.contains("'@SUM(A1)"), exported)
            XCTAssertTrue(cells.contains("''=1+1"), "a quote typed by the officer is kept: \(exported)")
            for cell in cells {
                XCTAssertFalse(
                    cell.hasPrefix("=") || cell.hasPrefix("+") || cell.hasPrefix("@")
                        || (cell.hasPrefix("-") && Double(cell.replacingOccurrences(of: ",", with: ".")) == nil
                            && !cell.allSatisfy { "-0123456789.,".contains($0) }),
                    "a cell a spreadsheet would run: \(cell)")
            }

            let back = try await FigureFiles.importCSV(
                text: exported, fileName: "xuat.csv", person: Self.officer, store: store)
            XCTAssertEqual(back.counts.updated + back.counts.inserted, 0, "the notes come back as typed (\(name))")
            let after = try await store.snapshot().values
            for (code, note) in notes {
                XCTAssertEqual(
                    after.reported(ValueKey(indicatorCode: code, unitID: unit.unitID, period: .year(2027)))?.note, note,
                    name)
            }

            // The template keeps a note as text: an inline string, never a formula.
            let template = try await FigureFiles.template(
                formCode: Self.form, unitCode: Self.ward, periodID: "2027", store: store)
            let sheets = try XlsxReader.read(data: template.data)
            let data = try XCTUnwrap(sheets.first { $0.name == EntryTemplate.dataSheet })
            XCTAssertEqual(
                data.cell(column: EntryTemplate.noteColumn, row: 3),
                .text("=HYPERLINK(\"http://evil.example\";\"bấm\")"))
            let again = try await FigureFiles.importTemplate(
                data: template.data, fileName: "mau.xlsx", person: Self.officer, submit: false, store: store)
            XCTAssertEqual(again.outcome, EntryOutcome(unchanged: 12), name)
        }
    }

    func testNeutralisingIsUndoneExactlyAndLeavesNumbersAlone() {
        let texts = [
            "=1+1", "'=1+1", "''=1+1", "+84 234", "-", "-2 hộ", "@a", "\tx", "'", "'abc", "abc", "", "-1.234,5",
            "+3", "-0,5", "1.234",
        ]
        for text in texts {
            XCTAssertEqual(CSVWriter.restoredText(CSVWriter.neutralised(text)), text, text)
        }
        XCTAssertEqual(CSVWriter.neutralised("-1.234,5"), "-1.234,5", "a negative number stays a number")
        XCTAssertEqual(CSVWriter.neutralised("=1+1"), "'=1+1")
        XCTAssertEqual(CSVWriter.neutralised("-1+1"), "'-1+1")
        XCTAssertEqual(CSVWriter.text([["-5", "=cmd"]]), "\u{FEFF}-5;'=cmd\r\n")
    }
}
