import Foundation
import TiendoCore

/// Tiendo's data for the unit and period a report is about, to check the report's figures against
/// ("the report says 243, the data says 247").
public struct CheckDataContext: Sendable {
    /// Where figures come from.
    public var rollUp: RollUp
    /// The unit the report is about.
    public var unitID: UnitID
    /// The unit's name as shown in findings: "phường Phong Dinh".
    public var unitName: String
    /// The period the report is about; undated figures of the report are read as this period's.
    public var period: Period

    /// Creates a context from a roll-up.
    public init(rollUp: RollUp, unitID: UnitID, unitName: String, period: Period) {
        self.rollUp = rollUp
        self.unitID = unitID
        self.unitName = unitName
        self.period = period
    }

    /// Creates a context from a snapshot and a unit version.
    public init(snapshot: Snapshot, unit: UnitVersion, period: Period) {
        self.init(rollUp: snapshot.rollUp, unitID: unit.unitID, unitName: unit.fullName, period: period)
    }
}

/// Kiểm tra số liệu: reads a narrative report and points at every contradiction between its
/// figures before it is signed — a figure restated with another value, "x/y … z%" where z is not
/// x ÷ y, parts that do not add up to their total, a verdict that its figure and plan contradict,
/// a count of targets met that disagrees with the list — and, given Tiendo's data, figures that
/// differ from it. Pure: no database, no files.
public enum ReportCheck {

    /// Audits a plain-text report (see ``CheckDocument/init(plainText:)`` for how footnotes and
    /// tables are written).
    public static func run(text: String, data: CheckDataContext? = nil) -> CheckReport {
        run(document: CheckDocument(plainText: text), data: data)
    }

    /// Audits a report already split into paragraphs, table rows and footnotes (a .docx read by
    /// TiendoDocuments' `DocxTextReader`).
    public static func run(document: CheckDocument, data: CheckDataContext? = nil) -> CheckReport {
        var run = CheckRun(reading: CheckReading(document: document))
        run.checkPartsAndTotals()
        run.checkFractionsAndPercentages()
        run.checkSharesOfStatedTotals()
        run.checkVerdicts()
        run.checkVerdictCounts()
        run.checkRestatedFigures()
        if let data { run.checkAgainstData(data) }
        return run.report()
    }

    /// Every figure read from a report, in reading order: the Vietnamese number and quantity
    /// extractor on its own ("7.943 tỷ đồng", "13,7%/năm", "28/38 trường", "năm 2022: 65",
    /// "trên 93%", "14-15%"), with subject, period, unit and footnotes.
    public static func figures(in document: CheckDocument) -> [CheckFigure] {
        CheckReading(document: document).figures
    }

    /// The figures of a plain text.
    public static func figures(inText text: String) -> [CheckFigure] {
        figures(in: CheckDocument(plainText: text))
    }
}

/// One audit in progress: the reading, what was checked and what was found.
struct CheckRun {
    var reading: CheckReading
    var coverage = CheckCoverage()
    var findings: [CheckFinding] = []
    /// Parent figure of each breakdown part (by figure index).
    var parentOfPart: [Int: Int] = [:]
    /// Percentages found written next to a fraction (by figure index).
    var fractionPercentPartners: [Int] = []

    init(reading: CheckReading) {
        self.reading = reading
        coverage.figures = reading.figures.count
        coverage.paragraphs = reading.document.paragraphCount
        coverage.footnotes = reading.document.footnoteCount
        coverage.tableRows = reading.document.tableRowCount
    }

    var figures: [CheckFigure] { reading.figures }

    mutating func add(_ finding: CheckFinding) {
        if !findings.contains(finding) { findings.append(finding) }
    }

    /// The report: serious findings first, then in reading order of their first passage.
    func report() -> CheckReport {
        let order = Dictionary(
            reading.blocks.enumerated().map { ($0.element.block.location, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let sorted = findings.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity < rhs.element.severity }
            let l = lhs.element.passages.first.flatMap { order[$0.location] } ?? Int.max
            let r = rhs.element.passages.first.flatMap { order[$0.location] } ?? Int.max
            if l != r { return l < r }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return CheckReport(coverage: coverage, findings: sorted)
    }
}
