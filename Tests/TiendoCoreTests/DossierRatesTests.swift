import TiendoCore
import XCTest

/// The 766 rates on a small log worked out by hand, so a reader can check every number.
final class DossierRatesTests: XCTestCase {
    static let a = UnitID("A")
    static let b = UnitID("B")
    static let asOf = CivilDate(2026, 3, 31)

    // Evaluation date: 31/03/2026. Each dossier counts in the month it was received.
    //
    // | id | đơn vị | tiếp nhận | hạn trả | ngày trả | kênh       | số hóa | KQ điện tử | bổ sung | tình trạng ngày 31/03/2026          |
    // |----|--------|-----------|---------|----------|------------|--------|------------|---------|-------------------------------------|
    // | 1  | A      | 02/03     | 10/03   | 09/03    | trực tuyến | có     | có         | 0       | đã giải quyết đúng hạn (trước hạn)  |
    // | 2  | A      | 05/03     | 12/03   | 12/03    | trực tiếp  | có     | không      | 0       | đã giải quyết đúng hạn (đúng ngày)  |
    // | 3  | A      | 06/03     | 13/03   | 16/03    | trực tiếp  | không  | có         | 2       | đã giải quyết quá hạn               |
    // | 4  | A      | 20/03     | 03/04   | —        | trực tuyến | có     | không      | 0       | đang giải quyết trong hạn           |
    // | 5  | A      | 10/03     | 31/03   | —        | bưu chính  | không  | không      | 0       | đang giải quyết trong hạn (hạn = hôm nay) |
    // | 6  | A      | 01/03     | 30/03   | —        | trực tuyến | không  | không      | 1       | đang giải quyết quá hạn             |
    // | 7  | A      | 15/02     | 01/03   | 02/03    | trực tiếp  | có     | có         | 0       | đã giải quyết quá hạn — tháng 02    |
    // | 8  | B      | 03/03     | 05/03   | 05/03    | trực tuyến | có     | có         | 0       | đã giải quyết đúng hạn              |
    // | 9  | A      | 15/03     | 20/03   | 02/04    | trực tiếp  | không  | có         | 0       | trả sau ngày tính → đang giải quyết quá hạn |
    // | 10 | B      | 01/04     | 10/04   | —        | trực tuyến | có     | không      | 0       | tiếp nhận sau ngày tính → không đếm |
    //
    // A, tháng 03/2026: tiếp nhận 1,2,3,4,5,6,9 = 7; đúng hạn = đã giải quyết đúng hạn (1,2) + đang
    //   trong hạn (4,5) = 4 → 4/7 = 57,142857 %; trực tuyến 1,4,6 = 3 → 3/7 = 42,857143 %; số hóa
    //   1,2,4 = 3 → 42,857143 %; đã giải quyết (đến 31/03) 1,2,3 = 3, trong đó có kết quả điện tử 1,3
    //   = 2 → 2/3 = 66,666667 % (hồ sơ 9 trả ngày 02/04 nên chưa tính); bổ sung 0+0+2+0+0+1+0 = 3.
    // A, tháng 02/2026: hồ sơ 7 — tiếp nhận 1, đúng hạn 0 → 0 %; trực tuyến 0 %; số hóa 100 %;
    //   kết quả điện tử 1/1 = 100 %.
    // B, tháng 03/2026: hồ sơ 8 — 1/1 đúng hạn, trực tuyến, số hóa, điện tử: đều 100 %.
    // A + B, tháng 03/2026 (tổng hợp lên cấp trên): đúng hạn (4 + 1)/(7 + 1) = 62,5 % — không phải
    //   trung bình của 57,14 % và 100 %.
    static let log: [DossierRecord] = [
        record("1", a, (2, 3), (10, 3), (9, 3), .trucTuyen, true, true),
        record("2", a, (5, 3), (12, 3), (12, 3), .trucTiep, true, false),
        record("3", a, (6, 3), (13, 3), (16, 3), .trucTiep, false, true, supplements: 2),
        record("4", a, (20, 3), (3, 4), nil, .trucTuyen, true, false),
        record("5", a, (10, 3), (31, 3), nil, .buuChinh, false, false),
        record("6", a, (1, 3), (30, 3), nil, .trucTuyen, false, false, supplements: 1),
        record("7", a, (15, 2), (1, 3), (2, 3), .trucTiep, true, true),
        record("8", b, (3, 3), (5, 3), (5, 3), .trucTuyen, true, true),
        record("9", a, (15, 3), (20, 3), (2, 4), .trucTiep, false, true),
        record("10", b, (1, 4), (10, 4), nil, .trucTuyen, true, false),
    ]

