import Foundation
import TiendoCore

/// The dossier log a one-stop system exports (nhật ký hồ sơ thủ tục hành chính), one dossier a
/// line: `ma_ho_so;ma_don_vi;thu_tuc;ngay_tiep_nhan;han_tra;ngay_tra;kenh;so_hoa;ket_qua_dien_tu;so_lan_bo_sung`
/// (`;` or `,` separated, UTF-8 with or without a byte order mark, columns in any order, extra
/// columns ignored). Dates are `dd/MM/yyyy` or `yyyy-MM-dd`; `ngay_tra` is empty while the
/// dossier is being handled; `kenh` is "trực tuyến", "trực tiếp" or "bưu chính" (diacritics
/// optional); `so_hoa` and `ket_qua_dien_tu` are "có" or "không"; `so_lan_bo_sung` may be left
/// out (0). Every problem is reported with its line and column; with any, nothing is imported.
/// Unit codes are checked by the caller, against the unit directory. See docs/ho-so-tthc.md.
public enum DossierLogFile {
    /// The columns, in the order Tiendo writes them.
    public static let columns = [
        "ma_ho_so", "ma_don_vi", "thu_tuc", "ngay_tiep_nhan", "han_tra", "ngay_tra", "kenh", "so_hoa",
        "ket_qua_dien_tu", "so_lan_bo_sung",
    ]
    /// The columns a file must have (`so_lan_bo_sung` may be left out).
    public static let requiredColumns = Array(columns.prefix(9))

    /// One line of the file, checked except for its unit code.
    public struct Row: Hashable, Sendable {
        /// The 1-based line, as a text editor shows it.
        public var line: Int
        public var id: String
        public var unitCode: String
        public var procedure: String
        public var received: CivilDate
        public var due: CivilDate
        public var finished: CivilDate?
        public var channel: DossierChannel
        public var digitised: Bool
        public var electronicResult: Bool
        public var supplementRequests: Int

        /// The record, once the unit code is resolved.
        public func record(unitID: UnitID) -> DossierRecord {
            DossierRecord(
                id: id, unitID: unitID, procedure: procedure, received: received, due: due, finished: finished,
                channel: channel, digitised: digitised, electronicResult: electronicResult,
                supplementRequests: supplementRequests)
        }
    }

    /// The longest dossier id and procedure text accepted.
    public static let maximumIDLength = 100
    public static let maximumProcedureLength = 500

