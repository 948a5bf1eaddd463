import Foundation

/// The result of judging a target (kết quả đánh giá).
public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
    case vuot, dat, ganDat, chuaDat, khongDat, chuaCoSoLieu

    /// The words a leader reads.
    public var vietnameseName: String {
        switch self {
        case .vuot: return "vượt"
        case .dat: return "đạt"
        case .ganDat: return "gần đạt"
        case .chuaDat: return "chưa đạt"
        case .khongDat: return "không đạt"
        case .chuaCoSoLieu: return "chưa có số liệu"
        }
    }

    /// Whether the condition holds.
    public var isMet: Bool { self == .vuot || self == .dat }

    /// Higher is worse; used to take the worst of yearly verdicts ("vượt" counts as "đạt").
    public var badness: Int {
        switch self {
        case .vuot, .dat: return 0
        case .ganDat: return 1
        case .chuaDat: return 2
        case .khongDat: return 3
        case .chuaCoSoLieu: return 4
        }
    }
}

/// The projection to the deadline of a target not yet met (dự báo).
public enum Outlook: String, Hashable, Sendable, Codable {
    case coKhaNangDat, khoDat

    /// The words a leader reads.
    public var vietnameseName: String { self == .coKhaNangDat ? "có khả năng đạt" : "khó đạt" }
}

/// Global settings of the assessment; a target may override the tolerance.
public struct AssessmentSettings: Hashable, Sendable {
    /// How far short still counts as "gần đạt" (default 2% of the bound).
    public var nearTolerance: Tolerance

    /// Creates settings.
    public init(nearTolerance: Tolerance = .relative(0.02)) { self.nearTolerance = nearTolerance }
}
