import ArgumentParser
import Foundation
import TiendoCore
import TiendoStorage

/// `tiendo narrative`: the parts of a report officers write (highlights, shortcomings, lessons,
/// tasks ahead …), kept per unit, period and report kind.
struct NarrativeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "narrative",
        abstract: "Nội dung các phần báo cáo do cán bộ viết (kết quả nổi bật, hạn chế, bài học, nhiệm vụ…).",
        discussion: "Các phần: "
            + NarrativeSection.allCases.map { "\($0.rawValue) (\($0.vietnameseName))" }.joined(separator: "; ") + ".",
        subcommands: [NarrativeSet.self, NarrativeShow.self])
}

/// The options that say which report a narrative belongs to.
struct NarrativeTarget: ParsableArguments {
    @Option(name: .long, help: "Mã đơn vị, ví dụ 19831.")
    var unit: String

    @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2027.")
    var at: String

    @Option(name: .long, help: "Loại báo cáo: so-ket, tong-ket hoặc nam.")
    var kind: String = "so-ket"

    /// The unit, period and kind, or a Vietnamese error.
    func resolve(in store: TiendoStore) async throws -> (UnitVersion, Period, ReportKind) {
        let period = try SubjectLookup.period(at)
        guard let reportKind = ReportKind(text: kind) else {
            throw CommandFailure("Loại báo cáo “\(kind)” không hợp lệ; hãy dùng so-ket, tong-ket hoặc nam.")
        }
        let directory = try await store.directory()
        let version = try SubjectLookup.unit(code: unit, on: period.span(in: .statistical).end, in: directory)
        return (version, period, reportKind)
    }
}

/// `tiendo narrative set`: writes one section from a file, standard input or the command line.
struct NarrativeSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Ghi nội dung một phần báo cáo (mỗi dòng là một đoạn; nội dung rỗng thì xóa phần đó).")

    @OptionGroup var target: NarrativeTarget

    @Option(name: .long, help: "Phần báo cáo, ví dụ ket-qua-noi-bat, han-che-nguyen-nhan, nhiem-vu-giai-phap.")
    var section: String

    @Option(name: .long, help: "Nội dung (thay cho --file).")
    var text: String?

    @Option(name: .long, help: "Tệp văn bản UTF-8 chứa nội dung; “-” để đọc từ đầu vào chuẩn.")
    var file: String?

    @Option(name: .long, help: "Người viết, ghi vào lịch sử.")
    var author: String = ""

    func run() async throws {
        guard let chosen = NarrativeSection(key: section) else {
            let known = NarrativeSection.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("Không có phần báo cáo “\(section)”; các phần: \(known).")
        }
        let content: String
        switch (text, file) {
        case (let text?, nil): content = text
        case (nil, "-"?):
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CommandFailure("Nội dung đọc từ đầu vào chuẩn không phải văn bản UTF-8.")
            }
            content = decoded
        case (nil, let file?): content = try readTextFile(file)
        case (nil, nil): throw CommandFailure("Hãy cho nội dung bằng --text hoặc --file.")
        case (.some, .some): throw CommandFailure("Chỉ dùng một trong hai: --text hoặc --file.")
        }
        let summary = try await withStore { store in
            let (unit, period, kind) = try await target.resolve(in: store)
            try await store.setNarrative(
                content, section: chosen, unit: unit.unitID, period: period, kind: kind, author: author)
            let paragraphs = Narrative.paragraphs(of: content).count
            if paragraphs == 0 {
                return "Đã xóa phần “\(chosen.vietnameseName)” của báo cáo \(kind.vietnameseName) "
                    + "\(period.vietnameseLabel) – \(unit.fullName)."
            }
            return "Đã ghi phần “\(chosen.vietnameseName)” (\(paragraphs) đoạn) của báo cáo \(kind.vietnameseName) "
                + "\(period.vietnameseLabel) – \(unit.fullName)."
        }
        say(summary)
    }
}

/// `tiendo narrative show`: prints what has been written for a report.
struct NarrativeShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "In nội dung các phần báo cáo đã viết.")

    @OptionGroup var target: NarrativeTarget

    func run() async throws {
        let (unit, period, kind, narrative) = try await withStore { store in
            let (unit, period, kind) = try await target.resolve(in: store)
            return (unit, period, kind, try await store.narrative(unit: unit.unitID, period: period, kind: kind))
        }
        say("Báo cáo \(kind.vietnameseName) \(period.vietnameseLabel) – \(unit.fullName)")
        for section in NarrativeSection.allCases {
            say("")
            say("[\(section.rawValue)] \(section.vietnameseName)")
            let paragraphs = narrative.paragraphs(section)
            if paragraphs.isEmpty {
                say("  (chưa viết — phần này không có trong báo cáo)")
            } else {
                for paragraph in paragraphs { say("  " + paragraph) }
            }
        }
    }
}
