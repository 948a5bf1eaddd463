import ArgumentParser
import Foundation
import TiendoCore
import TiendoDocuments
import TiendoStorage

/// `tiendo report`: the review report of a unit's resolution at a period, as the .docx an
/// office prints, with its Excel annex and a PDF on request.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Lập báo cáo sơ kết, tổng kết hoặc báo cáo năm thực hiện nghị quyết (Word, kèm phụ lục Excel, PDF).",
        discussion: """
            Phần kết quả các chỉ tiêu, biểu và biểu đồ lấy từ số liệu; các phần khác lấy từ nội dung \
            đã nhập bằng “tiendo narrative set” (phần chưa viết thì không đưa vào báo cáo).
            """)

    @Option(name: .long, help: "Mã đơn vị, ví dụ 46 (Thành phố Huế) hoặc 19831 (Phường Phong Dinh).")
    var unit: String

    @Option(name: .long, help: "Mã nghị quyết; mặc định là nghị quyết mới nhất của đơn vị.")
    var resolution: String?

    @Option(name: .long, help: "Kỳ đánh giá: 2027, 2027S1, 2027N9, …")
    var at: String

    @Option(name: .long, help: "Loại báo cáo: so-ket, tong-ket hoặc nam.")
    var kind: String = "so-ket"

    @Option(name: .long, help: "Tệp Word cần ghi (mặc định: bao-cao-<loại>-<kỳ>-<đơn vị>.docx).")
    var out: String?

    @Flag(name: .long, help: "Ghi thêm bản PDF cạnh tệp Word (cần LibreOffice).")
    var pdf = false

    @Option(name: .long, help: "Ghi phụ lục Excel (.xlsx) vào tệp này.")
    var annex: String?

    @Option(name: .long, help: "Thể thức: dang (Hướng dẫn 36-HD/VPTW) hoặc chinh-quyen (Nghị định 30/2020/NĐ-CP).")
    var body: String?

    @Option(name: .long, help: "Số văn bản, ví dụ 15; để trống để văn thư điền tay.")
    var number: String = ""

    @Option(name: .long, help: "Ngày ban hành, ví dụ 14/11/2027; mặc định là hôm nay.")
    var date: String?

    @Option(name: .long, help: "Địa danh ở dòng ngày tháng; mặc định là tên đơn vị.")
    var place: String?

    @Option(name: .long, help: "Dòng cơ quan cấp trên, ví dụ “ĐẢNG BỘ THÀNH PHỐ HUẾ”; chuỗi rỗng để bỏ.")
    var superior: String?

    @Option(name: .long, help: "Tên cơ quan ban hành, ví dụ “ĐẢNG ỦY PHƯỜNG PHONG DINH”.")
    var issuer: String?

    @Option(name: .long, help: "Dòng thẩm quyền ký, ví dụ “T/M BAN THƯỜNG VỤ”; chuỗi rỗng để bỏ.")
    var authority: String?

    @Option(name: .long, help: "Chức vụ người ký, ví dụ “BÍ THƯ”, “PHÓ BÍ THƯ”, “CHỦ TỊCH”.")
    var signerTitle: String?

    @Option(name: .long, help: "Họ tên người ký.")
    var signer: String = ""

    @Option(
        name: .long,
        help: "Một nơi nhận (lặp lại cho nhiều nơi), ví dụ --recipient \"Thường trực Thành ủy (để báo cáo)\".")
    var recipient: [String] = []

    @Flag(name: .long, help: "Không vẽ biểu đồ.")
    var noChart = false

    func run() async throws {
        let started = Date()
        guard let reportKind = ReportKind(text: kind) else {
            throw CommandFailure("Loại báo cáo “\(kind)” không hợp lệ; hãy dùng so-ket, tong-ket hoặc nam.")
        }
        var bodyKind: IssuingBodyKind?
        if let body {
            guard let parsed = IssuingBodyKind(text: body) else {
                throw CommandFailure("Thể thức “\(body)” không hợp lệ; hãy dùng dang hoặc chinh-quyen.")
            }
            bodyKind = parsed
        }
        var documentDate: CivilDate?
        if let date {
            guard let parsed = VietnameseDate.parse(date) else {
                throw CommandFailure("Ngày “\(date)” không hợp lệ; hãy viết dạng 14/11/2027.")
            }
            documentDate = parsed
        }
        if let out, !out.lowercased().hasSuffix(".docx") {
            throw CommandFailure("Tệp báo cáo “\(out)” phải có đuôi .docx.")
        }
        if let annex, !annex.lowercased().hasSuffix(".xlsx") {
            throw CommandFailure("Tệp phụ lục “\(annex)” phải có đuôi .xlsx.")
        }
        let (snapshot, isDemo, assessed, narrative) = try await withStore { store in
            let snapshot = try await store.snapshot()
            let assessed: UnitAssessment
            do {
                assessed = try ReportSubject.assess(
                    snapshot: snapshot, unitCode: unit, resolutionID: resolution, periodID: at)
            } catch let error as ReportError {
                throw CommandFailure(error.description)
            }
            let narrative = try await store.narrative(
                unit: assessed.unit.unitID, period: assessed.period, kind: reportKind)
            return (snapshot, try await store.isDemo(), assessed, narrative)
        }
        let loaded = Date()
        // Without --date the report carries its period's cut-off (14/12/2027 for 2027).
        let options = ReportOptions(
            kind: reportKind, body: bodyKind, number: number,
            date: documentDate ?? ReportTiming.defaultDate(for: assessed.period), place: place,
            superiorBody: superior, issuingBody: issuer, signingAuthority: authority, signerTitle: signerTitle,
            signerName: signer, recipients: recipient.isEmpty ? nil : recipient, includeChart: !noChart)
        let warnings: [String]
        do {
            warnings = try options.checked(for: assessed)
        } catch {
            throw CommandFailure(error.description)
        }
        for warning in warnings { say("Lưu ý: \(warning)") }
        let report = ReviewReport(
            assessed: assessed, snapshot: snapshot, narrative: narrative, options: options, isDemo: isDemo)
        let docx = try report.docx()
        let path = out ?? report.fileName
        try write(docx, to: path)
        let made = Date()
        say(
            "Đã ghi báo cáo \(reportKind.vietnameseName) \(assessed.period.vietnameseLabel) của \(assessed.unit.fullName) "
                + "vào \(path) (\(docx.count / 1024) KB; lập trong \(milliseconds(made.timeIntervalSince(loaded))) ms, "
                + "đọc dữ liệu \(milliseconds(loaded.timeIntervalSince(started))) ms)."
        )
        if isDemo { say("Lưu ý: đây là dữ liệu minh họa; mỗi trang báo cáo đều ghi “Dữ liệu minh họa”.") }
        let missing = NarrativeSection.allCases.filter { narrative[$0] == nil }
        if !missing.isEmpty {
            say(
                "Các phần chưa viết nên không có trong báo cáo: "
                    + missing.map(\.vietnameseName).joined(separator: "; ")
                    + " (nhập bằng “tiendo narrative set”).")
        }

        if let annex {
            let xlsx = try report.annex()
            try write(xlsx, to: annex)
            say("Đã ghi phụ lục Excel vào \(annex).")
        }

        if pdf {
            let pdfPath = String(path.dropLast(".docx".count)) + ".pdf"
            do {
                let bytes = try await ReportPDF.convert(docx)
                try write(bytes, to: pdfPath)
                say("Đã ghi bản PDF vào \(pdfPath).")
            } catch let error as ReportError {
                throw CommandFailure("Đã ghi \(path) nhưng chưa có bản PDF: \(error.description)")
            }
        }
    }

    private func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("Không ghi được tệp “\(path)”; hãy kiểm tra thư mục và quyền ghi.")
        }
    }

    private func milliseconds(_ interval: TimeInterval) -> Int { Int((interval * 1000).rounded()) }
}
