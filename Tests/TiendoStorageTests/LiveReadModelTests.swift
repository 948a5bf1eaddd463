import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Issue 21, the live read model: whatever way a server keeps its snapshot up to date — reading
/// the whole database again, or following a change log and keeping the roll-up results no write
/// touched — a leader must see exactly what a fresh read of the database shows. A dashboard that
/// keeps last month's verdict after a ward corrected its figure, or a target's old bound after the
/// resolution was amended, is wrong without anyone noticing.
///
/// So thousands of random writes of every kind the product makes (figures saved on the entry page
/// and in 12-figure forms, estimates replaced by official figures, saves that change nothing or
/// are refused or undone, target edits, quality ratings that remove figures, reorganisations,
/// large imports) go through two servers on one database, both reading their snapshots in
/// between; every so often, and at the end, each server's snapshot is compared with a fresh full
/// read: every figure, every roll-up of every indicator to every unit for months, quarters, years
/// and the term (years outside the term too), and every verdict of every resolution.
///
/// The seed is printed; `TIENDO_LIVE_MODEL_SEED` (a number, or `random`) and
/// `TIENDO_LIVE_MODEL_STEPS` replay or widen a run.
final class LiveReadModelTests: XCTestCase {
    private var folder: URL!
    private var opened: [TiendoDatabase] = []

    override func setUp() async throws {
        // In memory when the system offers a RAM disk: SQLite then syncs a thousand commits
        // without waiting for a disk; the SQL is the same.
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("tiendo-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        for database in opened { await database.shutdown() }
        opened = []
        try? FileManager.default.removeItem(at: folder)
    }

    /// Two connection pools on one database: two servers (on SQLite a file, as `tiendo serve`
    /// uses; the in-memory database of `TestDatabases` cannot be shared by two pools).
    private func openPair(_ name: String, _ location: StorageLocation) async throws -> (TiendoDatabase, TiendoDatabase)
    {
        var location = location
        if case .sqliteMemory = location {
            location = .sqliteFile(folder.appendingPathComponent("\(name).sqlite").path)
        }
        let first = try TiendoDatabase(location: location)
        opened.append(first)
        let second = try TiendoDatabase(location: location)
        opened.append(second)
        if case .postgres = location, let sql = first.database as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await first.migrate()
        try await second.migrate()
        return (first, second)
    }

    private static var seed: UInt64 {
        let text = ProcessInfo.processInfo.environment["TIENDO_LIVE_MODEL_SEED"] ?? ""
        if text == "random" { return UInt64.random(in: 1...UInt64(UInt32.max)) }
        return UInt64(text) ?? 2_100
    }

    /// Steps per database: a PostgreSQL round trip costs several times SQLite's, so fewer steps
    /// keep both runs near 20 s in a debug build.
    private static func steps(on location: StorageLocation) -> Int {
        if let steps = Int(ProcessInfo.processInfo.environment["TIENDO_LIVE_MODEL_STEPS"] ?? "") { return steps }
        if case .postgres = location { return 700 }
        return 2_000
    }

    func testTwoServersFollowingRandomWritesShowWhatAFreshReadShows() async throws {
        for (name, location) in TestDatabases.locations {
            let seed = Self.seed
            let steps = Self.steps(on: location)
            print("LiveReadModelTests: \(name), seed \(seed), \(steps) steps")
            let (first, second) = try await openPair(name, location)
            let run = LiveModelRun(
                name: name, seed: seed, steps: steps,
                serverA: TiendoStore(database: first.database), serverB: TiendoStore(database: second.database),
                idleServer: TiendoStore(database: second.database))
            let started = Date()
            try await run.run()
            let seconds = Date().timeIntervalSince(started)
            print(
                "LiveReadModelTests: \(name), seed \(seed): \(run.summary) in \(String(format: "%.1f", seconds)) s")
        }
    }

    /// The comparison itself must notice a model that missed a write: a snapshot taken before a
    /// corrected figure, or before a target's bound changed, differs from a fresh read.
    func testTheComparisonNoticesASnapshotThatMissedAWrite() async throws {
        for (name, location) in TestDatabases.locations {
            let (first, _) = try await openPair(name + "-check", location)
            let store = TiendoStore(database: first.database)
            try await LiveModelWorld.build(on: store)
            var writes = RandomFigures(seed: 7)
            for _ in 0..<40 { try await store.recordValues(writes.entryForm(step: 0, known: [:])) }
            let before = try await store.snapshot()
            let key = ValueKey(indicatorCode: "THU", unitID: LiveModelWorld.c.unitID, period: .month(2026, 3))
            try await store.recordValues([
                IndicatorValue(
                    indicatorCode: key.indicatorCode, unitID: key.unitID, period: key.period, number: 12_345)
            ])
            let afterFigure = try await store.loadSnapshot()
            let missedFigure = LiveModelComparison.differences(before, afterFigure, keys: [key])
            XCTAssertFalse(missedFigure.isEmpty, name)
            XCTAssertTrue(missedFigure.contains { $0.contains("THU") && $0.contains("2026M03") }, "\(missedFigure)")

            var resolution = LiveModelWorld.provinceResolution
            resolution.targets[0].condition = .plan(1)
            try await store.saveResolution(resolution)
            let afterTarget = try await store.loadSnapshot()
            let missedTarget = LiveModelComparison.differences(afterFigure, afterTarget, keys: [key])
            XCTAssertTrue(missedTarget.contains { $0.hasPrefix("resolution") }, "\(missedTarget)")
            XCTAssertTrue(missedTarget.contains { $0.hasPrefix("verdicts") }, "\(missedTarget)")
            XCTAssertEqual(LiveModelComparison.differences(afterTarget, afterTarget, keys: [key]), [], name)
        }
    }
}

// MARK: - The world

/// A province of four communes; A and B merged into E on 1 July 2025 (the two-level reform). Later,
/// as random steps, C and D merge into F, E is renamed, G is founded, a lineage weight becomes an
/// estimate and two indicators change.
enum LiveModelWorld {
    static let origin = CivilDate(2000, 1, 1)
    static let reform = CivilDate(2025, 7, 1)
    static let secondMerge = CivilDate(2027, 1, 1)