    /// Reads and checks every line of `text`; throws every problem at once.
    public static func parse(text: String, fileName: String) throws(ImportFailure) -> [Row] {
        let table = try CSVTable.read(
            text, fileName: fileName, requiredColumns: requiredColumns, separator: CSVReader.detectSeparator(text))
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        issues.append(contentsOf: table.problems)
        // `columns` is a constant list of distinct names, and `cell` is only called with names
        // from it, so neither the dictionary nor the lookup below depends on a file's content.
        let index = Dictionary(uniqueKeysWithValues: columns.map { ($0, table.index(of: $0)) })
        var rows: [Row] = []
        rows.reserveCapacity(table.rows.count)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(table.rows.count)
        // A log repeats the same few dates, channels and yes/no words: read each once.
        var dates: [String: CivilDate] = [:]
        var channels: [String: DossierChannel] = [:]
        var flags: [String: Bool] = [:]

        for record in table.rows {
            let line = record.line
            var ok = true
            func fail(_ column: String, _ reason: String) {
                issues.add(line: line, field: column, reason)
                ok = false
            }
            func cell(_ column: String) -> String { table.value(record, at: index[column] ?? nil) }
            func date(_ column: String, _ what: String, required: Bool) -> CivilDate? {
                let text = cell(column)
                if text.isEmpty {
                    if required { fail(column, "thiếu \(what); hãy ghi ngày dạng 15/03/2026 hoặc 2026-03-15") }
                    return nil
                }
                if let known = dates[text] { return known }
                guard let parsed = readDate(text) else {
                    fail(
                        column,
                        "\(what) “\(text)” không hợp lệ; hãy ghi ngày dạng 15/03/2026 hoặc 2026-03-15 (ngày có thật, năm đủ 4 chữ số)"
                    )
                    return nil
                }
                dates[text] = parsed
                return parsed
            }
            func flag(_ column: String, _ what: String) -> Bool? {
                let text = cell(column)
                if let known = flags[text] { return known }
                guard let value = readFlag(text) else {
                    fail(
                        column,
                        text.isEmpty
                            ? "thiếu ô \(what); hãy ghi “có” hoặc “không”"
                            : "\(what) “\(text)” không hợp lệ; hãy ghi “có” hoặc “không”")
                    return nil
                }
                flags[text] = value
                return value
            }

            let id = cell("ma_ho_so")
            if id.isEmpty {
                fail("ma_ho_so", "thiếu mã hồ sơ; mỗi dòng phải có mã hồ sơ của hệ thống một cửa")
            } else if id.count > maximumIDLength {
                fail("ma_ho_so", "mã hồ sơ dài quá \(maximumIDLength) ký tự")
            } else if let first = firstLine[id] {
                fail(
                    "ma_ho_so",
                    "hồ sơ mã “\(id)” đã có ở dòng \(first); mỗi hồ sơ chỉ ghi một dòng — hãy xóa dòng trùng")
            } else {
                firstLine[id] = line
            }
            let unitCode = cell("ma_don_vi")
            if unitCode.isEmpty { fail("ma_don_vi", "thiếu mã đơn vị tiếp nhận hồ sơ") }
            let procedure = VietnameseText.nfc(cell("thu_tuc"))
            if procedure.isEmpty {
                fail("thu_tuc", "thiếu tên hoặc mã thủ tục hành chính")
            } else if procedure.count > maximumProcedureLength {
                fail("thu_tuc", "tên thủ tục dài quá \(maximumProcedureLength) ký tự")
            }
            let received = date("ngay_tiep_nhan", "ngày tiếp nhận", required: true)
            let due = date("han_tra", "hạn trả kết quả", required: true)
            let finished = date("ngay_tra", "ngày trả kết quả", required: false)
            let finishedGiven = !cell("ngay_tra").isEmpty

            let channelText = cell("kenh")
            var channel = channels[channelText]
            if channel == nil {
                channel = DossierChannel(typed: channelText)
                if let channel { channels[channelText] = channel }
            }
            if channel == nil {
                fail(
                    "kenh",
                    (channelText.isEmpty ? "thiếu kênh tiếp nhận" : "kênh tiếp nhận “\(channelText)” không hợp lệ")
                        + "; hãy ghi “trực tuyến”, “trực tiếp” hoặc “bưu chính”")
            }
            let digitised = flag("so_hoa", "số hóa")
            let electronic = flag("ket_qua_dien_tu", "kết quả điện tử")

            var supplements = 0
            let supplementText = cell("so_lan_bo_sung")
            if !supplementText.isEmpty {
                if let n = Int(supplementText), n >= 0, n <= 1_000 {
                    supplements = n
                } else {
                    fail(
                        "so_lan_bo_sung",
                        "số lần yêu cầu bổ sung “\(supplementText)” không hợp lệ; hãy ghi một số nguyên từ 0 trở lên (để trống là 0)"
                    )
                }
            }

            if let received, let due, due < received {
                fail(
                    "han_tra",
                    "hạn trả kết quả \(VietnameseDate.short(due)) trước ngày tiếp nhận \(VietnameseDate.short(received)); hãy kiểm tra lại hai ngày này"
                )
            }
            if let received, let finished, finished < received {
                fail(
                    "ngay_tra",
                    "ngày trả kết quả \(VietnameseDate.short(finished)) trước ngày tiếp nhận \(VietnameseDate.short(received)); hãy kiểm tra lại hai ngày này"
                )
            }
            if electronic == true && !finishedGiven {
                fail(
                    "ket_qua_dien_tu",
                    "hồ sơ chưa có ngày trả kết quả nên chưa thể có kết quả điện tử; hãy ghi ngày trả hoặc ghi “không”")
            }
            guard ok, let received, let due, let channel, let digitised, let electronic else { continue }
            rows.append(
                Row(
                    line: line, id: id, unitCode: unitCode, procedure: procedure, received: received, due: due,
                    finished: finished, channel: channel, digitised: digitised, electronicResult: electronic,
                    supplementRequests: supplements))
        }
        try issues.throwIfAny()
        return rows
    }

    /// `dd/MM/yyyy` (also `d/M/yyyy`) or `yyyy-MM-dd`; nil for anything else.
    public static func readDate(_ text: String) -> CivilDate? {
        if text.contains("/") {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
            else { return nil }
            return CivilDate(year: y, month: m, day: d)
        }
        return CivilDate(iso: text)
    }

    /// "có"/"không" as a clerk or a system writes it; nil for anything else.
    public static func readFlag(_ text: String) -> Bool? {
        switch VietnameseText.searchKey(text) {
        case "co", "c", "x", "1", "yes", "y", "true", "da so hoa", "dien tu": return true
        case "khong", "k", "0", "no", "n", "false": return false
        default: return nil
        }
    }

    /// A log file `parse` reads back: `;` separated, UTF-8 with a byte order mark, dates
    /// `dd/MM/yyyy` (for the demo generator and tests).
    public static func text(_ rows: [(record: DossierRecord, unitCode: String)]) -> String {
        func day(_ d: CivilDate) -> String {
            (d.day < 10 ? "0" : "") + "\(d.day)/" + (d.month < 10 ? "0" : "") + "\(d.month)/\(d.year)"
        }
        var lines: [[String]] = [columns]
        lines.reserveCapacity(rows.count + 1)
        for (r, code) in rows {
            lines.append([
                r.id, code, r.procedure, day(r.received), day(r.due), r.finished.map(day) ?? "",
                r.channel.vietnameseName, r.digitised ? "có" : "không", r.electronicResult ? "có" : "không",
                "\(r.supplementRequests)",
            ])
        }
        return CSVWriter.text(lines)
    }
}
