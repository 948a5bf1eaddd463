import Foundation
import TiendoCore

/// How pages write what is not a figure: one place, so every page shows a time alike.
enum PageFormat {
    /// A moment as officers read it, in Vietnam's time: "30/11/2026 07:53".
    static func dateTime(_ date: Date) -> String {
        // A change's time is written by the server's clock, never by a request; one outside
        // what an Int of seconds holds is shown as "—" rather than trapping in `Int(_:)`.
        guard let whole = date.timeIntervalSince1970.wholeIntIfFits, abs(whole) < 1 << 50 else { return "—" }
        let seconds = whole + 7 * 3600
        let day = CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return VietnameseDate.short(day) + String(format: " %02d:%02d", inDay / 3600, (inDay % 3600) / 60)
    }
}