    static func record(
        _ id: String, _ unit: UnitID, _ received: (Int, Int), _ due: (Int, Int), _ finished: (Int, Int)?,
        _ channel: DossierChannel, _ digitised: Bool, _ electronic: Bool, supplements: Int = 0
    ) -> DossierRecord {
        DossierRecord(
            id: id, unitID: unit, procedure: "Cấp bản sao trích lục hộ tịch",
            received: CivilDate(2026, received.1, received.0), due: CivilDate(2026, due.1, due.0),
            finished: finished.map { CivilDate(2026, $0.1, $0.0) }, channel: channel, digitised: digitised,
            electronicResult: electronic, supplementRequests: supplements)
    }

    func testStatusesAsOfTheEvaluationDate() {
        let statuses = Dictionary(uniqueKeysWithValues: Self.log.map { ($0.id, $0.status(asOf: Self.asOf)) })
        XCTAssertEqual(statuses["1"], .finishedOnTime)
        XCTAssertEqual(statuses["2"], .finishedOnTime)
        XCTAssertEqual(statuses["3"], .finishedLate)
        XCTAssertEqual(statuses["4"], .openWithinDue)
        XCTAssertEqual(statuses["5"], .openWithinDue)
        XCTAssertEqual(statuses["6"], .openOverdue)
        XCTAssertEqual(statuses["7"], .finishedLate)
        XCTAssertEqual(statuses["8"], .finishedOnTime)
        XCTAssertEqual(statuses["9"], .openOverdue)
        XCTAssertEqual(statuses["10"], .notYetReceived)
    }

    func testCountsMatchTheHandCalculation() {
        let counts = DossierRates.counts(Self.log, asOf: Self.asOf)
        XCTAssertEqual(counts.count, 3, "A-03, A-02, B-03; dossier 10 is not counted")
        let aMarch = counts[DossierMonthKey(unitID: Self.a, period: .month(2026, 3))]
        XCTAssertEqual(
            aMarch,
            DossierCounts(
                received: 7, finishedOnTime: 2, finishedLate: 1, openWithinDue: 2, openOverdue: 2, online: 3,
                digitised: 3, electronicResult: 2, supplementRequests: 3))
        XCTAssertEqual(aMarch?.onTime, 4)
        XCTAssertEqual(aMarch?.finished, 3)
        XCTAssertEqual(
            counts[DossierMonthKey(unitID: Self.a, period: .month(2026, 2))],
            DossierCounts(received: 1, finishedLate: 1, digitised: 1, electronicResult: 1))
        XCTAssertEqual(
            counts[DossierMonthKey(unitID: Self.b, period: .month(2026, 3))],
            DossierCounts(received: 1, finishedOnTime: 1, online: 1, digitised: 1, electronicResult: 1))
    }

    func testRatesMatchTheHandCalculation() throws {
        let (values, empty) = DossierRates.values(
            DossierRates.counts(Self.log, asOf: Self.asOf), author: "kiểm thử", enteredAt: Date())
        XCTAssertEqual(empty, [])
        func number(_ code: String, _ unit: UnitID, _ month: Int) -> Double? {
            values.first { $0.indicatorCode == code && $0.unitID == unit && $0.period == .month(2026, month) }?.number
        }
        let accuracy = 1e-9
        XCTAssertEqual(try XCTUnwrap(number(DossierIndicators.onTimeRate, Self.a, 3)), 400.0 / 7, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(number(DossierIndicators.onlineRate, Self.a, 3)), 300.0 / 7, accuracy: accuracy)
        XCTAssertEqual(
            try XCTUnwrap(number(DossierIndicators.digitisationRate, Self.a, 3)), 300.0 / 7, accuracy: accuracy)
        XCTAssertEqual(
            try XCTUnwrap(number(DossierIndicators.electronicResultRate, Self.a, 3)), 200.0 / 3, accuracy: accuracy)
        XCTAssertEqual(number(DossierIndicators.onTimeRate, Self.a, 2), 0)
        XCTAssertEqual(number(DossierIndicators.digitisationRate, Self.a, 2), 100)
        XCTAssertEqual(number(DossierIndicators.onTimeRate, Self.b, 3), 100)
        XCTAssertEqual(number(DossierIndicators.onTime, Self.a, 3), 4)
        XCTAssertEqual(number(DossierIndicators.received, Self.a, 3), 7)
        XCTAssertEqual(number(DossierIndicators.supplementRequests, Self.a, 3), 3)
        // 11 counts and 4 rates for each of the 3 (unit, month) pairs.
        XCTAssertEqual(values.count, 3 * 15)
    }

