import Foundation

/// One choice of a <select> on a page (a unit, a period, a kind), with whether it is chosen.
struct ChoiceOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

/// A link as a page lists it: what it says and where it goes.
struct PageLink: Encodable {
    let label: String
    let href: String
}
