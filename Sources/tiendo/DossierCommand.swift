import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import TiendoStorage

/// `tiendo import ho-so FILE [--today DATE]`: a one-stop system's dossier log, with the rates of
/// Decision 766/QĐ-TTg recomputed for every unit and month it touches (docs/ho-so-tthc.md).
struct ImportDossiers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ho-so",
        abstract:
            "Nhập nhật ký hồ sơ thủ tục hành chính (CSV của hệ thống một cửa) và tính các tỷ lệ theo Quyết định 766/QĐ-TTg."
    )

    @Argument(
        help:
            "Tệp CSV (cột ma_ho_so, ma_don_vi, thu_tuc, ngay_tiep_nhan, han_tra, ngay_tra, kenh, so_hoa, ket_qua_dien_tu, so_lan_bo_sung), UTF-8."
    )
    var file: String

    @Option(
        name: .customLong("today"),
        help: "Ngày tính tình trạng hồ sơ (dd/MM/yyyy hoặc yyyy-MM-dd); mặc định là hôm nay (giờ Việt Nam).")
    var today: String?

    @Option(name: .long, help: "Tài khoản đứng tên nhập (ghi vào nhật ký); mặc định là “dong-lenh”.")
    var user: String?

    func run() async throws {
        let asOf: CivilDate
        do {
            asOf = try DossierFiles.evaluationDate(today)
        } catch let error as FigureFileError {
            throw CommandFailure(error.description)
        }
        progress("Đang đọc tệp \(fileLabel(file))…")
        let text = try readTextFile(file)
        let started = Date()
        let summary = try await withStore { store in
            let person = try await commandPerson(user, store: store)
            progress("Đang kiểm tra hồ sơ và tính tỷ lệ theo từng đơn vị, từng tháng…")
            do {
                return try await DossierFiles.importLog(
                    text: text, fileName: fileLabel(file), person: person, asOf: asOf, store: store)
            } catch let failure as ImportFailure {
                throw CommandFailure(failure.report())
            }
        }
        let seconds = Date().timeIntervalSince(started)
        say(
            "Đã nhập \(summary.vietnameseText) (\(VietnameseNumber.format(seconds, decimals: 1)) giây)")
    }
}
