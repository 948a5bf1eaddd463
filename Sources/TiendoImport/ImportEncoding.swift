import Foundation

/// The text of an uploaded or given file. Import files must be UTF-8 (with or without a byte
/// order mark); a file saved in another encoding (Windows-1258, TCVN3 fonts, UTF-16) would turn
/// Vietnamese names into garbage, so it is refused with what to do instead of guessed at.
public enum ImportEncoding {
    /// The UTF-8 text of `data`, or a refusal naming the file.
    public static func decode(_ data: Data, fileName: String) throws(ImportFailure) -> String {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw refusal(fileName, "tệp được lưu bằng mã hóa UTF-16 (Excel gọi là “Unicode Text”)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw refusal(
                fileName, "tệp không phải văn bản UTF-8 (có thể được lưu bằng bảng mã Windows-1258 hoặc TCVN3)")
        }
        return text
    }

    private static func refusal(_ fileName: String, _ what: String) -> ImportFailure {
        ImportFailure(
            fileName: fileName,
            issues: [
                ImportIssue(
                    fileName: fileName, line: nil, field: nil,
                    reason: what
                        + "; hãy mở tệp và lưu lại với mã hóa UTF-8 (trong Excel: “CSV UTF-8 (Comma delimited)”)")
            ])
    }
}
