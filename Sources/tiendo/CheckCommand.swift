import ArgumentParser
import Foundation
import TiendoChecker
import TiendoCore
import TiendoDocuments
import TiendoStorage

/// `tiendo audit FILE`: kiểm tra số liệu — the contradictions between the figures of a report.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Kiểm tra số liệu: tìm các chỗ mâu thuẫn giữa các số liệu của một báo cáo (.docx hoặc .txt).",
        discussion: """
            Đọc thân bài, bảng và chú thích của báo cáo rồi kiểm tra: số liệu nhắc lại ở nhiều chỗ \
            (cùng nội dung, cùng kỳ) mà khác nhau, kể cả khi một chỗ ghi phân số và chỗ kia ghi tỷ lệ; \
            "x/y … z%" mà z khác x/y quá mức làm tròn; các thành phần (theo năm, theo loại) cộng lại \
            khác tổng đã ghi; chỉ tiêu ghi "đạt" mà số liệu chưa đạt kế hoạch (ở cùng câu hoặc ở chú \
            thích), hoặc ngược lại; chỉ tiêu nhiều phần ("83,33%…; 48,61%, đạt chỉ tiêu") mà một phần \
            chưa đạt mức tương ứng ("trên 80%; trên 50%"); "chiếm z%" khác tỷ lệ của tổng đã ghi trong \
            đoạn; dòng tổng hợp "07/14 chỉ tiêu đạt" khác danh sách chỉ tiêu. Số liệu chỉ được so với \
            nhau khi cùng nội dung (cùng lĩnh vực, cùng cơ quan, cùng năm, cùng đơn vị tính); "kế hoạch" \
            chỉ là điều văn bản gọi là kế hoạch, chỉ tiêu, dự toán hoặc Nghị quyết đề ra. \
            Với --unit và --at, đối chiếu thêm các số liệu với dữ liệu Tiến độ của đơn vị trong kỳ đó.

            Kết quả in ra những gì đã kiểm tra, rồi từng phát hiện với mức độ (nghiêm trọng, cần xem \
            lại), các đoạn trích (đoạn, dòng bảng, chú thích), số liệu và phép tính.

            Tệp .txt: mỗi dòng là một đoạn; chú thích viết "[1] nội dung" ở đầu dòng và "[1]" tại chỗ \
            tham chiếu; bảng viết các ô cách nhau bằng "|".

            Mã thoát: 0 khi không có phát hiện nào; 2 khi có ít nhất một phát hiện (dùng được trong \
            CI để chặn báo cáo chưa sửa); 1 khi có lỗi (không đọc được tệp, sai tham số).
            """)

    @Argument(help: "Tệp báo cáo: .docx, hoặc .txt mã hóa UTF-8.")
    var file: String

    @Option(name: .long, help: "Mã đơn vị để đối chiếu với dữ liệu Tiến độ, ví dụ 19831 (Phường Phong Dinh).")
    var unit: String?

    @Option(name: .long, help: "Kỳ của báo cáo khi đối chiếu dữ liệu: 2025, 2025S1, 2025N9, 2025Q3, 2025M09.")
    var at: String?

    @Flag(name: .long, help: "In kết quả dạng JSON (cho máy đọc).")
    var json = false

    func run() async throws {
        let document = try readDocument()
        var context: CheckDataContext? = nil
        switch (unit, at) {
        case (nil, nil):
            break
        case (let unit?, let at?):
            let period = try SubjectLookup.period(at)
            let snapshot = try await withStore { store in try await store.snapshot() }
            let version = try SubjectLookup.unit(
                code: unit, on: period.span(in: .statistical).end, in: snapshot.directory)
            context = CheckDataContext(snapshot: snapshot, unit: version, period: period)
        default:
            throw CommandFailure("Để đối chiếu với dữ liệu, hãy ghi cả --unit (mã đơn vị) và --at (kỳ báo cáo).")
        }
        let report = ReportCheck.run(document: document, data: context)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            say(String(decoding: data, as: UTF8.self))
        } else {
            say(
                "Kiểm tra số liệu: \(fileLabel(file))"
                    + (context.map { " — đối chiếu với \($0.unitName), \($0.period.vietnameseLabel)" } ?? ""))
            say(report.vietnameseText)
        }
        if report.hasFindings { throw ExitCode(2) }
    }

    /// The report as paragraphs, table rows and footnotes (see ``CheckFileReader``).
    private func readDocument() throws -> CheckDocument {
        try readReportDocument(file)
    }
}

/// A report file (.docx or .txt) as paragraphs, table rows and footnotes, within the reader's
/// limits; `tiendo audit` and `tiendo import report` read files the same way.
func readReportDocument(_ file: String) throws -> CheckDocument {
    guard FileManager.default.fileExists(atPath: file) else {
        throw CommandFailure("Không tìm thấy tệp “\(file)”.")
    }
    let limits = DocxTextReader.Limits.standard
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    guard size <= limits.maxPackageBytes else {
        throw CommandFailure("Tệp “\(fileLabel(file))” quá lớn (tối đa \(limits.maxPackageBytes / 1_000_000) MB).")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
        throw CommandFailure("Không đọc được tệp “\(file)”.")
    }
    do {
        return try CheckFileReader.read(data: data, fileName: file, limits: limits)
    } catch let error as DocxReadError {
        throw CommandFailure(error.message)
    }
}
