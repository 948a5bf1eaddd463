import Foundation
import TiendoCore

/// A figure read from a report: the number as written, the unit, the subject it counts, the period
/// it refers to and where it is.
public struct CheckFigure: Hashable, Sendable {
    /// The number(s) a figure states.
    public enum Value: Hashable, Sendable, Codable {
        /// One number: "7.943", "13,7", "243".
        case number(Double)
        /// A count out of a whole, "28/38" or "28 … trên tổng số 38": (part, whole).
        case fraction(Double, Double)
        /// A range, "14-15", "65 - 80", "từ 10 đến 11": (low, high).
        case range(Double, Double)

        /// The fraction as a percentage (part ÷ whole × 100), nil for other values or a zero whole.
        public var fractionPercent: Double? {
            if case .fraction(let part, let whole) = self, whole != 0 { return part / whole * 100 }
            return nil
        }

        /// The single number, or the part of a fraction; nil for ranges.
        public var single: Double? {
            switch self {
            case .number(let x): return x
            case .fraction(let part, _): return part
            case .range: return nil
            }
        }
    }

    /// A word that bounds a figure: "trên 93%", "dưới 1,5%", "khoảng 200 tỷ đồng".
    public enum Qualifier: String, Hashable, Sendable, Codable {
        /// trên, hơn, từ … trở lên, ít nhất, không dưới, tối thiểu.
        case atLeast
        /// dưới, không quá, tối đa, chưa đến, … trở xuống.
        case atMost
        /// khoảng, gần, xấp xỉ, trên dưới, chừng.
        case about
    }

    /// What a figure stands for in its sentence.
    public enum Role: String, Hashable, Sendable, Codable {
        /// A result: what was achieved or counted.
        case actual
        /// A plan or target: "kế hoạch 200 tỷ đồng", "chỉ tiêu Nghị quyết 10–11%/năm", "phấn đấu …".
        case plan
        /// A change: "tăng 12%", "giảm 5 vụ so với năm 2024".
        case change
        /// A share of another figure: "đạt 105% kế hoạch", "bằng 98% so với cùng kỳ".
        case relative
        /// A projection: "dự báo đến năm 2030 đạt 9,6%/năm".
        case forecast
    }

    /// Where the figure is.
    public var location: CheckLocation
    /// The figure as written: "28/38 trường", "trên 93%", "7.943 tỷ đồng".
    public var text: String
    /// The value.
    public var value: Value
    /// Decimals written (the most among the numbers of the figure).
    public var decimals: Int
    /// Whether the figure is a percentage ("%", "%/năm").
    public var isPercent: Bool
    /// The unit of measure, normalised: "%", "%/năm", "tỷ đồng", "trường", "đảng viên"; "" when none.
    public var unit: String
    /// A bounding word before or after the number.
    public var qualifier: Qualifier?
    /// Result, plan, change or share.
    public var role: Role
    /// The period the figure refers to, as a period id where one applies ("2025", "2021-2025",
    /// "2025S1", "2025Q1") or nil when the text does not say.
    public var period: String?
    /// The subject phrase as written around the figure: "tổng thu ngân sách của phường ước đạt".
    public var subject: String
    /// Footnotes referred to in the figure's sentence.
    public var footnotes: [Int]
    /// The sentence holding the figure, as written.
    public var sentence: String

    // MARK: Internal reading aids

    /// Index of the block in the document.
    var blockIndex = 0
    /// Index of the sentence in the block.
    var sentenceIndex = 0
    /// Token range of the figure itself, and of its whole clause reach (subject included).
    var tokenStart = 0
    var tokenEnd = 0
    var clauseStart = 0
    var clauseEnd = 0
    /// Content words of the subject (keys), the unit included.
    var keywords: Set<String> = []
    /// Words that set a part of a breakdown apart from its siblings ("trực tuyến", "xuất sắc").
    var labelWords: Set<String> = []
    /// Whether the period was given as a label right before the number ("năm 2022: 65").
    var hasLabelPeriod = false
    /// Whether "bình quân"/"trung bình" precedes the figure in its clause.
    var isAverage = false
    /// Whether "tổng"/"tổng cộng"/"cộng"/"lũy kế" precedes the figure in its clause.
    var isTotal = false
    /// Whether the figure is part of a breakdown of another figure.
    var isPart = false
    /// Whether only a deadline before it makes the figure a plan ("Số thôn đạt chuẩn … đến năm 2025
    /// là 04 thôn"): a verdict on it then shows it is the result by that date.
    var isPlanByDeadlineOnly = false
    /// Whether the period was taken from the sentence or block (not the document default).
    var periodIsExplicit = false
    /// How closely the text ties the period to the figure: 3 a label ("năm 2022: 65"), 2 its own
    /// clause or sentence, 1 an earlier sentence, a table header or the footnote's anchor, 0 none.
    var periodStrength = 0
    /// The year of the deadline the figure's sentence sets before it ("đến năm 2027 có 16/17
    /// trường …; đến năm 2030 có 100% …"): targets for different deadlines are not restatements.
    var deadline: Int?
    /// For a figure after the first ";" of its sentence, the content words before that ";", which
    /// often name the actor or topic that later parts leave unsaid ("Tai nạn giao thông được kiềm
    /// chế; năm 2026 xảy ra 09 vụ"); empty otherwise.
    var leadWords: Set<String> = []
    /// The same lead as pairs of neighbouring content words ("ủy ban", "ban kiểm"), which tell two
    /// actors apart that are named with the same words ("Ủy ban Kiểm tra Đảng ủy" and "Ban Thường
    /// vụ Đảng ủy đã kiểm tra").
    var leadPhrases: Set<String> = []
    /// Content words the sentence ties a figure to without naming them in its clause: what a clause
    /// opening with "với" is attached to ("… sửa chữa 46 nhà đại đoàn kết, với tổng kinh phí 2,76
    /// tỷ đồng": the cost of those houses), or the things a bare share counts ("05 tổ chức …; tỷ lệ
    /// hoàn thành tốt nhiệm vụ trở lên đạt 89,13%"). They only tell subjects apart.
    var attachedWords: Set<String> = []
    /// The body or population the figure is about, as its sentence names it nearest the figure
    /// ("Thị ủy", "đảng ủy cơ sở", "tổ chức cơ sở đảng", "đảng viên", "hộ nghèo", "lao động"): figures
    /// of two different bodies are not restatements of each other, whatever their words share.
    var body: String?
    /// The source a paragraph attributes its figures to ("Theo Thị ủy Sa Đéc, …", "Theo Đảng ủy Khối
    /// các cơ quan tỉnh, …"), carried to the following paragraphs until another source or a heading:
    /// figures two sources give of their own party organisations are not restatements.
    var source: String?
    /// Sector words of the headings above the figure ("b) Nông nghiệp" → "nông"): the section and
    /// subsection path narrow what a figure with no sector of its own speaks of.
    var sectionWords: Set<String> = []
    /// Whether the text calls the figure a plan: "kế hoạch", "chỉ tiêu", "dự toán", "Nghị quyết (đề
    /// ra)", "mục tiêu", "giao" in its clause, a target item's wording, a section of targets, a
    /// table's plan column, or a footnote that says so. A figure made a plan only by "phấn đấu",
    /// "sẽ", "cần" or a deadline is not a plan a verdict in another sentence can be judged against.
    var isCalledPlan = false
    /// Whether the figure follows "trong đó" in its sentence: a part of what the sentence named
    /// before it.
    var isBreakdownPart = false

}
