import Foundation
import TiendoCore

/// A review report (báo cáo sơ kết / tổng kết / năm) written from the data: the Word document an
/// office prints, laid out as format.md says for the issuing body, in the outline of domain.md.
/// Part B.II, the table and the chart come from the assessment; the other sections are what
/// officers wrote (``Narrative``) and are left out when empty.
///
/// ```swift
/// let assessed = try ReportSubject.assess(snapshot: snapshot, unitCode: "19831", resolutionID: nil, periodID: "2027")
/// let report = ReviewReport(assessed: assessed, snapshot: snapshot, narrative: narrative,
///                           options: ReportOptions(kind: .soKet), isDemo: try await store.isDemo())
/// let docx = try report.docx()          // the .docx bytes
/// let xlsx = try report.annex()         // the Excel annex
/// let name = report.fileName            // "bao-cao-so-ket-2027-phuong-phong-dinh.docx"
/// ```
public struct ReviewReport: Sendable {
    /// The targets judged.
    public let assessed: UnitAssessment
    /// The data the assessment was made from (indicators, figures and their notes, the hierarchy).
    public let snapshot: Snapshot
    /// What officers wrote.
    public let narrative: Narrative
    /// Kind, format, number, date and signature.
    public let options: ReportOptions
    /// Whether the figures are the demo's: every page then says "Dữ liệu minh họa".
    public let isDemo: Bool

    /// The media type of a .docx, for a download.
    public static let docxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// The media type of a .xlsx, for a download.
    public static let xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The words printed at the foot of every page of a document showing demo figures.
    public static let demoNotice = "Dữ liệu minh họa – các số liệu trong tài liệu này không phải số liệu thật."

    /// Creates a report.
    public init(
        assessed: UnitAssessment, snapshot: Snapshot, narrative: Narrative, options: ReportOptions, isDemo: Bool
    ) {
        self.assessed = assessed
        self.snapshot = snapshot
        self.narrative = narrative
        self.options = options
        self.isDemo = isDemo
    }

    /// Makes the .docx of the report on `unitCode`'s resolution at `periodID` in one call.
    public static func make(
        snapshot: Snapshot, unitCode: String, resolutionID: String?, periodID: String, narrative: Narrative? = nil,
        options: ReportOptions = ReportOptions(), isDemo: Bool
    ) throws -> Data {
        let assessed = try ReportSubject.assess(
            snapshot: snapshot, unitCode: unitCode, resolutionID: resolutionID, periodID: periodID)
        let text =
            narrative ?? Narrative(unitID: assessed.unit.unitID, period: assessed.period, kind: options.kind)
        return try ReviewReport(
            assessed: assessed, snapshot: snapshot, narrative: text, options: options, isDemo: isDemo
        ).docx()
    }

    /// The .docx bytes.
    public func docx() throws -> Data {
        try DocxWriter.write(document())
    }

    /// The Excel annex: every target and every figure it used (see ``ReportAnnex``).
    public func annex() throws -> Data {
        try ReportAnnex(assessed: assessed, snapshot: snapshot, isDemo: isDemo, created: created).xlsx()
    }

    /// A file name for the document: "bao-cao-so-ket-2027-phuong-phong-dinh.docx".
    public var fileName: String { baseName + ".docx" }

    /// A file name for the PDF: "bao-cao-so-ket-2027-phuong-phong-dinh.pdf".
    public var pdfFileName: String { baseName + ".pdf" }

    /// A file name for the annex: "phu-luc-so-ket-2027-phuong-phong-dinh.xlsx".
    public var annexFileName: String {
        "phu-luc-\(options.kind.rawValue)-\(assessed.period.id.lowercased())-\(slug(assessed.unit.fullName)).xlsx"
    }

    /// The layout this report follows.
    var layout: ReportLayout {
        let asOf = assessed.period.span(in: .statistical).end
        let parent = assessed.unit.parentID.flatMap {
            snapshot.directory.version(of: $0, on: asOf) ?? snapshot.directory.latestVersion(of: $0)
        }
        return ReportLayout(unit: assessed.unit, parent: parent, resolution: assessed.resolution, options: options)
    }

    private var created: Date {
        // The document's date, at noon in Vietnam, so properties agree with the printed date.
        var components = DateComponents()
        components.year = options.date.year
        components.month = options.date.month
        components.day = options.date.day
        components.hour = 5
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(from: components) ?? Date()
    }

    private var baseName: String {
        "bao-cao-\(options.kind.rawValue)-\(assessed.period.id.lowercased())-\(slug(assessed.unit.fullName))"
    }

    private func slug(_ text: String) -> String {
        VietnameseText.searchKey(text).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
    }

    // MARK: - Composition

    /// The document model.
    func document() -> WordDocument {
        var composer = ReportComposer(report: self, layout: layout)
        return composer.compose(created: created)
    }
}