    static let province = UnitVersion(
        unitID: UnitID(code: "46", validFrom: origin), code: "46", name: "Mẫu", kind: .tinh, parentID: nil,
        validFrom: origin)

    static func commune(_ code: String, _ name: String, from: CivilDate = origin, to: CivilDate? = nil) -> UnitVersion {
        UnitVersion(
            unitID: UnitID(code: code, validFrom: from), code: code, name: name, kind: .xa,
            parentID: province.unitID, validFrom: from, validTo: to)
    }

    static let a = commune("46001", "An Hòa", to: CivilDate(2025, 6, 30))
    static let b = commune("46002", "Bình Minh", to: CivilDate(2025, 6, 30))
    static let c = commune("46003", "Cát Tiên")
    static let d = commune("46004", "Đông Sơn")
    /// A and B merged.
    static let e = commune("46001", "An Bình", from: reform)
    /// C and D merged: a structural step of the run.
    static let f = commune("46003", "Cát Đông", from: secondMerge)
    /// A commune founded in 2028: a structural step of the run.
    static let g = commune("46009", "Gia Lạc", from: CivilDate(2028, 1, 1))

    /// Every unit a figure may be written for.
    static let units = [province, a, b, c, d, e, f, g]

    static let indicators = [
        Indicator(code: "THU", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1, space: .sum, time: .sum),
        Indicator(code: "HO", name: "Số hộ", unitOfMeasure: "hộ", space: .sum, time: .last),
        Indicator(code: "HO_NGHEO", name: "Số hộ nghèo", unitOfMeasure: "hộ", space: .sum, time: .last),
        Indicator(
            code: "TY_LE_HO_NGHEO", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", decimals: 2, valueType: .percentage,
            space: .ratio(numerator: "HO_NGHEO", denominator: "HO", multiplier: 100), time: .ratio),
        Indicator(
            code: "DIEM", name: "Điểm cải cách hành chính", unitOfMeasure: "điểm", decimals: 1, space: .mean,
            time: .mean),
        Indicator(
            code: "NTM", name: "Đạt chuẩn nông thôn mới", unitOfMeasure: "", valueType: .yesNo, space: .none,
            time: .last),
    ]

    static let partyRate = QualityIndicators.rateCode(.dangVien)

    static var provinceResolution: Resolution {
        let targets = [
            Target(
                number: 1, group: .kinhTe, wording: "Thu ngân sách năm đạt kế hoạch", indicatorCode: "THU",
                measure: .level, condition: .plan(2_500), deadlineYear: 2030),
            Target(
                number: 2, group: .kinhTe, wording: "Thu ngân sách tăng bình quân 8–10%/năm", indicatorCode: "THU",
                measure: .averageGrowth(baseYear: 2025, geometric: true),
                condition: .between(low: 8, high: 10, direction: .higherIsBetter), deadlineYear: 2030),
            Target(
                number: 3, group: .kinhTe, wording: "Tổng thu ngân sách cả nhiệm kỳ", indicatorCode: "THU",
                measure: .sum(fromYear: 2026, toYear: 2030), condition: .atLeast(12_000, exceedBound: 13_000),
                deadlineYear: 2030),
            Target(
                number: 4, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo dưới 3%",
                indicatorCode: "TY_LE_HO_NGHEO", measure: .level, condition: .atMost(3, exceedBound: nil),
                deadlineYear: 2030, tolerance: .absolute(0.5)),
            Target(
                number: 5, group: .vanHoaXaHoiMoiTruong, wording: "Mỗi năm có ít nhất 10.000 hộ", indicatorCode: "HO",
                measure: .everyYear(fromYear: 2026, toYear: 2030), condition: .atLeast(10_000, exceedBound: nil),
                deadlineYear: 2030),
            Target(
                number: 6, group: .quocPhongAnNinh, wording: "Điểm cải cách hành chính bình quân trên 75",
                indicatorCode: "DIEM", measure: .annualMean(fromYear: 2026, toYear: 2030),
                condition: .atLeast(75, exceedBound: nil), deadlineYear: 2030),
            Target(
                number: 7, group: .kinhTe, wording: "100% xã đạt chuẩn nông thôn mới", indicatorCode: "NTM",
                measure: .shareOfUnits(unitCondition: nil, unitKinds: [.xa]),
                condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030),
            Target(
                number: 8, group: .xayDungDang, wording: "Trên 90% đảng viên hoàn thành tốt nhiệm vụ trở lên",
                indicatorCode: partyRate, measure: .level, condition: .atLeast(90, exceedBound: nil),
                deadlineYear: 2030),
        ]
        var revised = targets[3]
        revised.condition = .atMost(2, exceedBound: nil)
        return Resolution(
            id: "tinh-2025-2030", issuingUnitID: province.unitID, symbol: "01-NQ/ĐH",
            title: "Nghị quyết Đại hội Đảng bộ tỉnh", termStart: 2025, termEnd: 2030,
            adoptedOn: CivilDate(2025, 10, 15),
            targets: targets,
            revisions: [
                ResolutionRevision(
                    symbol: "12-NQ/TU", title: "Điều chỉnh chỉ tiêu hộ nghèo", effectiveFrom: CivilDate(2028, 1, 1),
                    targets: [revised])
            ])
    }

