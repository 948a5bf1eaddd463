import Foundation
import TiendoCore

/// Charts drawn as SVG by our own code, so pages and documents show the same picture and nothing
/// is loaded from the internet. Every label is escaped; numbers use the Vietnamese formatter.
public enum SVGChart {
    /// One bar of a bar chart.
    public struct Bar: Sendable {
        /// The label on the left, e.g. a unit's name.
        public var label: String
        /// The value, nil when missing (drawn as "—").
        public var value: Double?
        /// The value as printed.
        public var valueText: String
        /// Drawn in the accent colour (e.g. the total, or the selected unit).
        public var highlighted: Bool

        /// Creates a bar.
        public init(label: String, value: Double?, valueText: String, highlighted: Bool = false) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.highlighted = highlighted
        }
    }

    /// One point of a time series.
    public struct Point: Sendable {
        /// The label under the axis, e.g. "2026".
        public var label: String
        /// The value, nil when missing (a gap).
        public var value: Double?
        /// Whether the value is an estimate (drawn hollow).
        public var isEstimate: Bool

        /// Creates a point.
        public init(label: String, value: Double?, isEstimate: Bool = false) {
            self.label = label
            self.value = value
            self.isEstimate = isEstimate
        }
    }

    /// A small trend line for a table cell, with a text alternative.
    public static func sparkline(_ points: [Point], title: String, width: Int = 96, height: Int = 28) -> String {
        let values = points.compactMap(\.value)
        guard values.count >= 2, let low = values.min(), let high = values.max() else { return "" }
        let span = high - low == 0 ? 1 : high - low
        let step = Double(width - 8) / Double(max(points.count - 1, 1))
        var path = ""
        var dots = ""
        for (index, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let x = 4 + Double(index) * step
            let y = Double(height - 4) - (value - low) / span * Double(height - 8)
            path += (path.isEmpty ? "M" : " L") + "\(fmt(x)) \(fmt(y))"
            if index == points.count - 1 || point.isEstimate {
                dots +=
                    "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"2.5\" class=\"\(point.isEstimate ? "est" : "pt")\"/>"
            }
        }
        return
            "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
            + "<title>\(escape(title))</title><path d=\"\(path)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\"/>\(dots)</svg>"
    }

    /// A horizontal bar chart: one row per bar, label left, value right.
    public static func bars(_ bars: [Bar], title: String, width: Int = 720) -> String {
        let rowHeight = 22
        let labelWidth = 190
        let valueWidth = 110
        let plotWidth = Double(width - labelWidth - valueWidth - 16)
        let maximum = max(bars.compactMap(\.value).map { abs($0) }.max() ?? 1, 1e-9)
        let height = rowHeight * bars.count + 8
        var body = ""
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let length = (bar.value.map { abs($0) } ?? 0) / maximum * plotWidth
            body +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"lbl\">\(escape(bar.label))</text>"
            if bar.value != nil {
                body +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(max(length, 1)))\" height=\"\(rowHeight - 7)\" class=\"\(bar.highlighted ? "bar hi" : "bar")\"/>"
            }
            body +=
                "<text x=\"\(fmt(Double(labelWidth) + max(length, 1) + 6))\" y=\"\(y + 15)\" class=\"val\">\(escape(bar.valueText))</text>"
        }
        return
            "<svg class=\"bars\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">"
            + "<title>\(escape(title))</title>\(body)</svg>"
    }

    /// A line chart of a time series, with an optional horizontal line for the plan.
    public static func line(
        _ points: [Point], title: String, plan: Double? = nil, planText: String? = nil, format: (Double) -> String,
        width: Int = 720, height: Int = 260
    ) -> String {
        let values = points.compactMap(\.value) + (plan.map { [$0] } ?? [])
        guard !values.isEmpty, let rawLow = values.min(), let rawHigh = values.max() else { return "" }
        let padding = (rawHigh - rawLow) * 0.1
        let low = rawLow - padding == rawHigh + padding ? rawLow - 1 : rawLow - padding
        let high = rawLow - padding == rawHigh + padding ? rawHigh + 1 : rawHigh + padding
        let left = 70.0
        let right = 20.0
        let top = 16.0
        let bottom = 30.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        func x(_ index: Int) -> Double {
            left + (points.count <= 1 ? plotWidth / 2 : Double(index) * plotWidth / Double(points.count - 1))
        }
        func y(_ value: Double) -> Double { top + (high - value) / (high - low) * plotHeight }
        var body = ""
        for step in 0...4 {
            let value = low + (high - low) * Double(step) / 4
            body +=
                "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotWidth))\" y1=\"\(fmt(y(value)))\" y2=\"\(fmt(y(value)))\" class=\"grid\"/>"
            body +=
                "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\" class=\"axis\">\(escape(format(value)))</text>"
        }
        for (index, point) in points.enumerated() {
            body +=
                "<text x=\"\(fmt(x(index)))\" y=\"\(height - 8)\" text-anchor=\"middle\" class=\"axis\">\(escape(point.label))</text>"
        }
        if let plan {
            body +=
                "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotWidth))\" y1=\"\(fmt(y(plan)))\" y2=\"\(fmt(y(plan)))\" class=\"plan\"/>"
            if let planText {
                body +=
                    "<text x=\"\(fmt(left + plotWidth))\" y=\"\(fmt(y(plan) - 5))\" text-anchor=\"end\" class=\"plan-lbl\">\(escape(planText))</text>"
            }
        }
        var path = ""
        for (index, point) in points.enumerated() {
            guard let value = point.value else {
                path += " "
                continue
            }
            path += (path.hasSuffix(" ") || path.isEmpty ? "M" : " L") + "\(fmt(x(index))) \(fmt(y(value)))"
        }
        body += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" class=\"series\"/>"
        for (index, point) in points.enumerated() {
            guard let value = point.value else { continue }
            body +=
                "<circle cx=\"\(fmt(x(index)))\" cy=\"\(fmt(y(value)))\" r=\"4\" class=\"\(point.isEstimate ? "est" : "pt")\"><title>\(escape(point.label)): \(escape(format(value)))\(point.isEstimate ? " (ước)" : "")</title></circle>"
        }
        return
            "<svg class=\"line\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">"
            + "<title>\(escape(title))</title>\(body)</svg>"
    }

    /// Escapes text for SVG/XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
