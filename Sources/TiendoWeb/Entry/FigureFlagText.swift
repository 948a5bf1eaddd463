import TiendoCore

/// How a flagged figure (`FigureFlag`) reads on a page.
enum FigureFlagText {
    /// Next to the figure on the entry page.
    static func onEntryPage(_ flag: FigureFlag) -> String {
        "Số liệu khác thường, đã đánh dấu cho người duyệt. " + flag.findings.joined(separator: " ")
            + " Ghi chú của đơn vị: “\(flag.note)”."
    }
}
