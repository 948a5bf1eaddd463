import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import TiendoStorage

/// `tiendo template`: the Excel template of a form for a unit and period.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Tạo mẫu Excel nhập số liệu của một biểu mẫu cho một đơn vị và một kỳ.")

    @Option(name: .long, help: "Mã biểu mẫu, ví dụ CHI-TIEU-NAM.")
    var form: String

    @Option(name: .long, help: "Mã đơn vị, ví dụ 19831 (Phường Phong Dinh).")
    var unit: String

    @Option(name: .long, help: "Kỳ báo cáo: 2027, 2027S1, 2027N9, 2027Q3, 2027M09.")
    var period: String

    @Option(name: .shortAndLong, help: "Tệp .xlsx sẽ ghi; mặc định mau-nhap-<biểu mẫu>-<đơn vị>-<kỳ>.xlsx.")
    var output: String?

    func run() async throws {
        let (data, fileName) = try await withStore { store in
            try await FigureFiles.template(formCode: form, unitCode: unit, periodID: period, store: store)
        }
        let path = output ?? fileName
        try writeFile(data, to: path)
        say("Đã tạo mẫu nhập số liệu “\(path)”.")
    }
}

/// `tiendo import xlsx|csv FILE`: figures from a filled template or a CSV file.
struct ImportFiguresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Nhập số liệu từ mẫu Excel đã điền, tệp CSV hoặc báo cáo cũ; nhập nhật ký hồ sơ TTHC, danh sách xếp loại chất lượng.",
        subcommands: [
            ImportXlsx.self, ImportCSV.self, ImportReport.self, ImportDossiers.self, ImportQualityRatings.self,
        ])
}

struct ImportXlsx: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "Nhập mẫu Excel đã điền: lưu nháp (hoặc nộp với --nop); có lỗi thì không ghi gì.")

    @Argument(help: "Tệp .xlsx đã điền (tải bằng “tiendo template” hoặc ở trang nhập liệu).")
    var file: String

    @Flag(name: .customLong("nop"), help: "Nộp báo cáo để cấp trên duyệt ngay sau khi lưu.")
    var submit = false

    @Option(name: .long, help: "Tài khoản đứng tên nhập (ghi vào nhật ký); mặc định là “dong-lenh”.")
    var user: String?

    func run() async throws {
        let data = try readDataFile(file)
        let result = try await withStore { store in
            let person = try await commandPerson(user, store: store)
            do {
                return try await FigureFiles.importTemplate(
                    data: data, fileName: fileLabel(file), person: person, submit: submit, store: store)
            } catch let failure as ImportFailure {
                throw CommandFailure(failure.report())
            }
        }
        let o = result.outcome
        say(
            "Đã nhập \(fileLabel(file)) — \(result.form.name), \(result.unit.fullName), \(result.period.vietnameseLabel): "
                + "\(o.inserted) số liệu mới, \(o.updated) thay đổi, \(o.unchanged) giữ nguyên; "
                + (o.submitted ? "đã nộp, chờ cấp trên duyệt." : "đã lưu nháp (chưa nộp)."))
        for line in result.changeLines() { say("  " + line) }
    }
}

struct ImportCSV: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract:
            "Nhập số liệu từ tệp CSV (cột ma_don_vi, ma_chi_tieu, ky, gia_tri, tinh_trang, ghi_chu; phân cách ; hoặc ,)."
    )

    @Argument(help: "Tệp CSV, mã hóa UTF-8 (có hoặc không có BOM).")
    var file: String

    @Option(name: .long, help: "Tài khoản đứng tên nhập (ghi vào nhật ký); mặc định là “dong-lenh”.")
    var user: String?

    func run() async throws {
        progress("Đang đọc tệp \(fileLabel(file))…")
        let text = try readTextFile(file)
        let started = Date()
        let result = try await withStore { store in
            let person = try await commandPerson(user, store: store)
            progress("Đang kiểm tra và ghi số liệu…")
            do {
                return try await FigureFiles.importCSV(
                    text: text, fileName: fileLabel(file), person: person, store: store)
            } catch let failure as ImportFailure {
                throw CommandFailure(failure.report())
            }
        }
        let seconds = Date().timeIntervalSince(started)
        say(
            "Đã nhập \(VietnameseNumber.format(result.lines)) dòng từ \(fileLabel(file)): \(describe(result.counts)) "
                + "(\(VietnameseNumber.format(seconds, decimals: 1)) giây).")
        for line in result.changeLines() { say("  " + line) }
    }
}

