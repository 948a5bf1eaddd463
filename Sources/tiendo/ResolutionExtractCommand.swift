import ArgumentParser
import Foundation
import TiendoApplication
import TiendoChecker
import TiendoCore
import TiendoImport

/// `tiendo resolution extract FILE [-o OUT.yaml]`: the targets a resolution's text states,
/// proposed as the resolution YAML for an officer to check and complete (issue 24 item 1).
struct ResolutionExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Đề xuất các chỉ tiêu của một nghị quyết (.docx, .txt, .pdf có chữ) dưới dạng tệp YAML để nhập.",
        discussion: """
            Đọc phần “các chỉ tiêu chủ yếu” của văn bản, mỗi nội dung có số đo được thành một chỉ tiêu, theo \
            thứ tự trong văn bản: cách tính, điều kiện, năm hạn, đơn vị tính, chỉ số (mới đề xuất, hoặc chỉ \
            số có sẵn khi có --doi-chieu), kèm câu gốc và độ tin cậy dạng chú thích. Không ghi gì vào hệ \
            thống: cán bộ xem lại, sửa các chỗ “CẦN SỬA” rồi nhập bằng “tiendo resolution import”.
            """)

    @Argument(help: "Tệp nghị quyết: .docx, .txt (UTF-8), hoặc .pdf có lớp chữ (cần pdftotext).")
    var file: String

    @Option(name: .shortAndLong, help: "Tệp YAML ghi ra; bỏ trống thì in ra màn hình.")
    var output: String?

    @Flag(name: .customLong("doi-chieu"), help: "Đối chiếu tên chỉ số với các chỉ số đã có trong cơ sở dữ liệu.")
    var matchIndicators = false

    func run() async throws {
        let document = try Self.readDocument(file)
        let targets = ResolutionExtract.targets(in: document)
        guard !targets.isEmpty else {
            throw CommandFailure(
                "Không tìm thấy chỉ tiêu nào có số đo được trong “\(fileLabel(file))”. Hãy kiểm tra tệp có phần "
                    + "“các chỉ tiêu chủ yếu” (ví dụ “Tỷ lệ hộ nghèo giảm còn dưới 1,5%”), hoặc viết tệp YAML theo "
                    + "docs/resolution-yaml.md.")
        }
        var indicators: [Indicator] = []
        if matchIndicators {
            indicators = try await withStore { store in Array(try await store.snapshot().indicators) }
        }
        let term = ResolutionExtract.term(in: document)
        let yaml = ResolutionExtractYAML.text(
            targets: targets, fileName: fileLabel(file), term: term, indicators: indicators)
        // The proposal must read back as the import reads it.
        let known = Set(indicators.map(\.code))
        var readBack = "đọc lại được bằng “tiendo resolution import” (chưa kiểm tra mã đơn vị ban hành)."
        do {
            _ = try ResolutionFile.parse(text: yaml, fileName: "đề xuất", knownIndicatorCodes: known)
        } catch {
            readBack = "cần sửa trước khi nhập:\n" + error.report()
        }
        if let output {
            do {
                try yaml.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("Không ghi được tệp “\(output)”.")
            }
            let low = targets.filter { $0.confidence != "cao" }.count
            say(
                "Đã ghi \(targets.count) chỉ tiêu đề xuất vào \(fileLabel(output)) (\(low) chỉ tiêu cần xem kỹ: độ tin "
                    + "cậy trung bình hoặc thấp). Tệp " + readBack)
        } else {
            print(yaml, terminator: "")
        }
    }

    /// A .pdf through pdftotext when the machine has it; .docx and .txt as `tiendo audit` reads them.
    static func readDocument(_ file: String) throws -> CheckDocument {
        guard file.lowercased().hasSuffix(".pdf") else { return try readReportDocument(file) }
        guard FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure("Không tìm thấy tệp “\(file)”.")
        }
        let candidates = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandFailure(
                "Máy này chưa có pdftotext (gói poppler-utils) để đọc tệp PDF. Hãy lưu văn bản thành .docx hoặc .txt.")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", "-enc", "UTF-8", file, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CommandFailure("Không chạy được pdftotext để đọc “\(fileLabel(file))”.")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8),
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw CommandFailure(
                "Không đọc được chữ trong “\(fileLabel(file))” (PDF scan hoặc bị khóa). Hãy dùng bản .docx hoặc .txt.")
        }
        return CheckDocument(plainText: text)
    }
}
