import XCTest

@testable import TiendoImport

final class CSVReaderTests: XCTestCase {
    func testQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws {
        let text = "a,b,c\n1,\"Tổ 1, khu vực 2\",\"Tổ \"\"Số 1\"\"\"\n2,\"hai\ndòng\",x\n3,y,z"

        let records = try CSVReader.read(text, fileName: "t.csv")

        XCTAssertEqual(
            records.map(\.fields),
            [
                ["a", "b", "c"], ["1", "Tổ 1, khu vực 2", "Tổ \"Số 1\""], ["2", "hai\ndòng", "x"], ["3", "y", "z"],
            ])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 5], "a record after a quoted line break starts one line later")
    }

    func testByteOrderMarkCRLFAndLoneCR() throws {
        let text = "\u{FEFF}a,b\r\n1,2\r\n\"x\r\ny\",3\r4,5\r\n"

        let records = try CSVReader.read(text, fileName: "t.csv")

        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["1", "2"], ["x\r\ny", "3"], ["4", "5"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 5])
    }

    func testEmptyRowsAreSkippedButCountedInLineNumbers() throws {
        let text = "a,b\n\n,\n1,2\n   \n3,4"

        let records = try CSVReader.read(text, fileName: "t.csv")

        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(records.map(\.line), [1, 4, 6])
    }

    func testEmptyQuotedFieldsAndTrailingEmptyField() throws {
        let records = try CSVReader.read("\"\",x,\n", fileName: "t.csv")

        XCTAssertEqual(records.map(\.fields), [["", "x", ""]])
    }

    func testUnclosedQuoteNamesTheLineWhereItOpened() {
        let text = "a,b\n1,\"Phường\n2,3\n"

        XCTAssertThrowsError(try CSVReader.read(text, fileName: "t.csv")) { error in
            let failure = error as! ImportFailure
            XCTAssertEqual(failure.issues.count, 1)
            XCTAssertEqual(failure.issues[0].line, 2)
            XCTAssertTrue(failure.description.contains("không được đóng"), failure.description)
        }
    }

    func testTextAfterClosingQuoteIsReported() {
        XCTAssertThrowsError(try CSVReader.read("a,b\n\"Huế\"x,1\n", fileName: "t.csv")) { error in
            let failure = error as! ImportFailure
            XCTAssertEqual(failure.issues.map(\.line), [2])
            XCTAssertTrue(failure.description.contains("viết hai lần"), failure.description)
        }
    }

    func testTableFindsColumnsInAnyOrderAndReportsWrongCellCounts() throws {
        let text = "y,x\n1,2\n3\n4,5,6\n"

        let table = try CSVTable.read(text, fileName: "t.csv", requiredColumns: ["x", "y"])

        XCTAssertEqual(table.rows.map(\.line), [2])
        XCTAssertEqual(table.value(table.rows[0], "x"), "2")
        XCTAssertEqual(table.value(table.rows[0], "y"), "1")
        XCTAssertEqual(table.problems.map(\.line), [3, 4])
        XCTAssertTrue(table.problems[0].reason.contains("dòng có 1 ô nhưng dòng tiêu đề có 2 cột"), "\(table.problems)")
    }

    func testMissingColumnSuggestsTheMisspeltOne() {
        XCTAssertThrowsError(
            try CSVTable.read("code,parentcode\n01,\n", fileName: "t.csv", requiredColumns: ["code", "parent_code"])
        ) { error in
            let failure = error as! ImportFailure
            XCTAssertEqual(failure.issues.count, 1)
            XCTAssertEqual(failure.issues[0].field, "parent_code")
            XCTAssertTrue(failure.issues[0].reason.contains("“parentcode”"), failure.description)
        }
    }

    func testEmptyFile() {
        XCTAssertThrowsError(try CSVTable.read("\u{FEFF}", fileName: "t.csv", requiredColumns: ["a"])) { error in
            XCTAssertTrue((error as! ImportFailure).description.contains("tệp trống"))
        }
    }
}
