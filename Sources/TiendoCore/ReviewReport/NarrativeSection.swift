import Foundation

/// A part of a review report that officers write in their own words (domain.md, "Review
/// reports"): everything in the outline except the results of the main targets, which come from
/// the data. A section left empty is left out of the report.
public enum NarrativeSection: String, Hashable, Sendable, Codable, CaseIterable {
    /// A. Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện.
    case leadership = "lanh-dao-chi-dao"
    /// B.I. Những kết quả nổi bật.
    case highlights = "ket-qua-noi-bat"
    /// B.III. Kết quả trên các lĩnh vực.
    case resultsByField = "ket-qua-linh-vuc"
    /// C. Hạn chế, yếu kém và nguyên nhân.
    case shortcomings = "han-che-nguyen-nhan"
    /// D. Đánh giá chung và bài học kinh nghiệm.
    case lessons = "bai-hoc-kinh-nghiem"
    /// Phần thứ hai: phương hướng, nhiệm vụ, giải pháp.
    case tasksAhead = "nhiem-vu-giai-phap"

    /// Reads a section by its key ("ket-qua-noi-bat") or its name typed in Vietnamese
    /// ("kết quả nổi bật"), case- and diacritic-insensitive.
    public init?(key: String) {
        let typed = VietnameseText.searchKey(key).replacingOccurrences(of: " ", with: "-")
        if let section = Self(rawValue: typed) {
            self = section
            return
        }
        guard
            let section = Self.allCases.first(where: {
                VietnameseText.searchKey($0.vietnameseName).replacingOccurrences(of: " ", with: "-") == typed
            })
        else { return nil }
        self = section
    }

    /// The name shown in the editor: "Kết quả nổi bật".
    public var vietnameseName: String {
        switch self {
        case .leadership: return "Lãnh đạo, chỉ đạo"
        case .highlights: return "Kết quả nổi bật"
        case .resultsByField: return "Kết quả trên các lĩnh vực"
        case .shortcomings: return "Hạn chế và nguyên nhân"
        case .lessons: return "Đánh giá chung và bài học kinh nghiệm"
        case .tasksAhead: return "Nhiệm vụ, giải pháp thời gian tới"
        }
    }

    /// The heading as the report prints it (without its letter or number, which depend on the
    /// sections present): "HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN", "Những kết quả nổi bật". Part two's
    /// heading depends on the report kind: see ``ReportKind/partTwoHeading(termStart:termEnd:period:)``.
    public var heading: String {
        switch self {
        case .leadership: return "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN NGHỊ QUYẾT"
        case .highlights: return "Những kết quả nổi bật"
        case .resultsByField: return "Kết quả thực hiện nhiệm vụ trên các lĩnh vực"
        case .shortcomings: return "HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN"
        case .lessons: return "ĐÁNH GIÁ CHUNG VÀ BÀI HỌC KINH NGHIỆM"
        case .tasksAhead: return "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP"
        }
    }

    /// What to write there, shown next to the editor.
    public var hint: String {
        switch self {
        case .leadership:
            return "Việc quán triệt, cụ thể hóa Nghị quyết; chương trình, kế hoạch hành động; kiểm tra, giám sát."
        case .highlights:
            return "Những kết quả nổi bật, dấu ấn của đơn vị trong kỳ."
        case .resultsByField:
            return "Kết quả trên từng lĩnh vực: kinh tế; văn hóa - xã hội; quốc phòng - an ninh; xây dựng Đảng."
        case .shortcomings:
            return "Những hạn chế, yếu kém; nguyên nhân khách quan và chủ quan."
        case .lessons:
            return "Đánh giá chung về kết quả thực hiện Nghị quyết và những bài học rút ra."
        case .tasksAhead:
            return "Mục tiêu, nhiệm vụ và giải pháp trọng tâm cho thời gian tới."
        }
    }
}