    func testTheCityRateIsTheRatioOfSummedCountsNotTheMeanOfRates() throws {
        let province = UnitVersion(
            unitID: UnitID("P"), code: "P", name: "Tỉnh", kind: .tinh, parentID: nil, validFrom: CivilDate(2025, 7, 1))
        let wards = [Self.a, Self.b].map {
            UnitVersion(
                unitID: $0, code: $0.rawValue, name: "Xã \($0.rawValue)", kind: .xa, parentID: province.unitID,
                validFrom: CivilDate(2025, 7, 1))
        }
        let (values, _) = DossierRates.values(
            DossierRates.counts(Self.log, asOf: Self.asOf), author: "", enteredAt: Date())
        let rollUp = RollUp(
            directory: UnitDirectory(versions: [province] + wards, links: []), indicators: DossierIndicators.all,
            values: ValueTable(values))
        let march = try XCTUnwrap(
            rollUp.figure(DossierIndicators.onTimeRate, unit: province.unitID, period: .month(2026, 3)).figure)
        XCTAssertEqual(march.number, 62.5, accuracy: 1e-9)
        // The first quarter of A: (0 + 4 + 0) on time of (1 + 7 + 0)... January has no dossiers, so
        // the quarter's counts are missing a month and the quarter is not derived from months.
        let aFeb = try XCTUnwrap(
            rollUp.figure(DossierIndicators.received, unit: Self.a, period: .month(2026, 2)).figure)
        XCTAssertEqual(aFeb.number, 1)
    }

    func testAMonthLeftWithoutDossiersGetsZeroCountsAndNoRates() {
        let key = DossierMonthKey(unitID: Self.b, period: .month(2026, 1))
        let counts = DossierRates.counts([], asOf: Self.asOf, alsoKeys: [key])
        let (values, empty) = DossierRates.values(counts, author: "", enteredAt: Date())
        XCTAssertEqual(values.count, 11)
        XCTAssertTrue(values.allSatisfy { $0.number == 0 })
        XCTAssertEqual(Set(empty.map(\.indicatorCode)), Set(DossierIndicators.rates.map(\.code)))
        // A month that begins after the evaluation date gets no figures at all.
        let future = DossierMonthKey(unitID: Self.b, period: .month(2026, 4))
        XCTAssertEqual(DossierRates.counts([], asOf: Self.asOf, alsoKeys: [future]), [:])
    }

    func testChannelsAreReadWithOrWithoutDiacritics() {
        XCTAssertEqual(DossierChannel(typed: "Trực tuyến"), .trucTuyen)
        XCTAssertEqual(DossierChannel(typed: "truc tuyen"), .trucTuyen)
        XCTAssertEqual(DossierChannel(typed: "TRỰC TIẾP"), .trucTiep)
        XCTAssertEqual(DossierChannel(typed: "buu-chinh"), .buuChinh)
        XCTAssertNil(DossierChannel(typed: "fax"))
    }

    func testIndicatorsAreConsistent() {
        let codes = Set(DossierIndicators.all.map(\.code))
        XCTAssertEqual(codes.count, DossierIndicators.all.count)
        for rate in DossierIndicators.rates {
            let parts = try? XCTUnwrap(rate.ratioParts)
            XCTAssertEqual(parts?.multiplier, 100)
            XCTAssertTrue(codes.contains(parts?.numerator ?? ""), rate.code)
            XCTAssertTrue(codes.contains(parts?.denominator ?? ""), rate.code)
            XCTAssertEqual(rate.time, .ratio)
        }
        XCTAssertTrue(DossierIndicators.counts.allSatisfy { $0.space == .sum && $0.time == .sum })
        XCTAssertEqual(
            DossierIndicators.rates.map(\.name),
            [
                "Tỷ lệ hồ sơ giải quyết đúng hạn", "Tỷ lệ hồ sơ trực tuyến", "Tỷ lệ số hóa hồ sơ",
                "Tỷ lệ cấp kết quả điện tử",
            ])
    }
}