    /// The merged commune's own resolution.
    static var communeResolution: Resolution {
        Resolution(
            id: "xa-an-binh-2025-2030", issuingUnitID: e.unitID, symbol: "01-NQ/ĐU",
            title: "Nghị quyết Đại hội Đảng bộ xã An Bình", termStart: 2025, termEnd: 2030,
            adoptedOn: CivilDate(2025, 9, 20),
            targets: [
                Target(
                    number: 1, group: .kinhTe, wording: "Thu ngân sách năm đạt kế hoạch", indicatorCode: "THU",
                    measure: .level, condition: .plan(700), deadlineYear: 2030),
                Target(
                    number: 2, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo dưới 4%",
                    indicatorCode: "TY_LE_HO_NGHEO", measure: .level, condition: .atMost(4, exceedBound: 2),
                    deadlineYear: 2028),
                Target(
                    number: 3, group: .kinhTe, wording: "Điểm cải cách hành chính 70–85 mỗi năm", indicatorCode: "DIEM",
                    measure: .everyYear(fromYear: 2026, toYear: 2030),
                    condition: .between(low: 70, high: 85, direction: .higherIsBetter), deadlineYear: 2030),
            ])
    }

    /// Units, the first merge, indicators and both resolutions.
    static func build(on store: TiendoStore) async throws {
        try await store.importUnitVersions([province, a, b, c, d, e])
        try await store.importLineage(
            oldVersions: [a, b],
            links: [
                LineageLink(source: a.unitID, successor: e.unitID, date: reform),
                LineageLink(source: b.unitID, successor: e.unitID, date: reform),
            ])
        try await store.importIndicators(indicators)
        try await store.saveResolution(provinceResolution)
        try await store.saveResolution(communeResolution)
    }
}

// MARK: - Random figures

/// Random figures for the world's indicators, units and periods: a small key space, so most
/// saves after the first few hundred overwrite a figure.
struct RandomFigures: Sendable {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func chance(_ percent: Int) -> Bool { random.next(upTo: 100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[random.next(upTo: items.count)] }

    /// Months of 2025–2027, quarters of 2024–2030, years 2023–2031 (outside the term on both sides).
    mutating func period() -> Period {
        switch random.next(upTo: 10) {
        case 0..<5: return .month(2025 + random.next(upTo: 3), 1 + random.next(upTo: 12))
        case 5..<8: return .quarter(2024 + random.next(upTo: 7), 1 + random.next(upTo: 4))
        default: return .year(2023 + random.next(upTo: 9))
        }
    }

    /// Mostly a commune that exists during `period`; sometimes the province, rarely any unit.
    mutating func unit(for period: Period) -> UnitID {
        if chance(8) { return LiveModelWorld.province.unitID }
        if chance(4) { return pick(LiveModelWorld.units).unitID }
        let span = period.span(in: .statistical)
        let existing = LiveModelWorld.units.dropFirst().filter { $0.overlaps(span) }
        return existing.isEmpty ? LiveModelWorld.province.unitID : pick(Array(existing)).unitID
    }

    mutating func code() -> String {
        pick(["THU", "THU", "THU", "HO", "HO", "HO_NGHEO", "HO_NGHEO", "DIEM", "DIEM", "NTM", "TY_LE_HO_NGHEO"])
    }

    mutating func key() -> ValueKey {
        let period = period()
        return ValueKey(indicatorCode: code(), unitID: unit(for: period), period: period)
    }

    mutating func number(for code: String) -> Double {
        switch code {
        case "THU": return Double(100 + random.next(upTo: 900)) / 10
        case "HO": return Double(1_000 + random.next(upTo: 4_000))
        case "HO_NGHEO": return Double(random.next(upTo: 150))
        case "DIEM": return Double(500 + random.next(upTo: 500)) / 10
        case "NTM": return Double(random.next(upTo: 2))
        default: return Double(random.next(upTo: 600)) / 100
        }
    }

    /// A figure for `key`: estimate or official, sometimes with a note; when `known` holds the
    /// key, sometimes its last number again (an estimate confirmed as the official figure).
    mutating func figure(_ key: ValueKey, step: Int, known: [ValueKey: IndicatorValue]) -> IndicatorValue {
        var number = number(for: key.indicatorCode)
        if let old = known[key], chance(25) { number = old.number }
        return IndicatorValue(
            indicatorCode: key.indicatorCode, unitID: key.unitID, period: key.period, number: number,
            status: chance(30) ? .uoc : .chinhThuc, note: chance(5) ? "Ghi chú bước \(step)" : nil,
            author: "can-bo-\(key.unitID.rawValue.prefix(5))",
            enteredAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(step)))
    }

