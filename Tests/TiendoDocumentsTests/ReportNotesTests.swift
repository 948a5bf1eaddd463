import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

/// Issue 23 item 4: the notes officers attach when entering figures are working notes; the
/// report that is signed never prints them (the annex keeps them).
final class ReportNotesTests: XCTestCase {
    func testNoEntryNoteReachesTheReportsFootnotes() async throws {
        var notesSeen = 0
        for unitCode in ["46", "19831"] {
            let report = try await ReportTestWorld.report(unitCode: unitCode)
            let unit = report.assessed.unit.unitID
            var notes = Set<String>()
            for assessment in report.assessed.assessments {
                let periods = assessment.yearly.map { Period.year($0.year) } + [assessment.period]
                for period in periods {
                    let key = ValueKey(indicatorCode: assessment.target.indicatorCode, unitID: unit, period: period)
                    if let note = report.snapshot.values.reported(key)?.note, !note.isEmpty { notes.insert(note) }
                }
            }
            notesSeen += notes.count
            let package = try OfficePackage(try report.docx())
            // (A note may happen to read like a column header, "Ước thực hiện năm 2027", so the
            // notes are looked for where they used to be printed: the footnotes.)
            let footnotes = try package.paragraphs("word/footnotes.xml").joined(separator: "\n")
            for note in notes {
                XCTAssertFalse(footnotes.contains(note), "\(unitCode): “\(note)” is printed")
            }
            let body = try package.paragraphs("word/document.xml").joined(separator: "\n")
            XCTAssertFalse((footnotes + body).contains("Ghi chú"), unitCode)
        }
        XCTAssertGreaterThan(notesSeen, 0, "the demo's figures carry notes, so the test can fail")
    }
}