/// `tiendo export values|rollups|verdicts`: CSV files that Excel opens as they are.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Xuất số liệu, số liệu tổng hợp hoặc kết quả đánh giá ra tệp CSV.",
        subcommands: [ExportValues.self, ExportRollUps.self, ExportVerdicts.self])
}

struct ExportOutput: ParsableArguments {
    @Option(name: .shortAndLong, help: "Tệp CSV sẽ ghi; mặc định in ra màn hình.")
    var output: String?

    func deliver(_ text: String, what: String) throws {
        guard let output else {
            emit(text, to: .standardOutput)
            return
        }
        try writeFile(Data(text.utf8), to: output)
        say("Đã ghi \(what) vào “\(output)”.")
    }
}

struct ExportValues: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values", abstract: "Xuất số liệu đã nhập (đọc lại được bằng “tiendo import csv”).")

    @Option(name: .long, help: "Chỉ đơn vị có mã này.") var unit: String?
    @Option(name: .long, help: "Chỉ chỉ tiêu có mã này.") var indicator: String?
    @Option(name: .long, help: "Chỉ kỳ này.") var period: String?
    @OptionGroup var output: ExportOutput

    func run() async throws {
        let text = try await withStore { store in
            try await FigureFiles.valuesCSV(store: store, unitCode: unit, indicatorCode: indicator, periodID: period)
        }
        try output.deliver(text, what: "số liệu")
    }
}

struct ExportRollUps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollups", abstract: "Xuất số liệu tổng hợp của một đơn vị và các đơn vị trực thuộc tại một kỳ.")

    @Option(name: .long, help: "Mã đơn vị.") var unit: String
    @Option(name: .long, help: "Kỳ: 2027, 2027Q3, 2027M09…") var period: String
    @Option(name: .long, help: "Chỉ chỉ tiêu có mã này.") var indicator: String?
    @OptionGroup var output: ExportOutput

    func run() async throws {
        let text = try await withStore { store in
            try await FigureFiles.rollUpsCSV(unitCode: unit, periodID: period, indicatorCode: indicator, store: store)
        }
        try output.deliver(text, what: "số liệu tổng hợp")
    }
}

struct ExportVerdicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdicts", abstract: "Xuất kết quả đánh giá chỉ tiêu nghị quyết của một đơn vị tại một kỳ.")

    @Option(name: .long, help: "Mã đơn vị.") var unit: String
    @Option(name: .long, help: "Kỳ: 2027, 2027S1, 2027N9…") var period: String
    @Option(name: .long, help: "Mã nghị quyết; mặc định là nghị quyết của đơn vị.") var resolution: String?
    @OptionGroup var output: ExportOutput

    func run() async throws {
        let text = try await withStore { store in
            try await FigureFiles.verdictsCSV(unitCode: unit, periodID: period, resolutionID: resolution, store: store)
        }
        try output.deliver(text, what: "kết quả đánh giá")
    }
}

/// The person a command's changes are recorded under: the account `--user` names, otherwise the
/// command line itself. Whoever runs the command may enter figures for any unit.
func commandPerson(_ username: String?, store: TiendoStore) async throws -> FigureFiles.Person {
    guard let username else { return FigureFiles.Person(username: "dong-lenh", displayName: "Dòng lệnh") }
    guard let account = try await store.accounts().first(where: { $0.username == username.lowercased() }) else {
        throw CommandFailure("Không có tài khoản “\(username)”.")
    }
    return FigureFiles.Person(username: account.username, displayName: account.displayName)
}

func readDataFile(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("Không tìm thấy tệp “\(path)”.") }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("Không đọc được tệp “\(path)”.")
    }
    return data
}

func writeFile(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CommandFailure("Không ghi được tệp “\(path)”: \(error.localizedDescription)")
    }
}

/// A line on standard error about long work, so standard output stays the result.
func progress(_ line: String) {
    emit(line + "\n", to: .standardError)
}
