import Foundation

/// A group in which more were rated "Hoàn thành xuất sắc nhiệm vụ" than the 20% cap allows.
/// It is a warning, not an error: the competent party committee decides (Hướng dẫn 21-HD/BTCTW
/// 2019: "Cấp có thẩm quyền xem xét, quyết định số lượng đảng viên được xếp loại “Hoàn thành xuất
/// sắc nhiệm vụ” không vượt quá 20% số đảng viên được xếp loại “Hoàn thành tốt nhiệm vụ” trong
/// từng tổ chức cơ sở đảng"), so the list is stored and the warning shown.
public struct QualityCapWarning: Hashable, Sendable {
    public var unitID: UnitID
    public var year: Int
    public var kind: RatedSubjectKind
    /// The group as written (first spelling met); empty for the unit as a whole.
    public var group: String
    /// Rated "Hoàn thành xuất sắc nhiệm vụ".
    public var excellent: Int
    /// Rated "Hoàn thành tốt nhiệm vụ".
    public var good: Int
    /// The most that may be rated excellent: ⌊20% × good⌋.
    public var limit: Int

    /// "Chi bộ Khu vực 3: 3 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt
    /// nhiệm vụ” (8 → tối đa 1)".
    public var message: String {
        "\(QualityRating.groupLabel(group)): \(excellent) \(kind.noun) “\(QualityLevel.htxsnv.vietnameseName)” vượt "
            + "\(QualityRatingRules.capPercent)% số “\(QualityLevel.httnv.vietnameseName)” (\(good) → tối đa \(limit))"
    }
}

/// The rule on the share of "Hoàn thành xuất sắc nhiệm vụ".
public enum QualityRatingRules {
    /// The cap, in percent of those rated "Hoàn thành tốt nhiệm vụ".
    public static let capPercent = 20

    /// The most that may be rated excellent when `good` are rated "Hoàn thành tốt nhiệm vụ".
    /// The rule is a cap ("không vượt quá 20%"), so the limit is rounded down: 8 good → 1
    /// (20% of 8 is 1,6; 2 would exceed it), 10 → 2, 4 → 0. Integer arithmetic, no rounding error.
    public static func limit(good: Int) -> Int { max(0, good) * capPercent / 100 }

    /// Every group (kind + group name, within a unit and year) over the cap, in the order of the
    /// ratings. Group names match regardless of case and spacing.
    public static func warnings(_ ratings: [QualityRating]) -> [QualityCapWarning] {
        struct Key: Hashable {
            let unit: UnitID
            let year: Int
            let kind: RatedSubjectKind
            let group: String
        }
        var order: [Key] = []
        var tallies: [Key: (name: String, excellent: Int, good: Int)] = [:]
        for rating in ratings {
            let key = Key(
                unit: rating.unitID, year: rating.year, kind: rating.kind,
                group: QualityRating.subjectKey(rating.group))
            var tally = tallies[key] ?? (rating.group, 0, 0)
            if tallies[key] == nil { order.append(key) }
            if rating.level == .htxsnv { tally.excellent += 1 }
            if rating.level == .httnv { tally.good += 1 }
            tallies[key] = tally
        }
        return order.compactMap { key in
            let tally = tallies[key]!  // `order` holds only keys set in `tallies` above
            let limit = limit(good: tally.good)
            guard tally.excellent > limit else { return nil }
            return QualityCapWarning(
                unitID: key.unit, year: key.year, kind: key.kind, group: tally.name, excellent: tally.excellent,
                good: tally.good, limit: limit)
        }
    }
}

/// The counts of one kind of subject at each level, for a unit and year.
public struct QualityTally: Hashable, Sendable {
    public var kind: RatedSubjectKind
    /// Count per level (every level present, zero when none).
    public var counts: [QualityLevel: Int]

    /// Everyone rated.
    public var total: Int { counts.values.reduce(0, +) }
    /// Rated "Hoàn thành tốt nhiệm vụ" or better.
    public var goodOrBetter: Int { (counts[.htxsnv] ?? 0) + (counts[.httnv] ?? 0) }
    /// The percentage good or better; nil when nobody is rated.
    public var goodOrBetterRate: Double? { total == 0 ? nil : Double(goodOrBetter) / Double(total) * 100 }

    /// The count at `level`.
    public func count(_ level: QualityLevel) -> Int { counts[level] ?? 0 }

    /// The tallies of the kinds present in `ratings`, in the order of `RatedSubjectKind.allCases`.
    public static func of(_ ratings: [QualityRating]) -> [QualityTally] {
        RatedSubjectKind.allCases.compactMap { kind in
            let mine = ratings.filter { $0.kind == kind }
            guard !mine.isEmpty else { return nil }
            var counts = Dictionary(uniqueKeysWithValues: QualityLevel.allCases.map { ($0, 0) })
            for rating in mine { counts[rating.level, default: 0] += 1 }
            return QualityTally(kind: kind, counts: counts)
        }
    }
}
