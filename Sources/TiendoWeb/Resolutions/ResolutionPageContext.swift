import Foundation
import TiendoCore

/// The page /nghi-quyet/:id: the resolution's header (editable), its targets by group with the
/// plan each will print, and its revisions.
struct ResolutionPageContext: Encodable {
    struct TargetRow: Encodable {
        let number: Int
        let wording: String
        let indicator: String
        let measure: String
        let plan: String
        let deadline: Int
        let href: String?
        let revisions: [String]
    }

    struct Group: Encodable {
        let name: String
        let targets: [TargetRow]
    }

    struct RevisionRow: Encodable {
        let index: Int
        let symbol: String
        let title: String
        let effectiveFrom: String
        let changes: String
        let href: String
    }

    let layout: LayoutContext
    let symbol: String
    let title: String
    let issuingUnitName: String
    let term: String
    let adoptedOn: String
    let message: String?
    let summary: String?
    let id: String
    let symbolField: FieldView
    let titleField: FieldView
    let issuingUnit: ChoiceFieldView
    let termStart: FieldView
    let termEnd: FieldView
    let adoptedOnField: FieldView
    let actionHref: String
    let groups: [Group]
    let targetCount: Int
    let newTargetHref: String
    let revisions: [RevisionRow]
    let newRevisionHref: String
    let overviewHref: String?
    let listHref: String
}
