import Foundation

/// How a dossier reached the one-stop office (kênh tiếp nhận).
public enum DossierChannel: String, Hashable, Sendable, Codable, CaseIterable {
    /// trực tuyến — submitted online through the public service portal.
    case trucTuyen = "truc-tuyen"
    /// trực tiếp — handed in at the one-stop desk.
    case trucTiep = "truc-tiep"
    /// bưu chính — sent by public postal service.
    case buuChinh = "buu-chinh"

    /// The Vietnamese name shown to officers and written in files.
    public var vietnameseName: String {
        switch self {
        case .trucTuyen: return "trực tuyến"
        case .trucTiep: return "trực tiếp"
        case .buuChinh: return "bưu chính"
        }
    }

    /// Reads the channel as a one-stop system or a clerk writes it: "trực tuyến", "Truc tuyen",
    /// "truc-tuyen", "online", …; nil for anything else.
    public init?(typed: String) {
        let key = VietnameseText.searchKey(typed).replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "_", with: " ")
        switch key {
        case "truc tuyen", "tructuyen", "online", "dvc truc tuyen": self = .trucTuyen
        case "truc tiep", "tructiep", "mot cua": self = .trucTiep
        case "buu chinh", "buuchinh", "buu dien", "buu chinh cong ich": self = .buuChinh
        default: return nil
        }
    }
}

/// One dossier (hồ sơ thủ tục hành chính) as a one-stop system logs it: who received it, for
/// which procedure, when it was received, when the result is due and when it was returned.
public struct DossierRecord: Hashable, Sendable, Codable {
    /// The dossier's id in the one-stop system (mã hồ sơ), unique across the province.
    public var id: String
    /// The unit whose one-stop desk received it.
    public var unitID: UnitID
    /// The procedure (thủ tục hành chính), as the system names or codes it.
    public var procedure: String
    /// The day it was received (ngày tiếp nhận).
    public var received: CivilDate
    /// The day the result is due (hạn trả kết quả / ngày hẹn trả).
    public var due: CivilDate
    /// The day the result was returned (ngày trả kết quả); nil while it is being handled.
    public var finished: CivilDate?
    /// How it was submitted.
    public var channel: DossierChannel
    /// Whether its components were digitised (số hóa hồ sơ).
    public var digitised: Bool
    /// Whether its result was issued electronically (kết quả điện tử).
    public var electronicResult: Bool
    /// How many times the applicant was asked to supplement it (số lần yêu cầu bổ sung).
    public var supplementRequests: Int

    /// Creates a record.
    public init(
        id: String, unitID: UnitID, procedure: String, received: CivilDate, due: CivilDate, finished: CivilDate?,
        channel: DossierChannel, digitised: Bool, electronicResult: Bool, supplementRequests: Int = 0
    ) {
        self.id = id
        self.unitID = unitID
        self.procedure = procedure
        self.received = received
        self.due = due
        self.finished = finished
        self.channel = channel
        self.digitised = digitised
        self.electronicResult = electronicResult
        self.supplementRequests = supplementRequests
    }

    /// The month the dossier is counted in: the month it was received (see ``DossierRates``).
    public var month: Period { .month(received.year, received.month) }

    /// Where the dossier stands on `asOf`, judged by calendar day.
    public func status(asOf: CivilDate) -> DossierStatus {
        if received > asOf { return .notYetReceived }
        if let finished, finished <= asOf {
            return finished <= due ? .finishedOnTime : .finishedLate
        }
        return due >= asOf ? .openWithinDue : .openOverdue
    }
}

/// Where a dossier stands on an evaluation date.
public enum DossierStatus: String, Hashable, Sendable, CaseIterable {
    /// Returned on or before the due day (đã giải quyết trước hạn, đúng hạn).
    case finishedOnTime
    /// Returned after the due day (đã giải quyết quá hạn).
    case finishedLate
    /// Not returned yet, and the due day is today or later (đang giải quyết trong hạn).
    case openWithinDue
    /// Not returned yet, and the due day has passed (đang giải quyết quá hạn).
    case openOverdue
    /// Received after the evaluation date: not counted at all.
    case notYetReceived

    /// Whether 766 counts it as on time: returned by the due day, or still within it.
    public var isOnTime: Bool { self == .finishedOnTime || self == .openWithinDue }

    /// Whether the result has been returned.
    public var isFinished: Bool { self == .finishedOnTime || self == .finishedLate }

    /// The Vietnamese wording.
    public var vietnameseName: String {
        switch self {
        case .finishedOnTime: return "đã giải quyết đúng hạn"
        case .finishedLate: return "đã giải quyết quá hạn"
        case .openWithinDue: return "đang giải quyết trong hạn"
        case .openOverdue: return "đang giải quyết quá hạn"
        case .notYetReceived: return "chưa tiếp nhận"
        }
    }
}
