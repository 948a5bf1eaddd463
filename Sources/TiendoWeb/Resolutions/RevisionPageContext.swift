import Foundation
import TiendoCore

/// The page /nghi-quyet/:id/dieu-chinh/:index: a revising document and, for each target in
/// force before it, whether it changes the target and the new wording and condition.
struct RevisionPageContext: Encodable {
    struct TargetChange: Encodable {
        let number: Int
        let currentWording: String
        let currentPlan: String
        let changes: String
        let changed: Bool
        let wording: FieldView
        let condition: ConditionView
        let newPlan: String?
    }

    let layout: LayoutContext
    let resolutionName: String
    let resolutionHref: String
    let heading: String
    let isNew: Bool
    let actionHref: String
    let summary: String?
    let confirmNotes: Bool
    let symbol: FieldView
    let title: FieldView
    let effectiveFrom: FieldView
    let targetsError: String?
    let targets: [TargetChange]
    let previewShown: Bool
}
