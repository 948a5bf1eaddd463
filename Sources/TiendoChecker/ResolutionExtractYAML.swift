import Foundation
import TiendoCore

/// Writes extracted targets as the resolution YAML of docs/resolution-yaml.md: a header to
/// complete, the proposed new indicators, then one `chi_tieu` entry per target with its source
/// sentence and confidence as comments.
public enum ResolutionExtractYAML {
    /// The YAML text. `indicators` are those already in the system: a target whose subject names
    /// one uses its code; others get a proposed new indicator.
    public static func text(
        targets: [ExtractedTarget], fileName: String, term: (Int, Int)?, indicators: [Indicator] = []
    ) -> String {
        let (start, end) = term ?? (2025, 2030)
        let stem = VietnameseText.searchKey((fileName as NSString).deletingPathExtension)
            .map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        var lines: [String] = []
        lines.append("# Đề xuất chỉ tiêu đọc từ \(fileName) — hãy đối chiếu với văn bản, sửa các chỗ ghi “CẦN SỬA”")
        lines.append("# rồi nhập bằng: tiendo resolution import TỆP.yaml (xem docs/resolution-yaml.md).")
        lines.append("ma: \(stem.isEmpty ? "nghi-quyet" : stem)")
        lines.append("don_vi_ban_hanh: \"00\"            # CẦN SỬA: mã đơn vị ban hành")
        lines.append("so_ky_hieu: 01-NQ/ĐH               # CẦN SỬA: số, ký hiệu")
        lines.append("trich_yeu: Nghị quyết Đại hội nhiệm kỳ \(start)–\(end)   # CẦN SỬA: trích yếu")
        lines.append(
            "nhiem_ky: \(start)-\(end)" + (term == nil ? "               # CẦN SỬA: văn bản không ghi nhiệm kỳ" : ""))
        lines.append("ngay_thong_qua: 01/01/\(start)        # CẦN SỬA: ngày thông qua")
        // Indicators: existing ones matched by name, new ones proposed.
        var codes: [String] = []
        var newIndicators: [(code: String, name: String, unit: String)] = []
        var used: Set<String> = Set(indicators.map(\.code))
        for target in targets {
            if let match = Self.match(target.subject, among: indicators) {
                codes.append(match.code)
                continue
            }
            let name = target.subject.isEmpty ? "Chỉ số \(codes.count + 1)" : target.subject
            if let existing = newIndicators.first(where: {
                VietnameseText.searchKey($0.name) == VietnameseText.searchKey(name)
            }) {
                codes.append(existing.code)
                continue
            }
            var base = VietnameseText.searchKey(name).uppercased()
                .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(5).joined(separator: "_")
            if base.isEmpty || !(base.first?.isLetter ?? false) { base = "CHI_SO" + (base.isEmpty ? "" : "_" + base) }
            var code = base
            var n = 2
            while used.contains(code) {
                code = "\(base)_\(n)"
                n += 1
            }
            used.insert(code)
            codes.append(code)
            newIndicators.append((code, name, Self.indicatorUnit(target)))
        }
        if !newIndicators.isEmpty {
            lines.append("")
            lines.append("chi_so:   # chỉ số mới đề xuất; nếu đã có trong hệ thống thì xóa mục này và ghi mã có sẵn")
            for indicator in newIndicators {
                lines.append("  - ma: \(indicator.code)")
                lines.append("    ten: \(scalar(indicator.name))")
                if !indicator.unit.isEmpty { lines.append("    don_vi_tinh: \(scalar(indicator.unit))") }
            }
        }
        lines.append("")
        lines.append("chi_tieu:")
        for (index, target) in targets.enumerated() {
            lines.append("")
            lines.append("  # câu gốc: " + oneLine(target.sentence))
            var confidence = "  # độ tin cậy: \(target.confidence)"
            if !target.doubts.isEmpty { confidence += " (" + target.doubts.joined(separator: "; ") + ")" }
            lines.append(confidence)
            lines.append("  - so: \(index + 1)")
            lines.append("    nhom: \(target.group)")
            lines.append("    noi_dung: \(scalar(target.statement.isEmpty ? target.sentence : target.statement))")
            lines.append("    chi_so: \(index < codes.count ? codes[index] : "CHI_SO")")
            lines.append("    cach_tinh: \(target.measure)")
            switch target.measure {
            case "tăng trưởng bình quân", "thay đổi bình quân":
                if let b = target.baseYear, b >= start, b < end { lines.append("    nam_goc: \(b)") }
            case "tổng", "bình quân năm", "hằng năm":
                if let (a, b) = target.span, a >= start, b <= end, a <= b {
                    lines.append("    tu_nam: \(a)")
                    lines.append("    den_nam: \(b)")
                }
            case "tỷ lệ đơn vị":
                if target.unitKinds.count == 1, let kind = target.unitKinds.first {
                    lines.append("    loai_don_vi: \(kind)")
                } else if target.unitKinds.count > 1 {
                    lines.append("    loai_don_vi: [\(target.unitKinds.joined(separator: ", "))]")
                }
                lines.append("    don_vi_dat_khi: {toi_thieu: 1}   # CẦN SỬA: điều kiện để một đơn vị được tính là đạt")
            default:
                break
            }
            lines.append("    dieu_kien: \(condition(target))")
            if let deadline = target.deadline {
                let lowest =
                    ["tăng trưởng bình quân", "thay đổi bình quân"].contains(target.measure)
                    ? max(start, target.baseYear ?? start) + 1
                        // A sum, mean or every-year target counts from the year after the term's first.
                    : ["tổng", "bình quân năm", "hằng năm"].contains(target.measure) ? start + 1 : start
                if deadline >= lowest, deadline <= end, target.span.map({ deadline >= $0.1 }) ?? true {
                    lines.append("    han: \(deadline)")
                } else {
                    lines.append("    # năm \(deadline) nằm ngoài nhiệm kỳ hoặc trước năm gốc: chưa ghi “han”")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{tu: -10, den: -5, huong: càng thấp càng tốt}`, `{duoi: "1,5"}`.
    public static func condition(_ target: ExtractedTarget) -> String {
        switch target.condition {
        case .range:
            let high = target.high ?? target.low
            var text = "{tu: \(number(min(target.low, high))), den: \(number(max(target.low, high)))"
            if target.direction == "càng thấp càng tốt" { text += ", huong: càng thấp càng tốt" }
            return text + "}"
        default:
            return "{\(target.condition.rawValue): \(number(target.low))}"
        }
    }

    /// A number the Vietnamese way, quoted when it has a comma or thousands dots.
    static func number(_ x: Double) -> String {
        let text = VietnameseNumber.format(x, decimals: decimals(x))
        return text.contains(",") || text.contains(".") ? "\"\(text)\"" : text
    }

    static func decimals(_ x: Double) -> Int {
        for d in 0...4 where abs(x * pow(10, Double(d)) - (x * pow(10, Double(d))).rounded()) < 1e-6 { return d }
        return 4
    }

    /// The indicator's own unit: a growth's unit is not "%/năm"; a change in points is in "%" or "‰".
    static func indicatorUnit(_ target: ExtractedTarget) -> String {
        switch target.measure {
        case "tăng trưởng bình quân": return ""
        case "tỷ lệ đơn vị": return ""
        default:
            if target.unit.hasPrefix("%") { return "%" }
            if target.unit.hasPrefix("‰") { return "‰" }
            return target.unit
        }
    }

    /// The existing indicator whose name the subject states (every word of the name, or the subject
    /// within the name), the longest name first.
    public static func match(_ subject: String, among indicators: [Indicator]) -> Indicator? {
        let key = " " + VietnameseText.searchKey(subject) + " "
        guard key.count > 4 else { return nil }
        var best: Indicator?
        for indicator in indicators {
            let name = VietnameseText.searchKey(indicator.name)
            let bare = VietnameseText.searchKey(
                indicator.name.replacingOccurrences(of: #"\s*\([^)]*\)"#, with: "", options: .regularExpression))
            let hit =
                key.contains(" " + name + " ") || (!bare.isEmpty && key.contains(" " + bare + " "))
                || (" " + name + " ").contains(key)
            guard hit else { continue }
            if best.map({ $0.name.count < indicator.name.count }) ?? true { best = indicator }
        }
        return best
    }

    /// A value on one line, quoted when YAML needs it.
    static func scalar(_ s: String) -> String {
        let text = oneLine(s)
        let needsQuotes =
            text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || text.first.map { "%@`*&!|>{[\"'-?,#".contains($0) } ?? true
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
    }
}