    /// What one entry form saves: 12 figures of one unit — a year's months of one indicator, or
    /// six indicators for two periods.
    mutating func entryForm(step: Int, known: [ValueKey: IndicatorValue]) -> [IndicatorValue] {
        var keys: [ValueKey] = []
        if chance(50) {
            let year = 2025 + random.next(upTo: 3)
            let code = pick(["THU", "DIEM", "HO"])
            let unit = unit(for: .year(year))
            keys = (1...12).map { ValueKey(indicatorCode: code, unitID: unit, period: .month(year, $0)) }
        } else {
            let first = period()
            let second = chance(50) ? first.previous : period()
            let unit = unit(for: first)
            for period in [first, second] {
                for code in ["THU", "HO", "HO_NGHEO", "DIEM", "NTM", "TY_LE_HO_NGHEO"] {
                    keys.append(ValueKey(indicatorCode: code, unitID: unit, period: period))
                }
            }
        }
        var seen = Set<ValueKey>()
        return keys.filter { seen.insert($0).inserted }.map { figure($0, step: step, known: known) }
    }

    /// A unit-year's party quality ratings; an empty list removes the unit-year's figures.
    mutating func qualityList() -> QualityRatingList {
        let year = 2024 + random.next(upTo: 7)
        let unit = unit(for: .year(year))
        let count = chance(25) ? 0 : 1 + random.next(upTo: 12)
        var ratings: [QualityRating] = []
        for index in 0..<count {
            let kind: RatedSubjectKind = chance(80) ? .dangVien : .toChucCoSoDang
            ratings.append(
                QualityRating(
                    year: year, unitID: unit, kind: kind, group: "", subject: "Chủ thể \(index + 1)",
                    level: pick(QualityLevel.allCases)))
        }
        return QualityRatingList(unitID: unit, year: year, ratings: ratings)
    }

    /// A large import (more than one batch of `recordValues`): every month of 2019–2024 of six
    /// indicators for the communes of that time.
    mutating func largeImport(step: Int, changing percent: Int) -> [IndicatorValue] {
        var values: [IndicatorValue] = []
        let communes = [LiveModelWorld.a, LiveModelWorld.b, LiveModelWorld.c, LiveModelWorld.d]
        for year in 2019...2024 {
            for month in 1...12 {
                for unit in communes {
                    for code in ["THU", "HO", "HO_NGHEO", "DIEM", "NTM", "TY_LE_HO_NGHEO"] {
                        let base = Double((year * 12 + month) % 97 + code.count * 11)
                        values.append(
                            IndicatorValue(
                                indicatorCode: code, unitID: unit.unitID, period: .month(year, month),
                                number: chance(percent) ? number(for: code) : base, status: .chinhThuc,
                                author: "nhap-csv", enteredAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(step))
                            ))
                    }
                }
            }
        }
        return values
    }
}

// MARK: - The run

private struct Undone: Error {}

/// One randomised run on one database: the writes, the reads in between, and the comparisons.
final class LiveModelRun {
    let name: String
    let seed: UInt64
    let steps: Int
    let serverA: TiendoStore
    let serverB: TiendoStore
    /// A server that reads once after setup and then only at the end: it catches up on everything.
    let idleServer: TiendoStore
    var writes: RandomFigures
    /// The last figure this run wrote for each key (not kept exact: deletions and undone writes
    /// are not removed) — where overwrites and unchanged re-saves find their keys.
    var known: [ValueKey: IndicatorValue] = [:] {
        didSet {
            // The keys in the order first written, so the seed alone decides which one is picked.
            if known.count > knownOrder.count {
                knownOrder += known.keys.filter { !knownSet.contains($0) }.sorted {
                    LiveModelComparison.describe($0) < LiveModelComparison.describe($1)
                }
                knownSet = Set(knownOrder)
            } else if known.count < knownOrder.count {
                knownOrder.removeAll { known[$0] == nil }
                knownSet = Set(knownOrder)
            }
        }
    }
    private var knownOrder: [ValueKey] = []
    private var knownSet: Set<ValueKey> = []
    var resolutions = [LiveModelWorld.provinceResolution, LiveModelWorld.communeResolution]
    var indicators = LiveModelWorld.indicators
    var log: [String] = []
    var counts: [String: Int] = [:]
    var comparisons = 0
    var step = 0

    init(name: String, seed: UInt64, steps: Int, serverA: TiendoStore, serverB: TiendoStore, idleServer: TiendoStore) {
        self.name = name
        self.seed = seed
        self.steps = steps
        self.serverA = serverA
        self.serverB = serverB
        self.idleServer = idleServer
        writes = RandomFigures(seed: seed)
    }

    var summary: String {
        let kinds = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(steps) steps (\(kinds)), \(comparisons) comparisons"
    }

    private func note(_ kind: String, _ detail: String) {
        counts[kind, default: 0] += 1
        log.append("step \(step) \(kind): \(detail)")
        if log.count > 12 { log.removeFirst(log.count - 12) }
    }

    private var writer: TiendoStore { writes.chance(50) ? serverA : serverB }

    /// A key this run wrote, chosen by the seed (not by the dictionary's order, which varies).
    private func knownKey() -> ValueKey? {
        knownOrder.isEmpty ? nil : knownOrder[writes.random.next(upTo: knownOrder.count)]
    }

