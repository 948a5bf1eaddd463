import Foundation

/// Per-unit figures of the tasks a unit leads, as indicators, so they enter targets,
/// comparisons and reports like any other figure.
///
/// A task counts in the month of its deadline, for its lead unit (chủ trì) only — coordinating
/// units are not credited, so the province's sum counts every task once. Figures are stored for
/// units without child units (communes, wards); a province's figure is the sum of its communes. Counts add up over
/// units and months; the share done on time is a ratio of the sums. The figures depend on the
/// day they are computed for (a task becomes overdue with time), so they are recomputed after
/// every change and by the daily reminder job.
public enum TaskFigures {
    /// Tasks whose deadline falls in the period.
    public static let assignedCode = "NV_DUOC_GIAO"
    /// Of those, done by the deadline.
    public static let onTimeCode = "NV_HOAN_THANH_DUNG_HAN"
    /// Done after the deadline.
    public static let lateCode = "NV_HOAN_THANH_QUA_HAN"
    /// Past the deadline and not done.
    public static let overdueCode = "NV_QUA_HAN_CHUA_HOAN_THANH"
    /// Done, or past the deadline: the tasks that can be judged (the share's denominator).
    public static let judgedCode = "NV_DEN_HAN"
    /// Done on time over judged, in percent.
    public static let onTimeShareCode = "TY_LE_NV_DUNG_HAN"

    /// The indicators, to be stored before their figures.
    public static let indicators: [Indicator] = [
        Indicator(code: assignedCode, name: "Số nhiệm vụ được giao", unitOfMeasure: "nhiệm vụ", valueType: .count),
        Indicator(
            code: onTimeCode, name: "Số nhiệm vụ hoàn thành đúng hạn", unitOfMeasure: "nhiệm vụ", valueType: .count),
        Indicator(
            code: lateCode, name: "Số nhiệm vụ hoàn thành quá hạn", unitOfMeasure: "nhiệm vụ", valueType: .count),
        Indicator(
            code: overdueCode, name: "Số nhiệm vụ quá hạn chưa hoàn thành", unitOfMeasure: "nhiệm vụ",
            valueType: .count),
        Indicator(
            code: judgedCode, name: "Số nhiệm vụ đã đến hạn hoặc đã hoàn thành", unitOfMeasure: "nhiệm vụ",
            valueType: .count),
        Indicator(
            code: onTimeShareCode, name: "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", unitOfMeasure: "%", decimals: 1,
            valueType: .percentage, space: .ratio(numerator: onTimeCode, denominator: judgedCode, multiplier: 100),
            time: .ratio),
    ]

    /// The note every computed figure carries; constant, so a figure that did not change is not
    /// rewritten.
    public static let noteText = "Tính tự động từ các nhiệm vụ được giao"

    /// The codes of the stored counts (the share is derived from two of them).
    public static let countCodes = [assignedCode, onTimeCode, lateCode, overdueCode, judgedCode]

    /// The counts on `today` of every unit of `directory` for every month of the calendar years
    /// that have a deadline — zeros included: a roll-up needs every child and every month, and a
    /// unit without a task has done none late.
    public static func values(
        tasks: [FollowUpTask], reports: [TaskProgressReport], directory: UnitDirectory, today: CivilDate,
        author: String, at time: Date
    ) -> [IndicatorValue] {
        struct Key: Hashable {
            let unit: UnitID
            let period: Period
        }
        var counts: [Key: [String: Int]] = [:]
        let reportsByTask = Dictionary(grouping: reports, by: \.taskID)
        func isLeaf(_ unit: UnitID, _ period: Period) -> Bool {
            directory.children(of: unit, on: period.span(in: .statistical).end).isEmpty
        }
        for task in tasks {
            let key = Key(unit: task.leadUnit, period: .month(task.deadline.year, task.deadline.month))
            // A unit's own figure would shadow the sum of its communes, so tasks a province leads
            // itself are followed on the pages but not counted here.
            guard isLeaf(key.unit, key.period) else { continue }
            var row = counts[key] ?? Dictionary(uniqueKeysWithValues: countCodes.map { ($0, 0) })
            row[assignedCode, default: 0] += 1
            switch task.status(on: today, reports: reportsByTask[task.id] ?? []) {
            case .hoanThanhDungHan: row[onTimeCode, default: 0] += 1
            case .hoanThanhQuaHan: row[lateCode, default: 0] += 1
            case .quaHanChuaHoanThanh: row[overdueCode, default: 0] += 1
            case .chuaThucHien, .dangThucHien: break
            }
            row[judgedCode] = row[onTimeCode, default: 0] + row[lateCode, default: 0] + row[overdueCode, default: 0]
            counts[key] = row
        }
        let zero = Dictionary(uniqueKeysWithValues: countCodes.map { ($0, 0) })
        for year in Set(tasks.map(\.deadline.year)) {
            for month in 1...12 {
                let period = Period.month(year, month)
                let end = period.span(in: .statistical).end
                for unit in directory.unitIDs
                where directory.version(of: unit, on: end) != nil && isLeaf(unit, period) {
                    let key = Key(unit: unit, period: period)
                    if counts[key] == nil { counts[key] = zero }
                }
            }
        }
        return counts.flatMap { key, row in
            countCodes.map { code in
                IndicatorValue(
                    indicatorCode: code, unitID: key.unit, period: key.period, number: Double(row[code] ?? 0),
                    note: noteText, author: author, enteredAt: time)
            }
        }
        .sorted { ($0.unitID, $0.period.id, $0.indicatorCode) < ($1.unitID, $1.period.id, $1.indicatorCode) }
    }
}
