import Foundation

/// What the dashboard (Tổng quan) shows; built by `OverviewPage`, rendered by `overview/body.leaf` inside `overview/index.leaf`.
struct OverviewContext: Encodable {
    struct TargetRow: Encodable {
        let number: String
        let wording: String
        let figure: String
        let plan: String
        let verdict: String
        /// CSS class for the colour; the text always says the verdict too.
        let verdictClass: String
        /// Whether the verdict rests on unapproved figures ("dựa trên số liệu chưa duyệt").
        let unapproved: Bool
        let outlook: String
        let explanation: String
        /// A small SVG trend of the yearly figures (raw HTML we generated and escaped).
        let trend: String
        let indicatorHref: String
        let compareHref: String
        /// Tasks that serve this target, with their status on the day.
        let tasks: [TaskChip]
        /// Explanation requests about this target's verdict or its figures, with their status.
        let explanations: [ExplanationChip]
    }

    struct ExplanationChip: Encodable {
        let label: String
        let status: String
        let statusClass: String
        let href: String
    }

    struct TaskChip: Encodable {
        let label: String
        let status: String
        let statusClass: String
        let href: String
    }

    /// The reminder box of the home page: what is overdue and what falls due soon.
    struct Reminders: Encodable {
        struct Item: Encodable {
            let content: String
            let lead: String
            let when: String
            let href: String
        }

        let overdueCount: Int
        let dueSoonCount: Int
        let withinDays: Int
        let overdue: [Item]
        let dueSoon: [Item]
        let overdueHref: String
        let allHref: String
    }

    struct Group: Encodable {
        let name: String
        let rows: [TargetRow]
    }

    let layout: LayoutContext
    let unitFullName: String
    let unitCode: String
    let parent: PageLink?
    let periodLabel: String
    let resolutionSymbol: String
    let resolutionTitle: String
    let summary: String
    let groups: [Group]
    let children: [PageLink]
    let unitOptions: [ChoiceOption]
    let periodOptions: [ChoiceOption]
    let resolutionOptions: [ChoiceOption]
    let message: String?
    /// Whether the verdicts are on approved figures only (switch `duyet=1`).
    let approvedOnly: Bool
    /// How many verdicts rest on unapproved figures.
    let unapprovedCount: Int
    let draftMark: String
    let draftLegend: String
    /// This page with every figure, and with approved figures only.
    let allFiguresHref: String
    let approvedOnlyHref: String
    let reminders: Reminders?
    /// The report page of this unit and period (narrative editor, all downloads).
    let reportHref: String
    /// The mid-term review report as a Word file, straight from the data.
    let reportWordHref: String
}