    func run() async throws {
        try await LiveModelWorld.build(on: serverA)
        _ = try await serverA.snapshot()
        _ = try await serverB.snapshot()
        _ = try await idleServer.snapshot()

        // The structural steps, each once: reorganisations, indicator edits and a new resolution
        // spread over the run in an order the seed decides; the two large imports near its end
        // (they triple the figures that every later read holds).
        var structural: [Int: Int] = [:]
        var spread = [0, 1, 2, 3, 4, 7]
        for index in spread.indices.reversed() { spread.swapAt(index, writes.random.next(upTo: index + 1)) }
        func schedule(_ event: Int, at step: Int) {
            var at = min(max(step, 1), steps)
            while structural[at] != nil { at = at % steps + 1 }
            structural[at] = event
        }
        for (index, event) in spread.enumerated() {
            schedule(
                event,
                at: (index + 1) * steps * 85 / 100 / (spread.count + 1) + writes.random.next(upTo: max(1, steps / 20)))
        }
        for event in [5, 6] { schedule(event, at: steps * 88 / 100 + writes.random.next(upTo: max(1, steps / 10))) }

        for current in 1...steps {
            step = current
            if let event = structural[current] {
                try await structuralStep(event)
            } else {
                try await randomStep()
            }
            if writes.chance(20) { _ = try await serverA.snapshot() }
            if writes.chance(10) { _ = try await serverB.snapshot() }
            if current % 200 == 0 || structural[current] != nil && writes.chance(50) {
                try await compareServers(rollUps: current % 400 == 0)
            }
        }
        try await concurrentBurst()
        try await compareServers(rollUps: true, includingIdle: true)
        // Not vacuous: the servers did follow the writes rather than only reading everything again.
        for (label, server) in [("server A", serverA), ("server B", serverB)] {
            let status = server.readModelStatus
            counts["\(label) follows"] = status.follows
            counts["\(label) whole reads"] = status.wholeReads
            XCTAssertGreaterThan(status.follows, 0, "\(name), seed \(seed): \(label) never followed the change log")
        }
    }

    private func randomStep() async throws {
        let roll = writes.random.next(upTo: 100)
        switch roll {
        case 0..<36: try await saveOne()
        case 36..<40: try await staleSave()
        case 40..<62: try await entryForm()
        case 62..<68: try await resaveUnchanged()
        case 68..<72: try await entryBatches()
        case 72..<75: try await insertNew()
        case 75..<78: try await undoneTransaction()
        case 78..<90: try await targetEdit()
        case 90..<96: try await qualityRatings()
        case 96..<98: try await deletedByAdministrator()
        default: try await resaveResolutionUnchanged()
        }
    }

    /// One figure saved on the entry page: compare-and-set on the version the editor read.
    private func saveOne() async throws {
        let key = writes.chance(60) ? knownKey() ?? writes.key() : writes.key()
        let store = writer
        let stored = try await store.figures(unit: key.unitID, period: key.period)
            .first { $0.indicatorCode == key.indicatorCode }
        var value = writes.figure(key, step: step, known: known)
        if let stored, writes.chance(15) {
            // Saved again as it is: the version moves, nothing else.
            value.number = stored.number
            value.status = stored.status
            value.note = stored.note
        }
        let saved = try await store.saveValue(value, expectedVersion: stored?.version)
        known[key] = saved
        note("saveValue", "\(key.indicatorCode) \(key.unitID) \(key.period) = \(value.number) \(value.status)")
    }

    /// A save from an editor who read an older version: refused, nothing written.
    private func staleSave() async throws {
        guard let key = knownKey() else {
            return try await saveOne()
        }
        let store = writer
        let stored = try await store.figures(unit: key.unitID, period: key.period)
            .first { $0.indicatorCode == key.indicatorCode }
        do {
            _ = try await store.saveValue(
                writes.figure(key, step: step, known: known), expectedVersion: stored.map { $0.version - 1 } ?? 1)
            XCTFail("\(name) seed \(seed) step \(step): a stale save of \(key) was not refused")
        } catch is ValueConflict {
        } catch let error as StorageError {
            XCTAssertNil(stored, "\(error)")
        }
        note("refusedSave", "\(key.indicatorCode) \(key.unitID) \(key.period)")
    }

    /// A 12-figure entry form, new figures and overwrites together.
    private func entryForm() async throws {
        let values = writes.entryForm(step: step, known: known)
        let counts = try await writer.recordValues(values)
        for value in values { known[value.key] = value }
        note("recordValues", "\(values.count) figures of \(values[0].unitID): \(counts)")
    }

    /// A stored figure saved again exactly as it is: nothing changes, the version stays.
    private func resaveUnchanged() async throws {
        guard let key = knownKey() else {
            return try await entryForm()
        }
        let store = writer
        guard
            let stored = try await store.figures(unit: key.unitID, period: key.period)
                .first(where: { $0.indicatorCode == key.indicatorCode })
        else { return try await entryForm() }
        let version = try await store.dataVersion()
        let counts = try await store.recordValues([stored])
        XCTAssertEqual(counts, ImportCounts(unchanged: 1), "\(name) seed \(seed) step \(step)")
        let after = try await store.dataVersion()
        XCTAssertEqual(after, version, "\(name) seed \(seed) step \(step): an unchanged figure moved the version")
        note("unchanged", "\(key.indicatorCode) \(key.unitID) \(key.period)")
    }

    /// The entry use case's path: batches whose transaction takes the entry lock and checks first.
    private func entryBatches() async throws {
        let values = writes.entryForm(step: step, known: known)
        let outcome = try await writer.recordFiguresInBatches(values) { _, _ in }
        for value in values { known[value.key] = value }
        note("recordFiguresInBatches", "\(values.count) figures of \(values[0].unitID): \(outcome)")
    }

    /// Generated figures known to be new.
    private func insertNew() async throws {
        let store = writer
        var fresh: [IndicatorValue] = []
        var seen = Set<ValueKey>()
        for _ in 0..<5 {
            let key = writes.key()
            guard seen.insert(key).inserted else { continue }
            let stored = try await store.figures(unit: key.unitID, period: key.period)
            if stored.contains(where: { $0.indicatorCode == key.indicatorCode }) { continue }
            fresh.append(writes.figure(key, step: step, known: known))
        }
        guard !fresh.isEmpty else { return try await entryForm() }
        try await store.insertNewValues(fresh)
        for value in fresh { known[value.key] = value }
        note("insertNewValues", "\(fresh.count) figures")
    }

