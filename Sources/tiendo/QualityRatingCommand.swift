import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import TiendoStorage

/// `tiendo import xep-loai FILE`: the yearly quality ratings of party organisations and members.
struct ImportQualityRatings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xep-loai",
        abstract:
            "Nhập danh sách xếp loại chất lượng tổ chức đảng, đảng viên (cột nam, ma_don_vi, loai, nhom, ten, xep_loai, ghi_chu).",
        discussion: """
            Mỗi (đơn vị, năm) có trong tệp được thay bằng đúng các dòng của tệp; nhập lại cùng tệp không \
            thay đổi gì. Có lỗi thì không ghi gì và in mọi lỗi kèm dòng, cột. Nhóm có số “Hoàn thành xuất sắc \
            nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” chỉ là cảnh báo: danh sách vẫn được lưu. \
            Xem docs/xep-loai.md.
            """)

    @Argument(help: "Tệp CSV, mã hóa UTF-8 (có hoặc không có BOM), phân cách ; hoặc ,.")
    var file: String

    @Option(name: .long, help: "Tài khoản đứng tên nhập (ghi vào nhật ký); mặc định là “dong-lenh”.")
    var user: String?

    func run() async throws {
        let data = try readDataFile(file)
        let outcome = try await withStore { store in
            let person = try await commandPerson(user, store: store)
            do {
                return try await QualityRatingFiles.importCSV(
                    data: data, fileName: fileLabel(file), person: person, store: store)
            } catch let failure as ImportFailure {
                throw CommandFailure(failure.report())
            }
        }
        say(outcome.summary)
    }
}
