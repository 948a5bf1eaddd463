import Foundation

/// Vietnamese messages about the fields of a submitted form, each kept with the name of its
/// field so a page can print it next to that field (architecture.md, habit 11). The first
/// message for a field wins: it is the one the officer should fix first.
public struct FieldMessages: Hashable, Sendable {
    /// One message about one field.
    public struct Message: Hashable, Sendable {
        /// The form field's name, e.g. "dk-muc".
        public var field: String
        /// What is wrong (or, for notes, how the input was read), in Vietnamese.
        public var text: String
    }

    /// The messages in the order they were found (the order of the form).
    public private(set) var messages: [Message] = []

    /// An empty set of messages.
    public init() {}

    /// Adds `text` for `field`, unless the field already has a message.
    public mutating func add(_ field: String, _ text: String) {
        guard self[field] == nil else { return }
        messages.append(Message(field: field, text: text))
    }

    /// The message for `field`, if any.
    public subscript(field: String) -> String? {
        messages.first { $0.field == field }?.text
    }

    /// Whether there is no message.
    public var isEmpty: Bool { messages.isEmpty }

    /// How many fields have a message.
    public var count: Int { messages.count }

    /// The messages as a dictionary by field, for templates.
    public var byField: [String: String] {
        Dictionary(messages.map { ($0.field, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// Drops the message of `field`.
    public mutating func remove(_ field: String) {
        messages.removeAll { $0.field == field }
    }
}