    /// Figures and a target edit in a transaction that is then undone: nobody may see them.
    private func undoneTransaction() async throws {
        let values = writes.entryForm(step: step, known: known)
        var changed = resolutions[0]
        changed.targets[0].condition = .plan(1)
        let resolution = changed
        let store = writer
        let version = try await store.dataVersion()
        do {
            try await store.inTransaction { tx in
                try await tx.recordValues(values)
                try await tx.saveResolution(resolution)
                throw Undone()
            }
        } catch is Undone {}
        let after = try await store.dataVersion()
        XCTAssertEqual(after, version, "\(name) seed \(seed) step \(step): an undone transaction moved the version")
        note("undone", "\(values.count) figures and a target")
    }

    private func edited(_ condition: Condition) -> Condition {
        let factor = Double(80 + writes.random.next(upTo: 41)) / 100
        switch condition {
        case .atLeast(let value, let exceed):
            let bound = (value * factor).rounded()
            return .atLeast(bound, exceedBound: exceed.map { _ in (bound * 1.05).rounded() })
        case .atMost(let value, let exceed):
            let bound = (value * factor * 10).rounded() / 10
            return .atMost(bound, exceedBound: exceed.map { _ in (bound * 0.5 * 10).rounded() / 10 })
        case .between(let low, let high, let direction):
            let newLow = (low * factor).rounded()
            return .between(low: newLow, high: max(newLow + 1, (high * factor).rounded()), direction: direction)
        }
    }

    /// A target's bound (or deadline, or its revision) changed and the resolution saved again.
    private func targetEdit() async throws {
        let which = writes.random.next(upTo: resolutions.count)
        var resolution = resolutions[which]
        let index = writes.random.next(upTo: resolution.targets.count)
        var detail = "\(resolution.id) target \(resolution.targets[index].number)"
        if writes.chance(15), !resolution.revisions.isEmpty {
            resolution.revisions[0].targets[0].condition = edited(resolution.revisions[0].targets[0].condition)
            detail += " (revision)"
        } else if writes.chance(10) {
            resolution.targets[index].deadlineYear = resolution.targets[index].deadlineYear == 2030 ? 2028 : 2030
            detail += " deadline \(resolution.targets[index].deadlineYear)"
        } else {
            resolution.targets[index].condition = edited(resolution.targets[index].condition)
            detail += " \(resolution.targets[index].condition)"
        }
        let store = writer
        if writes.chance(50) {
            try await store.saveResolution(resolution)
            note("saveResolution", detail)
        } else {
            let saved = resolution
            let found = try await store.updateResolution(
                resolution.id,
                recording: AuditTrail.Event(.suaChiTieu, actor: "tonghop", subject: "nghi-quyet:\(resolution.id)")
            ) { $0 = saved }
            XCTAssertTrue(found)
            note("updateResolution", detail)
        }
        resolutions[which] = resolution
    }

    /// A resolution saved again unchanged: its rows are rewritten, the version moves.
    private func resaveResolutionUnchanged() async throws {
        let resolution = writes.pick(resolutions)
        try await writer.saveResolution(resolution)
        note("saveResolution", "\(resolution.id) unchanged")
    }

    /// A unit-year's quality ratings replaced: its derived figures change, and those of a kind
    /// no longer rated are removed (an empty list removes them all).
    private func qualityRatings() async throws {
        let list = writes.qualityList()
        let write = try await writer.replaceQualityRatings(
            [list], author: "to-chuc", at: Date(timeIntervalSince1970: 1_780_000_000 + Double(step)))
        note("replaceQualityRatings", "\(list.unitID) \(list.year): \(list.ratings.count) ratings, \(write)")
    }

    /// A figure deleted straight in the database, as a restore or an administrator would.
    private func deletedByAdministrator() async throws {
        guard let key = knownKey(),
            let sql = writer.database as? any SQLDatabase
        else { return try await entryForm() }
        try await sql.raw(
            """
            DELETE FROM indicator_values WHERE indicator_code = \(bind: key.indicatorCode) \
            AND unit_id = \(bind: key.unitID.rawValue) AND period = \(bind: key.period.id)
            """
        ).run()
        known[key] = nil
        note("sqlDelete", "\(key.indicatorCode) \(key.unitID) \(key.period)")
    }

