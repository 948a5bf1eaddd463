import Foundation

/// Dates as Vietnamese documents and screens write them (domain.md, "Vietnamese text";
/// format.md, "Numbers, dates, footnotes").
public enum VietnameseDate {

    /// How the month is padded in a long date.
    public enum MonthPadding: Sendable, Equatable {
        /// Every month with two digits: "tháng 01", "tháng 03", "tháng 12".
        case always
        /// Only January and February get a leading zero, as Decree 30/2020/NĐ-CP, Appendix I
        /// writes it ("tháng 01", "tháng 02", "tháng 3", …); days below 10 are padded either way.
        /// The default.
        case januaryAndFebruaryOnly
    }

    /// The date as written in a document under Decree 30/2020: "ngày 05 tháng 01 năm 2026",
    /// "ngày 14 tháng 3 năm 2025" (days below 10 and months 1–2 padded with a zero).
    public static func long(_ d: CivilDate) -> String {
        long(d, monthPadding: .januaryAndFebruaryOnly)
    }

    /// The date as written in a document, with the month padded as `monthPadding` says:
    /// "ngày 05 tháng 3 năm 2026" with ``MonthPadding/januaryAndFebruaryOnly``.
    public static func long(_ d: CivilDate, monthPadding: MonthPadding) -> String {
        let month: String
        switch monthPadding {
        case .always: month = two(d.month)
        case .januaryAndFebruaryOnly: month = d.month <= 2 ? two(d.month) : String(d.month)
        }
        return "ngày \(two(d.day)) tháng \(month) năm \(d.year)"
    }

    /// The date as shown on screens and in tables: "05/01/2026".
    public static func short(_ d: CivilDate) -> String {
        "\(two(d.day))/\(two(d.month))/\(d.year)"
    }

    /// The place-and-date line of a document: "An Cựu, ngày 14 tháng 11 năm 2025". The place is
    /// normalised (NFC, whitespace collapsed); with an empty place only the long date is returned.
    public static func placeAndDate(place: String, _ d: CivilDate) -> String {
        placeAndDate(place: place, d, monthPadding: .januaryAndFebruaryOnly)
    }

    /// The place-and-date line with the month padded as `monthPadding` says.
    public static func placeAndDate(place: String, _ d: CivilDate, monthPadding: MonthPadding) -> String {
        let name = VietnameseText.normalizedName(place)
        let date = long(d, monthPadding: monthPadding)
        return name.isEmpty ? date : "\(name), \(date)"
    }

    /// Reads a date typed by an officer: "05/01/2026", "5/1/2026", "05-01-2026", "05.01.2026"
    /// (day first, four-digit year), ISO "2026-01-05", or the long form "ngày 05 tháng 01 năm 2026".
    /// Returns nil for anything else, including days that do not exist (31/02/2026) and two-digit
    /// years (ambiguous).
    public static func parse(_ text: String) -> CivilDate? {
        let input = VietnameseText.normalizedName(text)
        guard !input.isEmpty, input.count <= 64 else { return nil }

        // Long form: "ngày 05 tháng 01 năm 2026" (any case, with or without diacritics).
        let words = VietnameseText.searchKey(input).split(separator: " ")
        if words.count == 6, words[0] == "ngay", words[2] == "thang", words[4] == "nam" {
            guard let day = number(words[1], maxDigits: 2), let month = number(words[3], maxDigits: 2),
                words[5].count == 4, let year = number(words[5], maxDigits: 4)
            else { return nil }
            return date(year, month, day)
        }

        guard input.allSatisfy({ $0.isASCII }) else { return nil }
        for separator: Character in ["/", "-", "."] {
            let parts = input.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if separator == "-", parts[0].count == 4 {
                // ISO yyyy-MM-dd (also accepts yyyy-M-d).
                guard let year = number(parts[0], maxDigits: 4), let month = number(parts[1], maxDigits: 2),
                    let day = number(parts[2], maxDigits: 2)
                else { return nil }
                return date(year, month, day)
            }
            guard parts[2].count == 4, let day = number(parts[0], maxDigits: 2),
                let month = number(parts[1], maxDigits: 2), let year = number(parts[2], maxDigits: 4)
            else { return nil }
            return date(year, month, day)
        }
        return nil
    }

    // MARK: Private helpers

    /// A valid date of year 1 or later, else nil.
    private static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate? {
        year >= 1 ? CivilDate(year: year, month: month, day: day) : nil
    }

    /// Two digits with a leading zero below ten.
    private static func two(_ n: Int) -> String {
        (0..<10).contains(n) ? "0\(n)" : String(n)
    }

    /// A run of 1…`maxDigits` ASCII digits as a number, else nil.
    private static func number(_ s: Substring, maxDigits: Int) -> Int? {
        guard (1...maxDigits).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }
}
