import Foundation

/// Converts a document to PDF with LibreOffice (`soffice --headless --convert-to pdf`) when it is
/// installed; otherwise says, in Vietnamese, how to get the PDF.
public enum ReportPDF {
    /// The message when LibreOffice is not installed.
    public static let missingMessage =
        "Máy chủ chưa cài LibreOffice nên không tạo được tệp PDF; hãy cài LibreOffice "
        + "(gói libreoffice-writer-nogui trên Debian/Ubuntu) hoặc mở tệp .docx bằng Word rồi lưu thành PDF."

    /// Where `soffice` is, or nil when LibreOffice is not installed. `TIENDO_SOFFICE` overrides the
    /// search (an empty value means "not installed").
    public static func sofficePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fileManager = FileManager.default
        if let configured = environment["TIENDO_SOFFICE"] {
            return configured.isEmpty || !fileManager.isExecutableFile(atPath: configured) ? nil : configured
        }
        var candidates = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").flatMap {
            ["\($0)/soffice", "\($0)/libreoffice"]
        }
        candidates += [
            "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
        return candidates.first { fileManager.isExecutableFile(atPath: $0) }
    }

    /// Whether PDF conversion is available.
    public static var isAvailable: Bool { sofficePath() != nil }

    /// The PDF of a .docx (or .xlsx, with `fileExtension`), converted in a private temporary
    /// folder with its own LibreOffice profile, so conversions may run side by side. Throws
    /// ``ReportError`` with ``missingMessage`` when LibreOffice is missing, and with the reason when
    /// the conversion fails or takes longer than `timeout` seconds.
    public static func convert(_ document: Data, fileExtension: String = "docx", timeout: TimeInterval = 180)
        async throws -> Data
    {
        guard let soffice = sofficePath() else { throw ReportError(missingMessage) }
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("tiendo-pdf-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bao-cao.\(fileExtension)")
        try document.write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=" + folder.appendingPathComponent("profile").absoluteString,
            "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder.path, input.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ReportError("Không chạy được LibreOffice (\(soffice)): \(error)."))
                return
            }
            let deadline = DispatchTime.now() + timeout
            DispatchQueue.global().asyncAfter(deadline: deadline) { [process] in
                if process.isRunning { process.terminate() }
            }
        }
        let output = folder.appendingPathComponent("bao-cao.pdf")
        guard status == 0, let pdf = try? Data(contentsOf: output), !pdf.isEmpty else {
            let detail =
                String(data: errors.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8)?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw ReportError(
                "LibreOffice không chuyển được tài liệu sang PDF"
                    + (detail.isEmpty ? " (mã thoát \(status))." : ": \(detail.prefix(300))."))
        }
        return pdf
    }
}
