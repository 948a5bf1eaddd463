import Foundation

/// The text blocks officers write for one unit's report of one kind at one period: a section's
/// text is paragraphs separated by line breaks. Only what officers wrote is kept; a missing or
/// blank section is left out of the report, never filled with placeholder text.
public struct Narrative: Hashable, Sendable {
    /// The unit the report is about.
    public var unitID: UnitID
    /// The evaluation period of the report.
    public var period: Period
    /// The kind of report.
    public var kind: ReportKind
    /// The text of each section written so far.
    public private(set) var texts: [NarrativeSection: String]

    /// Creates a narrative; texts are normalised (see ``normalized(_:)``), blank ones dropped.
    public init(unitID: UnitID, period: Period, kind: ReportKind, texts: [NarrativeSection: String] = [:]) {
        self.unitID = unitID
        self.period = period
        self.kind = kind
        self.texts = [:]
        for (section, text) in texts { self[section] = text }
    }

    /// A section's text, nil when nothing was written. Setting a blank text removes the section.
    public subscript(section: NarrativeSection) -> String? {
        get { texts[section] }
        set {
            let text = newValue.map(Self.normalized) ?? ""
            texts[section] = text.isEmpty ? nil : text
        }
    }

    /// The paragraphs of a section, in order (empty when nothing was written).
    public func paragraphs(_ section: NarrativeSection) -> [String] {
        Self.paragraphs(of: texts[section] ?? "")
    }

    /// Whether nothing at all was written.
    public var isEmpty: Bool { texts.isEmpty }

    /// A text as stored: NFC, Windows and old Mac line ends made "\n", spaces inside each line
    /// collapsed, blank lines between paragraphs kept to one, trimmed.
    public static func normalized(_ text: String) -> String {
        let unified = VietnameseText.nfc(text).replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for raw in unified.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
                .joined(separator: " ")
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The paragraphs of a text: its non-blank lines.
    public static func paragraphs(of text: String) -> [String] {
        normalized(text).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}
