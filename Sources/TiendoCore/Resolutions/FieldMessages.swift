import Foundation

/// One message about one field: a problem, or for notes how the input was read, in Vietnamese.
public struct FieldMessage<Field: Hashable & Sendable>: Hashable, Sendable {
    /// The field it is about: a typed field in Core, a form field's name on a web page.
    public var field: Field
    /// What is wrong (or, for notes, how the input was read), in Vietnamese.
    public var text: String

    /// Creates a message.
    public init(field: Field, text: String) {
        self.field = field
        self.text = text
    }
}

/// Vietnamese messages about the fields of a submitted form, each kept with its field so a page
/// can print it next to that field (architecture.md, habit 11). The first message for a field
/// wins: it is the one the officer should fix first.
public struct FieldMessageList<Field: Hashable & Sendable>: Hashable, Sendable {
    /// One message about one field.
    public typealias Message = FieldMessage<Field>

    /// The messages in the order they were found (the order of the form).
    public private(set) var messages: [Message] = []

    /// An empty set of messages.
    public init() {}

    /// Adds `text` for `field`, unless the field already has a message.
    public mutating func add(_ field: Field, _ text: String) {
        guard self[field] == nil else { return }
        messages.append(Message(field: field, text: text))
    }

    /// Adds `message`, unless its field already has a message.
    public mutating func add(_ message: Message) { add(message.field, message.text) }

    /// The message for `field`, if any.
    public subscript(field: Field) -> String? {
        messages.first { $0.field == field }?.text
    }

    /// Whether there is no message.
    public var isEmpty: Bool { messages.isEmpty }

    /// How many fields have a message.
    public var count: Int { messages.count }

    /// The messages as a dictionary by field, for templates.
    public var byField: [Field: String] {
        Dictionary(messages.map { ($0.field, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// Drops the message of `field`.
    public mutating func remove(_ field: Field) {
        messages.removeAll { $0.field == field }
    }

    /// The same messages about other fields: `place` says where each field is shown (a web form
    /// maps a typed field to its input's name).
    public func mapFields<Other: Hashable & Sendable>(_ place: (Field) -> Other) -> FieldMessageList<Other> {
        var mapped = FieldMessageList<Other>()
        for message in messages { mapped.add(place(message.field), message.text) }
        return mapped
    }
}

/// Messages about the fields of a web form, by the fields' names (e.g. "dk-muc").
public typealias FieldMessages = FieldMessageList<String>
