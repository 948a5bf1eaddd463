import Foundation
import TiendoCore

/// The page /nghi-quyet: the resolutions the person manages, and the form to create one.
struct ResolutionListContext: Encodable {
    struct Row: Encodable {
        let symbol: String
        let title: String
        let href: String
        let issuingUnit: String
        let term: String
        let adoptedOn: String
        let targets: Int
        let revisions: Int
    }

    let layout: LayoutContext
    let rows: [Row]
    let message: String?
    let summary: String?
    let id: FieldView
    let symbol: FieldView
    let title: FieldView
    let issuingUnit: ChoiceFieldView
    let termStart: FieldView
    let termEnd: FieldView
    let adoptedOn: FieldView
    let actionHref: String
}