    private func structuralStep(_ event: Int) async throws {
        let world = LiveModelWorld.self
        let store = writer
        switch event {
        case 0:
            // C and D merge into F: the successor first, then the ended versions and the links.
            try await store.importUnitVersions([world.f])
            if writes.chance(50) { _ = try await serverA.snapshot() }
            var c = world.c
            var d = world.d
            c.validTo = CivilDate(2026, 12, 31)
            d.validTo = CivilDate(2026, 12, 31)
            try await store.importLineage(
                oldVersions: [c, d],
                links: [
                    LineageLink(source: c.unitID, successor: world.f.unitID, date: world.secondMerge),
                    LineageLink(source: d.unitID, successor: world.f.unitID, date: world.secondMerge),
                ])
            note("merge", "C and D into F")
        case 1:
            var renamed = world.e
            renamed.name = "An Bình mới"
            try await store.importUnitVersions([renamed])
            note("rename", "E")
        case 2:
            try await store.importUnitVersions([world.g])
            note("newUnit", "G")
        case 3:
            try await store.importLineage(
                oldVersions: [],
                links: [
                    LineageLink(
                        source: world.a.unitID, successor: world.e.unitID, weight: 1, date: world.reform,
                        weightIsEstimated: true)
                ])
            note("lineageWeight", "A→E estimated")
        case 4:
            if let index = indicators.firstIndex(where: { $0.code == "DIEM" }) { indicators[index].time = .last }
            if let index = indicators.firstIndex(where: { $0.code == "TY_LE_HO_NGHEO" }) {
                indicators[index].decimals = 1
            }
            try await store.importIndicators(indicators)
            note("indicatorEdit", "DIEM time last, TY_LE_HO_NGHEO 1 decimal")
        case 5, 6:
            // More than one batch: on SQLite the data version moves once, at the end.
            let values = writes.largeImport(step: step, changing: event == 5 ? 0 : 30)
            let counts = try await store.recordValues(values)
            note("largeImport", "\(values.count) figures: \(counts)")
        default:
            // A new commune's resolution, issued by F.
            let resolution = Resolution(
                id: "xa-cat-dong-2027-2030", issuingUnitID: world.f.unitID, symbol: "02-NQ/ĐU",
                title: "Nghị quyết Đảng bộ xã Cát Đông", termStart: 2027, termEnd: 2030,
                adoptedOn: CivilDate(2027, 3, 1),
                targets: [
                    Target(
                        number: 1, group: .kinhTe, wording: "Thu ngân sách năm đạt kế hoạch", indicatorCode: "THU",
                        measure: .level, condition: .plan(600), deadlineYear: 2030),
                    Target(
                        number: 2, group: .vanHoaXaHoiMoiTruong, wording: "Số hộ nghèo không quá 80",
                        indicatorCode: "HO_NGHEO", measure: .level, condition: .atMost(80, exceedBound: nil),
                        deadlineYear: 2030),
                ])
            try await store.saveResolution(resolution)
            resolutions.append(resolution)
            note("newResolution", resolution.id)
        }
    }

    /// Writers on both servers at once while both keep reading; checked once everything settled.
    private func concurrentBurst() async throws {
        let servers = [serverA, serverB]
        let base = writes.random.next()
        let step = self.step
        let refused = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<4 {
                let store = servers[writer % 2]
                group.addTask {
                    var figures = RandomFigures(seed: base &+ UInt64(writer))
                    var refused = 0
                    for round in 0..<25 {
                        let values = figures.entryForm(step: step + round, known: [:])
                        // Two writers inserting the same new figure at once: one is refused (a
                        // conflict, or the unique index on PostgreSQL); a refused write is simply
                        // one that did not happen, and the comparison afterwards still holds.
                        do {
                            if figures.chance(70) {
                                try await store.recordValues(values)
                            } else {
                                let value = values[0]
                                let stored = try await store.figures(unit: value.unitID, period: value.period)
                                    .first { $0.indicatorCode == value.indicatorCode }
                                _ = try await store.saveValue(value, expectedVersion: stored?.version)
                            }
                        } catch {
                            refused += 1
                        }
                    }
                    return refused
                }
            }
            for store in servers {
                group.addTask {
                    for _ in 0..<40 {
                        _ = try await store.snapshot()
                        try await Task.sleep(nanoseconds: 2_000_000)
                    }
                    return 0
                }
            }
            return try await group.reduce(0, +)
        }
        note("concurrent", "4 writers × 25 forms while both servers read, \(refused) refused")
    }

    private func compareServers(rollUps: Bool, includingIdle: Bool = false) async throws {
        let fresh = try await serverA.loadSnapshot()
        let keys = Set(known.keys)
        var servers = [("server A", serverA), ("server B", serverB)]
        if includingIdle { servers.append(("idle server", idleServer)) }
        for (label, server) in servers {
            let live = try await server.snapshot()
            let found = LiveModelComparison.differences(live, fresh, keys: keys, rollUps: rollUps || includingIdle)
            comparisons += 1
            if !found.isEmpty {
                XCTFail(
                    """
                    \(name), seed \(seed), step \(step): \(label)'s snapshot differs from a fresh read:
                    \(found.joined(separator: "\n"))
                    last steps:
                    \(log.joined(separator: "\n"))
                    """)
                throw LiveModelMismatch()
            }
        }
    }
}

private struct LiveModelMismatch: Error {}

// MARK: - The comparison

/// What a leader could see differ between a server's snapshot and a fresh read.
enum LiveModelComparison {
    /// The periods every roll-up is compared at: months, halves, nine months, quarters, years
    /// (2022–2032, beyond the term on both sides) and the term.
    static let periods: [Period] = {
        var periods: [Period] = (2022...2032).map { .year($0) }
        for year in 2024...2030 { periods += (1...4).map { .quarter(year, $0) } }
        for year in 2025...2027 {
            periods += (1...12).map { .month(year, $0) }
            periods += [.half(year, 1), .half(year, 2), .nineMonths(year)]
        }
        periods.append(.term(2025, 2030))
        return periods
    }()

    /// The periods verdicts are compared at.
    static let assessmentPeriods: [Period] =
        (2024...2031).map { .year($0) } + [.quarter(2026, 2), .month(2027, 6), .half(2028, 1), .term(2025, 2030)]

