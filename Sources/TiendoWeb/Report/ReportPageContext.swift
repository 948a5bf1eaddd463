import Foundation
import TiendoCore

/// What the report page (Báo cáo) shows; built from a `ReportPageSubject`, rendered by
/// `report/index.leaf`.
struct ReportPageContext: Encodable {
    struct Section: Encodable {
        let key: String
        let name: String
        let hint: String
        let text: String
        let error: String?
        /// The number of lines the editor opens with, so a written section is seen whole.
        let rows: Int
        /// Draft text offered for this section (the answered explanations, for the limitations), or nil.
        let draft: String?
        /// The page with the draft put into this section's editor, unsaved.
        let draftHref: String?
    }

    let layout: LayoutContext
    let unitFullName: String
    let unitCode: String
    let period: String
    let periodLabel: String
    let kind: String
    let kindName: String
    let resolutionID: String
    let resolutionLabel: String
    /// "có 08/14 chỉ tiêu đạt và vượt; …" — the same line the document prints.
    let summary: String
    let message: String?
    let missingResolution: String?
    let kindOptions: [ChoiceOption]
    let periodOptions: [ChoiceOption]
    let sections: [Section]
    let writtenCount: Int
    let canEdit: Bool
    let pdfAvailable: Bool
    /// The date the download form proposes: the period's cut-off.
    let today: String
    /// Why this kind cannot be made for this period (a tổng kết before the term's last year).
    let kindProblem: String?
    let wordHref: String
    let excelHref: String
    let pdfHref: String
    let dashboardHref: String

    static func make(
        subject: ReportPageSubject, texts: [NarrativeSection: String], errors: [NarrativeSection: String],
        message: String?, explanationDraft: String = "", canEdit: Bool, pdfAvailable: Bool, layout: LayoutContext
    ) -> ReportPageContext {
        let resolution = subject.assessed?.resolution
        let years = resolution.map(\.termYears).flatMap { $0.isEmpty ? nil : $0 } ?? [subject.period.year]
        var periodOptions = years.map {
            ChoiceOption(value: "\($0)", label: "Năm \($0)", selected: subject.period == .year($0))
        }
        if !periodOptions.contains(where: \.selected) {
            periodOptions.insert(
                .init(value: subject.period.id, label: subject.period.vietnameseLabel, selected: true), at: 0)
        }
        func file(_ format: ReportFileFormat) -> String {
            SiteRoute.reportFile(
                format: format.rawValue, unitCode: subject.unit.code, period: subject.period.id,
                resolutionID: subject.resolutionID, kind: subject.kind.rawValue
            ).path
        }
        let summary = subject.assessed.map { ReportWording.summaryLine($0.summary) } ?? ""
        return ReportPageContext(
            layout: layout,
            unitFullName: subject.unit.fullName,
            unitCode: subject.unit.code,
            period: subject.period.id,
            periodLabel: subject.period.vietnameseLabel,
            kind: subject.kind.rawValue,
            kindName: subject.kind.vietnameseName,
            resolutionID: subject.resolutionID ?? "",
            resolutionLabel: resolution.map { "\($0.symbol) — \($0.title)" } ?? "",
            summary: summary.isEmpty ? "" : summary.prefix(1).uppercased() + summary.dropFirst() + ".",
            message: message,
            missingResolution: subject.missingResolution,
            kindOptions: ReportKind.allCases.map {
                .init(value: $0.rawValue, label: "Báo cáo \($0.vietnameseName)", selected: $0 == subject.kind)
            },
            periodOptions: periodOptions,
            sections: NarrativeSection.allCases.map { section in
                let text = texts[section] ?? ""
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                let offered = section == .shortcomings && !explanationDraft.isEmpty
                return Section(
                    key: section.rawValue, name: section.vietnameseName, hint: section.hint, text: text,
                    error: errors[section], rows: min(max(4, lines + 2), 30), draft: offered ? explanationDraft : nil,
                    draftHref: offered
                        ? subject.route.href + "&\(ReportController.draftParameter)=\(ReportController.draftValue)"
                        : nil)
            },
            writtenCount: texts.count,
            canEdit: canEdit,
            pdfAvailable: pdfAvailable,
            today: VietnameseDate.short(ReportTiming.defaultDate(for: subject.period)),
            kindProblem: resolution.flatMap {
                ReportTiming.kindProblem(
                    subject.kind, period: subject.period, termStart: $0.termStart, termEnd: $0.termEnd)
            },
            wordHref: file(.word),
            excelHref: file(.excel),
            pdfHref: file(.pdf),
            dashboardHref: SiteRoute.overview(
                unitCode: subject.unit.code, period: subject.period.id, resolutionID: subject.resolutionID
            ).href)
    }
}
