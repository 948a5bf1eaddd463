import ArgumentParser
import Foundation
import TiendoApplication
import TiendoChecker
import TiendoCore
import TiendoImport

/// `tiendo import report FILE --unit U`: the figures a past review states, proposed for entry
/// with the sentence each came from; with --xac-nhan they go in as `tiendo import csv` takes a
/// file (the same checks, locks and history), as a draft of each form.
struct ImportReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Đề xuất số liệu các năm trước từ một báo cáo cũ (.docx, .txt); ghi vào khi có --xac-nhan.",
        discussion: """
            Đọc báo cáo bằng cách đọc của “tiendo audit”, lấy các số liệu kết quả có ghi rõ năm (không lấy \
            kế hoạch, mức tăng giảm, “trên/dưới …”), ghép với chỉ số của Tiến độ theo tên và đơn vị tính, \
            rồi in từng số đề xuất: chỉ số, năm, giá trị, ước hay chính thức, và câu trong báo cáo. Một chỉ \
            số trong một năm mà báo cáo ghi hai giá trị khác nhau thì không đề xuất, chỉ liệt kê để cán bộ \
            tự xem. Không ghi gì nếu không có --xac-nhan; khi có, các số đề xuất được nhập như một tệp CSV \
            (“tiendo import csv”): kiểm tra như khi nhập tay, báo cáo đã nộp hoặc đã duyệt thì bị từ chối \
            và không ghi gì.
            """)

    @Argument(help: "Tệp báo cáo cũ: .docx, hoặc .txt mã hóa UTF-8.")
    var file: String

    @Option(name: .long, help: "Mã đơn vị của báo cáo, ví dụ 19831 (Phường Phong Dinh).")
    var unit: String

    @Flag(name: .customLong("xac-nhan"), help: "Ghi các số liệu đề xuất vào Tiến độ (mặc định chỉ in đề xuất).")
    var confirm = false

    @Option(name: .long, help: "Tài khoản đứng tên nhập (ghi vào nhật ký); mặc định là “dong-lenh”.")
    var user: String?

    func run() async throws {
        let document = try readReportDocument(file)
        let label = fileLabel(file)
        let unitCode = unit
        let (proposal, unitName) = try await withStore { store in
            let snapshot = try await store.snapshot()
            let versions = snapshot.directory.units(code: unitCode)
            guard let version = snapshot.directory.unit(code: unitCode, on: .todayInVietnam()) ?? versions.last
            else {
                throw CommandFailure("Không có đơn vị mã “\(unitCode)”.")
            }
            return (
                PastFigures.propose(document: document, indicators: Array(snapshot.indicators)), version.fullName
            )
        }
        let figures = proposal.figures
        say("Báo cáo \(label) — \(unitName): \(figures.count) số liệu đề xuất.")
        for figure in figures {
            let status = figure.isEstimate ? "ước" : "chính thức"
            say("  \(figure.indicatorName), \(figure.period.vietnameseLabel): \(figure.text) (\(status))")
            say("    “\(figure.sentence)” (\(figure.location))")
        }
        for conflict in proposal.conflicts {
            say(
                "  Không đề xuất: \(conflict.indicatorName), \(conflict.period.vietnameseLabel) được ghi "
                    + conflict.texts.joined(separator: " và ") + "; hãy xem báo cáo rồi nhập tay.")
        }
        guard confirm else {
            if !figures.isEmpty { say("Chưa ghi gì. Xem lại rồi chạy lại với --xac-nhan để nhập các số liệu trên.") }
            return
        }
        guard !figures.isEmpty else { return }
        let note = "Theo báo cáo \(label)"
        var rows = [FigureFiles.valueColumns.prefix(6).map { $0 }]
        for figure in figures {
            rows.append([
                unitCode, figure.indicatorCode, figure.period.id, CSVWriter.number(figure.number),
                figure.isEstimate ? "ước" : "chính thức", note,
            ])
        }
        let text = CSVWriter.text(rows)
        let result = try await withStore { store in
            let person = try await commandPerson(user, store: store)
            do {
                return try await FigureFiles.importCSV(text: text, fileName: label, person: person, store: store)
            } catch let failure as ImportFailure {
                throw CommandFailure(failure.report())
            }
        }
        say("Đã nhập \(result.lines) số liệu từ \(label): \(describe(result.counts)).")
        for line in result.changeLines() { say("  " + line) }
    }
}
