import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One figure, one value: every number printed in a report comes from the data through the one
/// formatter, so reading the document back finds nothing the data does not say.
final class ReportFigureTests: XCTestCase {
    func testEveryNumberInTheCityReportIsAFigureOfTheData() async throws {
        try await checkEveryNumber(unitCode: "46")
    }

    func testEveryNumberInTheWardReportIsAFigureOfTheData() async throws {
        try await checkEveryNumber(unitCode: "19831", kind: .nam, body: .chinhQuyen)
    }

    func testEachTargetParagraphPrintsItsOwnFigureAndVerdictAndNoOtherNumber() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try report.docx())
        let paragraphs = try package.paragraphs("word/document.xml")
        let notes = try package.xml("word/footnotes.xml").all("//w:footnote").filter {
            Int($0.attribute("id") ?? "") ?? 0 > 0
        }

        for (index, assessment) in report.assessed.assessments.enumerated() {
            let number = assessment.target.number
            let paragraph = try XCTUnwrap(paragraphs.first { $0.hasPrefix("\(number). ") }, "target \(number)")
            let figure = try XCTUnwrap(assessment.figureText)
            XCTAssertTrue(
                paragraph.contains(figure.hasPrefix("giảm ") ? String(figure.dropFirst(5)) : figure),
                "\(number): \(paragraph) lacks \(figure)")
            XCTAssertTrue(paragraph.contains(Explanation.clause(for: assessment)), paragraph)
            var own: Set<String> = [String(number), String(assessment.target.deadlineYear)]
            own.formUnion(Self.numbers(in: figure))
            own.formUnion(Self.numbers(in: assessment.projectionText ?? ""))
            own.formUnion(assessment.period.years.map(String.init))
            own.formUnion(assessment.yearly.flatMap { [String($0.year), String($0.year + 1)] })
            own.formUnion(Self.numbers(in: indicatorName(assessment, report)))
            XCTAssertEqual(Self.numbers(in: paragraph).subtracting(own), [], "target \(number): \(paragraph)")

            // Its footnote gives the plan and the breakdown, read from the roll-up.
            let note = OfficePackage.text(notes[index])
            var expected = Self.numbers(in: assessment.planText)
            // A sum judged on its pace gives the share of the plan due and its year.
            if let pace = assessment.pace {
                expected.formUnion(Self.numbers(in: pace.dueText))
                expected.insert(String(pace.throughYear))
            }
            if let baseline = assessment.target.baseline {
                expected.formUnion(Self.numbers(in: FigureText.bound(baseline)))
            }
            let indicator = report.snapshot.rollUp.indicators[assessment.target.indicatorCode]
            for year in assessment.yearly {
                expected.insert(String(year.year))
                let figure = report.snapshot.rollUp.figure(
                    assessment.target.indicatorCode, unit: report.assessed.unit.unitID, period: .year(year.year)
                ).figure
                if let figure, let indicator {
                    expected.formUnion(
                        Self.numbers(in: VietnameseNumber.format(figure.number, decimals: indicator.decimals)))
                }
            }
            for year in assessment.yearly {
                let key = ValueKey(
                    indicatorCode: assessment.target.indicatorCode, unitID: report.assessed.unit.unitID,
                    period: .year(year.year))
                expected.formUnion(Self.numbers(in: report.snapshot.values.reported(key)?.note ?? ""))
            }
            XCTAssertEqual(Self.numbers(in: note).subtracting(expected), [], "footnote of \(number): \(note)")
        }
    }

    func testTableAndChartShowTheSameFiguresAndCountsAsTheText() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try report.docx())
        let tables = try package.xml("word/document.xml").all("//w:body/w:tbl")
        let rows = try tables[1].all("w:tr").map { try $0.all("w:tc").map(OfficePackage.text) }

        for assessment in report.assessed.assessments {
            let row = try XCTUnwrap(rows.first { $0.first == String(assessment.target.number) && $0.count == 5 })
            XCTAssertEqual(row[1], assessment.target.wording)
            XCTAssertEqual(row[2], assessment.planText)
            XCTAssertTrue(row[3].hasPrefix(try XCTUnwrap(assessment.tableFigureText)), row[3])
            XCTAssertEqual(row[4].lowercased(), assessment.verdictName)
        }

        let chart = try package.xml("word/charts/chart1.xml")
        var counted = 0.0
        for series in try chart.all("//c:ser") {
            counted += try series.all("c:val//c:v").compactMap { Double($0.stringValue ?? "") }.reduce(0, +)
        }
        XCTAssertEqual(Int(counted), report.assessed.assessments.count)
        let met = try XCTUnwrap(try chart.all("//c:ser").first)
        let metValues = try met.all("c:val//c:v").compactMap { Double($0.stringValue ?? "") }.reduce(0, +)
        XCTAssertEqual(Int(metValues), report.assessed.summary.metOrExceeded.count)
        let text = try package.paragraphs("word/document.xml").joined(separator: "\n")
        XCTAssertTrue(text.contains(ReportWording.summaryLine(report.assessed.summary)))
    }

    // MARK: - The check

    private func checkEveryNumber(
        unitCode: String, kind: ReportKind = .soKet, body: IssuingBodyKind? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let date = CivilDate(2027, 12, 14)
        let options = ReportOptions(kind: kind, body: body, number: "15", date: date)
        let report = try await ReportTestWorld.report(unitCode: unitCode, options: options)
        let package = try OfficePackage(try report.docx())
        let printed =
            try package.paragraphs("word/document.xml") + package.paragraphs("word/footnotes.xml")
            + package.paragraphs("word/footer1.xml")

        let allowed = allowedNumbers(report, date: date)
        var unexplained: [String: String] = [:]
        for paragraph in printed {
            for number in Self.numbers(in: paragraph) where !allowed.contains(number) {
                unexplained[number] = paragraph
            }
        }
        XCTAssertEqual(unexplained, [:], "numbers the data does not contain", file: file, line: line)
        XCTAssertFalse(printed.isEmpty, file: file, line: line)
    }

    /// Every number the data can print, written by the Vietnamese formatter: the figures, plans and
    /// projections of the assessment, the yearly figures read from the roll-up, baselines, target
    /// numbers, years, counts, dates, and the numbers inside names and wordings.
    private func allowedNumbers(_ report: ReviewReport, date: CivilDate) -> Set<String> {
        let assessed = report.assessed
        let snapshot = report.snapshot
        var allowed: Set<String> = ["1", "15"]  // "Biểu 1", "Hình 1"; the document number
        var texts = [
            assessed.resolution.title, assessed.resolution.symbol, assessed.unit.fullName,
            assessed.period.vietnameseLabel, VietnameseDate.long(assessed.resolution.adoptedOn),
            VietnameseDate.long(date),
        ]
        texts += assessed.resolution.revisions.flatMap { [$0.symbol, VietnameseDate.long($0.effectiveFrom)] }
        allowed.formUnion((assessed.resolution.termStart...assessed.resolution.termEnd + 5).map(String.init))
        allowed.formUnion([String(assessed.period.year), String(assessed.period.year + 1)])
        for assessment in assessed.assessments {
            let target = assessment.target
            allowed.insert(String(target.number))
            allowed.insert(String(target.deadlineYear))
            texts += [
                target.wording, assessment.figureText ?? "", assessment.tableFigureText ?? "", assessment.planText,
                assessment.projectionText ?? "", assessment.explanation,
            ]
            if let baseline = target.baseline { texts.append(FigureText.bound(baseline)) }
            guard let indicator = snapshot.rollUp.indicators[target.indicatorCode] else { continue }
            texts.append(indicator.name)
            for year in assessment.yearly {
                allowed.insert(String(year.year))
                if let figure = snapshot.rollUp.figure(
                    target.indicatorCode, unit: assessed.unit.unitID, period: .year(year.year)
                )
                .figure {
                    texts.append(VietnameseNumber.format(figure.number, decimals: indicator.decimals))
                }
                let key = ValueKey(
                    indicatorCode: target.indicatorCode, unitID: assessed.unit.unitID, period: .year(year.year))
                texts.append(snapshot.values.reported(key)?.note ?? "")
            }
        }
        let summary = assessed.summary
        for count in [
            summary.metOrExceeded.count, summary.nearlyMet.count, summary.notYetMet.count, summary.notMet.count,
            summary.noData.count, summary.total,
        ] {
            allowed.insert(VietnameseNumber.padded(count))
        }
        for text in texts { allowed.formUnion(Self.numbers(in: text)) }
        return allowed
    }

    private func indicatorName(_ assessment: Assessment, _ report: ReviewReport) -> String {
        guard let indicator = report.snapshot.rollUp.indicators[assessment.target.indicatorCode] else { return "" }
        return ReportWording.subject(of: assessment.target, indicator: indicator) + " " + indicator.name
    }

    /// The numbers in a text as printed: digits with their Vietnamese separators ("1.234,5",
    /// "07", "2026"); "2026–2027" holds two numbers.
    static func numbers(in text: String) -> Set<String> {
        var found: Set<String> = []
        var current = ""
        var pendingSeparator: Character?
        for character in text {
            if character.isASCII && character.isNumber {
                if let separator = pendingSeparator { current.append(separator) }
                pendingSeparator = nil
                current.append(character)
            } else if character == "." || character == ",", !current.isEmpty, pendingSeparator == nil {
                pendingSeparator = character
            } else {
                if !current.isEmpty { found.insert(current) }
                current = ""
                pendingSeparator = nil
            }
        }
        if !current.isEmpty { found.insert(current) }
        return found
    }
}