    /// The differences between `live` and `fresh` (at most 20), empty when they agree. `keys` are
    /// figures looked up one by one besides the fresh read's own.
    static func differences(_ live: Snapshot, _ fresh: Snapshot, keys: Set<ValueKey>, rollUps: Bool = true)
        -> [String]
    {
        var found: [String] = []
        func differ(_ text: @autoclosure () -> String) {
            if found.count < 20 { found.append(text()) }
        }

        // Figures.
        if live.values.count != fresh.values.count {
            differ("values.count: live \(live.values.count), fresh \(fresh.values.count)")
        }
        let liveAll = Set(live.values.all)
        let freshAll = Set(fresh.values.all)
        for value in freshAll.subtracting(liveAll).sorted(by: { "\($0)" < "\($1)" }).prefix(5) {
            differ("figure of the fresh read not in the live model: \(describe(value))")
        }
        for value in liveAll.subtracting(freshAll).sorted(by: { "\($0)" < "\($1)" }).prefix(5) {
            differ("figure of the live model not in the fresh read: \(describe(value))")
        }
        for key in keys.union(freshAll.map(\.key)) {
            let (a, b) = (live.values.reported(key), fresh.values.reported(key))
            if a != b {
                differ("reported \(describe(key)): live \(a.map(describe) ?? "nil"), fresh \(b.map(describe) ?? "nil")")
            }
            let (n, m) = (live.values.reportedNumber(key), fresh.values.reportedNumber(key))
            if n?.number != m?.number || n?.status != m?.status {
                differ("reportedNumber \(describe(key)): live \(String(describing: n)), fresh \(String(describing: m))")
            }
        }
        if live.values.latestYear != fresh.values.latestYear {
            differ(
                "latestYear: live \(String(describing: live.values.latestYear)), fresh \(String(describing: fresh.values.latestYear))"
            )
        }
        let codes = Set(live.indicators.map(\.code)).union(fresh.indicators.map(\.code)).sorted()
        for code in codes where live.values.periods(of: code) != fresh.values.periods(of: code) {
            differ("periods(of: \(code)) differ")
        }
        if Set(live.values.indicatorCodes) != Set(fresh.values.indicatorCodes) { differ("indicatorCodes differ") }

        // Units, indicators, resolutions.
        let units = Set(live.directory.unitIDs).union(fresh.directory.unitIDs).sorted()
        for unit in units where live.directory.versions(of: unit) != fresh.directory.versions(of: unit) {
            differ(
                "unit \(unit): live \(live.directory.versions(of: unit)), fresh \(fresh.directory.versions(of: unit))")
        }
        if Set(live.directory.links) != Set(fresh.directory.links) {
            differ("lineage: live \(live.directory.links), fresh \(fresh.directory.links)")
        }
        if live.indicators.sorted(by: { $0.code < $1.code }) != fresh.indicators.sorted(by: { $0.code < $1.code }) {
            differ("indicators differ")
        }
        let liveResolutions = Dictionary(live.resolutions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let freshResolutions = Dictionary(fresh.resolutions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in Set(liveResolutions.keys).union(freshResolutions.keys).sorted()
        where liveResolutions[id] != freshResolutions[id] {
            differ("resolution \(id) differs")
        }

        // Roll-ups: every indicator, every unit, every period.
        if rollUps {
            for code in codes {
                for unit in units {
                    for period in periods {
                        let a = live.rollUp.figure(code, unit: unit, period: period)
                        let b = fresh.rollUp.figure(code, unit: unit, period: period)
                        if a != b { differ("roll-up \(code) \(unit) \(period): live \(a), fresh \(b)") }
                    }
                }
            }
        }

        // Verdicts: every resolution, judged for the unit that issued it.
        for issuer in Set(fresh.resolutions.map(\.issuingUnitID)).union(live.resolutions.map(\.issuingUnitID)).sorted()
        {
            let liveOwn = live.resolutions(issuedBy: issuer)
            let freshOwn = fresh.resolutions(issuedBy: issuer)
            if liveOwn.map(\.id) != freshOwn.map(\.id) {
                differ("resolutions of \(issuer): live \(liveOwn.map(\.id)), fresh \(freshOwn.map(\.id))")
                continue
            }
            guard let liveUnit = live.directory.latestVersion(of: issuer),
                let freshUnit = fresh.directory.latestVersion(of: issuer)
            else { continue }
            for (liveResolution, freshResolution) in zip(liveOwn, freshOwn) {
                for period in assessmentPeriods {
                    let a = UnitAssessment(snapshot: live, unit: liveUnit, resolution: liveResolution, period: period)
                    let b = UnitAssessment(
                        snapshot: fresh, unit: freshUnit, resolution: freshResolution, period: period)
                    if a.unit != b.unit { differ("assessed unit \(issuer) differs") }
                    for (x, y) in zip(a.assessments, b.assessments) where x != y {
                        differ(
                            "verdicts \(freshResolution.id) target \(y.target.number) at \(period): "
                                + "live \(x.verdict) \(x.figureText ?? "–"), fresh \(y.verdict) \(y.figureText ?? "–")")
                    }
                    if a.assessments.count != b.assessments.count {
                        differ(
                            "verdicts \(freshResolution.id) at \(period): \(a.assessments.count) vs \(b.assessments.count)"
                        )
                    }
                    if a.summary != b.summary { differ("verdict summary \(freshResolution.id) at \(period) differs") }
                }
            }
        }
        return found
    }

    static func describe(_ key: ValueKey) -> String { "\(key.indicatorCode) \(key.unitID) \(key.period)" }

    static func describe(_ value: IndicatorValue) -> String {
        "\(describe(value.key)) = \(value.number) \(value.status.rawValue) v\(value.version)"
            + (value.note.map { " “\($0)”" } ?? "")
    }
}
