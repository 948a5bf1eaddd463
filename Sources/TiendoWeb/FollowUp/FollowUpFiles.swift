import Foundation
import TiendoCore
import Vapor

/// Attached files (a directive's text, evidence of progress): which kinds are accepted, how large
/// they may be, how much a unit may keep, and how they are sent back. Files are always
/// downloaded, never shown inline, so an uploaded page cannot run in Tiendo's origin.
enum FollowUpFiles {
    static let acceptedExtensions = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "zip"]
    static let acceptAttribute = acceptedExtensions.map { "." + $0 }.joined(separator: ",")

    /// The limits of stored files, from the environment (read once per server):
    /// - `TIENDO_EVIDENCE_FILE_MB` (default 10, 1...20): the largest file;
    /// - `TIENDO_EVIDENCE_UNIT_MB` (default 200, 1...100000): all files kept for one unit
    ///   (directives it issued and progress reports it sent), in MB.
    struct Quota: Sendable, Equatable {
        var maxFileBytes = 10_000_000
        var maxUnitBytes = 200_000_000

        static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Quota {
            var quota = Quota()
            func megabytes(_ key: String, _ range: ClosedRange<Int>) -> Int? {
                // A bad value keeps the default: a limit never becomes looser by a typo.
                guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), let value = Int(raw),
                    range.contains(value)
                else { return nil }
                return value * 1_000_000
            }
            if let bytes = megabytes("TIENDO_EVIDENCE_FILE_MB", 1...20) { quota.maxFileBytes = bytes }
            if let bytes = megabytes("TIENDO_EVIDENCE_UNIT_MB", 1...100_000) { quota.maxUnitBytes = bytes }
            return quota
        }
    }

    static let quota = Quota.fromEnvironment()

    /// The file's name and bytes, nil when none was chosen; a refused kind or a file over the
    /// per-file limit throws a message naming the limit.
    static func read(_ file: File?, quota: Quota = quota) throws -> (name: String, data: Data)? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        let name = safeName(file.filename)
        let ext = (name as NSString).pathExtension.lowercased()
        guard acceptedExtensions.contains(ext) else {
            throw FileRefusal(
                "Tệp “\(name)” không được nhận; hãy gửi tệp "
                    + acceptedExtensions.map { "." + $0 }.joined(separator: ", ")
                    + " (tối đa \(megabytes(quota.maxFileBytes)) MB).")
        }
        let size = file.data.readableBytes
        guard size <= quota.maxFileBytes else {
            throw FileRefusal(
                "Tệp “\(name)” nặng \(megabytes(size)) MB, quá giới hạn \(megabytes(quota.maxFileBytes)) MB cho mỗi tệp "
                    + "đính kèm; hãy nén lại, giảm độ phân giải ảnh quét hoặc chỉ gửi các trang làm minh chứng.")
        }
        return (name, Data(buffer: file.data))
    }

    /// `read(_:)`, then the unit's quota: the file is refused when the unit's stored files and
    /// this one would pass `quota.maxUnitBytes`, with the limit and the use so far. Controllers
    /// call this form once they know the unit the file is stored for.
    static func read(_ file: File?, store: any FollowUpStore, unit: UnitID?, quota: Quota = quota) async throws -> (
        name: String, data: Data
    )? {
        guard let read = try read(file, quota: quota) else { return nil }
        if let unit {
            try await checkQuota(adding: read.data.count, name: read.name, unit: unit, store: store, quota: quota)
        }
        return read
    }

    /// Throws a refusal when `bytes` more would take the unit's stored files past its quota.
    static func checkQuota(
        adding bytes: Int, name: String, unit: UnitID, store: any FollowUpStore, quota: Quota = quota
    )
        async throws
    {
        let used = try await storedBytes(of: unit, store: store)
        guard used + bytes > quota.maxUnitBytes else { return }
        throw FileRefusal(
            "Không lưu được tệp “\(name)” (\(megabytes(bytes)) MB): đơn vị đã lưu \(megabytes(used)) MB tệp đính kèm, "
                + "mức tối đa của mỗi đơn vị là \(megabytes(quota.maxUnitBytes)) MB. Hãy gửi tệp nhỏ hơn (chỉ các trang "
                + "làm minh chứng) hoặc đề nghị quản trị viên nâng mức TIENDO_EVIDENCE_UNIT_MB.")
    }

    /// Bytes of all files kept for `unit`: directives it issued and progress reports it sent.
    static func storedBytes(of unit: UnitID, store: any FollowUpStore) async throws -> Int {
        try await store.storedFileBytes(of: unit)
    }

    /// "19,3" for 19.300.000 bytes.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(tenths % 10)"
    }

    /// The last path component, without control characters or quotes.
    static func safeName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = VietnameseText.nfc(last).filter {
            !$0.isNewline && $0 != "\"" && !($0.asciiValue.map { $0 < 32 } ?? false)
        }
        return cleaned.isEmpty ? "tep-dinh-kem" : String(cleaned.prefix(150))
    }

    static func download(_ file: (name: String, data: Data)) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .binary
        headers.contentDisposition = .init(.attachment, filename: file.name)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}

/// A file refused, with the reason to show next to the file field.
struct FileRefusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
