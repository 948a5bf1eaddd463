import Foundation
import TiendoCore
import TiendoDocuments

/// Reads a report handed in for kiểm tra số liệu — by `tiendo audit FILE` or the upload page —
/// into paragraphs, table rows and footnotes. One place, so the command and the web page accept
/// and refuse the same files with the same Vietnamese sentence.
public enum CheckFileReader {
    /// Reads `data`, named `fileName` by the person who sent it: a Word package by its content
    /// (a .docx renamed still reads), a legacy .doc refused with what to do, anything else as
    /// UTF-8 text.
    public static func read(
        data: Data, fileName: String, limits: DocxTextReader.Limits = .standard
    ) throws -> CheckDocument {
        let label = (fileName as NSString).lastPathComponent
        guard data.count <= limits.maxPackageBytes else {
            throw DocxReadError(
                "Tệp “\(label)” quá lớn (tối đa \(VietnameseNumber.format(limits.maxPackageBytes / 1_000_000)) MB).")
        }
        let lowercased = fileName.lowercased()
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if isZip || lowercased.hasSuffix(".docx") {
            do {
                return try DocxTextReader.read(data: data, limits: limits)
            } catch let error as DocxReadError {
                throw DocxReadError("\(label): \(error.message)")
            }
        }
        if lowercased.hasSuffix(".doc") || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw DocxReadError(
                "Tệp “\(label)” là định dạng Word cũ (.doc); hãy mở bằng Word và lưu lại dưới dạng .docx.")
        }
        guard !data.isEmpty else {
            throw DocxReadError("Tệp “\(label)” trống; hãy chọn tệp báo cáo .docx hoặc .txt.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocxReadError(
                "Tệp “\(label)” không phải văn bản UTF-8 hay tệp .docx; hãy lưu lại với mã hóa UTF-8.")
        }
        return CheckDocument(plainText: text)
    }
}
