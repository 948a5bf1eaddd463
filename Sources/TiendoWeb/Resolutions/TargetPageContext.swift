import Foundation
import TiendoCore

/// The page /nghi-quyet/:id/chi-tieu/:number: one target's fields (every measure and condition
/// of the YAML format), and the preview of how it will print.
struct TargetPageContext: Encodable {
    struct Check: Encodable {
        let name: String
        let label: String
        let checked: Bool
    }

    let layout: LayoutContext
    let resolutionName: String
    let resolutionHref: String
    let heading: String
    let isNew: Bool
    let actionHref: String
    let summary: String?
    let confirmNotes: Bool
    let revisedBy: [String]
    let number: FieldView
    let group: ChoiceFieldView
    let wording: FieldView
    let indicator: ChoiceFieldView
    let measure: ChoiceFieldView
    let baseYear: FieldView
    let averaging: ChoiceFieldView
    let fromYear: FieldView
    let toYear: FieldView
    let unitKinds: [Check]
    let unitCondition: ConditionView
    let condition: ConditionView
    let deadline: FieldView
    let baseline: FieldView
    let toleranceKind: ChoiceFieldView
    let tolerance: FieldView
    let decimals: FieldView
    let preview: PreviewView?
}
