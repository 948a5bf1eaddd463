import Foundation
import TiendoCore

/// A deterministic dossier log for tests: `count` dossiers spread over `units` and the months
/// from `firstMonth`, with every status, channel and flag represented. The same seed gives the
/// same log. (benchmarks/make-dossier-log.py writes the 100.000-row log of the demo's units.)
public enum DossierLogGenerator {
    static let procedures = [
        "Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực bản sao từ bản chính", "Đăng ký thường trú",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký hộ kinh doanh", "Xác nhận tình trạng hôn nhân",
    ]

    /// The records, ids `prefix-000001`, `prefix-000002`, …
    public static func records(
        count: Int, units: [UnitID], firstMonth: CivilDate = CivilDate(2026, 1, 1), months: Int = 6,
        seed: UInt64 = 766, prefix: String = "HS"
    ) -> [DossierRecord] {
        var random = SeededRandom(seed: seed)
        var result: [DossierRecord] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            let month = firstMonth.adding(months: random.next(upTo: months))
            let received = CivilDate(
                month.year, month.month,
                1 + random.next(upTo: CivilDate.daysIn(month: month.month, year: month.year)))
            let due = received.adding(days: 1 + random.next(upTo: 20))
            let finished: CivilDate?
            switch random.next(upTo: 10) {
            case 0, 1: finished = nil
            case 2: finished = due.adding(days: 1 + random.next(upTo: 10))
            default: finished = received.adding(days: random.next(upTo: due.dayNumber - received.dayNumber + 1))
            }
            let id = String(i + 1)
            result.append(
                DossierRecord(
                    id: prefix + "-" + String(repeating: "0", count: max(0, 6 - id.count)) + id,
                    unitID: units[random.next(upTo: units.count)],
                    procedure: procedures[random.next(upTo: procedures.count)], received: received, due: due,
                    finished: finished, channel: DossierChannel.allCases[random.next(upTo: 3)],
                    digitised: random.next(upTo: 4) != 0,
                    electronicResult: finished != nil && random.next(upTo: 2) == 0,
                    supplementRequests: random.next(upTo: 6) == 0 ? 1 + random.next(upTo: 2) : 0))
        }
        return result
    }
}
