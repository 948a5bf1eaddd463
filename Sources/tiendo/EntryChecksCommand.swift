import ArgumentParser
import Foundation
import TiendoCore
import TiendoStorage

/// `tiendo entry-checks`: how many of the stored figures the checks at entry would find unusual
/// (each checked against the figures before it), to keep the share low on real data.
struct EntryChecksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry-checks",
        abstract: "Đo tỷ lệ số liệu đã lưu mà bước kiểm tra khi nhập sẽ coi là khác thường.")

    @Option(name: .long, help: "Chỉ kiểm tra một trong N lượt nhập (đơn vị × kỳ), cho cơ sở dữ liệu lớn; mặc định 1.")
    var every: Int = 1

    func run() async throws {
        guard every >= 1 else { throw CommandFailure("--every phải là số nguyên dương.") }
        let snapshot = try await withStore { store in try await store.snapshot() }
        let started = Date()
        let survey = EntryChecks.survey(snapshot, every: every)
        let seconds = Date().timeIntervalSince(started)
        let share = survey.share.map { VietnameseNumber.format($0 * 100, decimals: 2) + "%" } ?? "—"
        say(
            "Đã kiểm tra \(VietnameseNumber.format(survey.checked)) số liệu "
                + "(\(VietnameseNumber.format(survey.comparable)) có đủ lịch sử hoặc đơn vị cùng cấp để so) "
                + "trong \(VietnameseNumber.format(seconds, decimals: 1)) giây.")
        say("Khác thường: \(VietnameseNumber.format(survey.flagged)) số liệu (\(share)).")
        let names: [(EntryChecks.Kind, String)] = [
            (.history, "so với các kỳ trước"), (.season, "so với cùng kỳ năm trước"),
            (.peers, "so với đơn vị cùng cấp"), (.share, "phần lớn hơn tổng"),
        ]
        for (kind, name) in names {
            say("  \(name): \(VietnameseNumber.format(survey.byKind[kind] ?? 0))")
        }
    }
}
