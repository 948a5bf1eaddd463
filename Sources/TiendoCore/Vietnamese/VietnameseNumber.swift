import Foundation

/// A number read from text, with how an ambiguous input was understood.
public struct ParsedNumber: Equatable, Sendable {
    /// The value read (never NaN or infinite, never negative zero).
    public let value: Double
    /// A Vietnamese sentence saying how an ambiguous input (such as "1.234" or "12.5") was read,
    /// to show the officer next to the value; nil when the input was unambiguous.
    public let assumption: String?

    /// Creates a parsed number.
    public init(value: Double, assumption: String? = nil) {
        self.value = value
        self.assumption = assumption
    }
}

/// Why a text is not a number: a Vietnamese message an officer can act on, e.g.
/// "“12a” không phải là số; hãy nhập số theo dạng 1.234,5".
public struct NumberParseError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The message to show, in Vietnamese.
    public let message: String

    /// Creates an error with a Vietnamese message.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The message, for `localizedDescription`.
    public var errorDescription: String? { message }
}

/// Numbers as Vietnamese documents write them: a dot for thousands and a comma for decimals
/// (1.234.567,8; 0,21%), and reading numbers typed in either the Vietnamese or the English form.
public enum VietnameseNumber {

    // MARK: Formatting

    /// `x` rounded half away from zero to `decimals` places and written the Vietnamese way:
    /// `format(1234567.8, decimals: 1) == "1.234.567,8"`, `format(0.21, decimals: 2) == "0,21"`,
    /// `format(-1234, decimals: 0) == "-1.234"`.
    ///
    /// Rounding uses the shortest decimal form of `x` (what `"\(x)"` prints), so
    /// `format(10.175, decimals: 2) == "10,18"` and `format(1.005, decimals: 2) == "1,01"` even
    /// though those doubles are slightly below the half. A value that rounds to zero is written
    /// without a sign (never "-0"). `decimals` is clamped to −350…350; a negative value rounds to
    /// tens, hundreds, …. NaN is written "—", infinities "∞" and "-∞".
    public static func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let n = clamp(decimals)
        let digits = DecimalDigits(magnitudeOf: x).rounded(decimals: n)
        let fraction = max(n, 0)
        let (integerPart, fractionPart) = digits.render(fractionDigits: fraction)
        var result = digits.isZero || x > 0 ? "" : "-"
        result += group(integerPart, separator: ".")
        if fraction > 0 { result += "," + fractionPart }
        return result
    }

    /// Like ``format(_:decimals:)`` with at most `maxDecimals` places, trailing zeros (and a
    /// trailing comma) removed: `75.0 → "75"`, `66.666 → "66,67"`, `0.5 → "0,5"`.
    public static func format(_ x: Double, maxDecimals: Int) -> String {
        let full = format(x, decimals: maxDecimals)
        guard x.isFinite, full.utf8.contains(UInt8(ascii: ",")) else { return full }
        // Byte by byte: every character here is ASCII, and `Character` comparisons cost more
        // than the rest of the formatting.
        var trimmed = Array(full.utf8)
        while trimmed.last == UInt8(ascii: "0") { trimmed.removeLast() }
        if trimmed.last == UInt8(ascii: ",") { trimmed.removeLast() }
        let text = String(decoding: trimmed, as: UTF8.self)
        return text == "-0" ? "0" : text
    }

    /// An integer with dots between thousands: `1234567 → "1.234.567"`, `-1234 → "-1.234"`.
    public static func format(_ n: Int) -> String {
        (n < 0 ? "-" : "") + group(String(n.magnitude), separator: ".")
    }

    /// `x` rounded half away from zero to `decimals` places (clamped to −350…350), robust to
    /// binary representation: the rounding is done on the shortest decimal form of `x`, so
    /// `rounded(10.175, decimals: 2) == 10.18` and `rounded(1.005, decimals: 2) == 1.01`.
    /// Use it to compare values at display precision. Non-finite values are returned unchanged;
    /// a result of zero is always +0.
    public static func rounded(_ x: Double, decimals: Int) -> Double {
        guard x.isFinite else { return x }
        let n = clamp(decimals)
        let digits = DecimalDigits(magnitudeOf: x).rounded(decimals: n)
        if digits.isZero { return 0 }
        let (integerPart, fractionPart) = digits.render(fractionDigits: max(n, 0))
        let text = fractionPart.isEmpty ? integerPart : integerPart + "." + fractionPart
        guard let magnitude = Double(text) else { return x }
        return x < 0 ? -magnitude : magnitude
    }

    /// A count as offices write it in "x/y" figures: two digits with a leading zero below ten
    /// (`7 → "07"`, `14 → "14"`, `120 → "120"`, `0 → "00"`); 1000 and above get thousands dots
    /// (`1234 → "1.234"`); negative numbers are written plainly (`-3 → "-3"`).
    public static func padded(_ n: Int) -> String {
        (0..<10).contains(n) ? "0\(n)" : format(n)
    }

    /// An integer read out in Vietnamese words, as written in assumptions and amounts:
    /// `1234 → "một nghìn hai trăm ba mươi tư"`, `105 → "một trăm linh năm"`,
    /// `21 → "hai mươi mốt"`, `15 → "mười lăm"`, `1_000_000_000 → "một tỷ"`, `-5 → "âm năm"`.
    public static func words(_ n: Int) -> String {
        if n == 0 { return "không" }
        let text = wordsOf(UInt64(n.magnitude))
        return n < 0 ? "âm " + text : text
    }

    // MARK: Parsing

    /// Reads a number typed in the Vietnamese form ("1.234.567,8", "0,21", "-3,5", "1 234,5" with
    /// spaces or no-break spaces between thousands) or the English form ("1234.5", "1,234,567.8").
    ///
    /// - When both '.' and ',' appear, the last one is the decimal separator (and may appear once).
    /// - A lone ',' is the decimal comma; several ',' (without '.') separate thousands.
    /// - Several '.' separate thousands. A single '.' followed by exactly three digits ("1.234") is
    ///   read as Vietnamese thousands (1234) and ``ParsedNumber/assumption`` says so; a single '.'
    ///   otherwise ("12.5") is a decimal point, also with an assumption. A lone ',' followed by
    ///   exactly three digits ("1,234") is read as a decimal, with an assumption.
    /// - Groups after a thousands separator must have exactly three digits, the first one to three.
    /// - A leading '-', '−' or '+' and a trailing '%' are allowed ("0,21%" reads 0.21).
    ///
    /// Anything else — empty text, letters, "1e5", misplaced separators, values too large for a
    /// `Double` — is a ``NumberParseError`` with a Vietnamese message. Never traps.
    public static func parse(_ text: String) -> Result<ParsedNumber, NumberParseError> {
        // Drop invisible format characters (zero-width space, BOM) that copy-paste brings along.
        let cleaned = String(
            String.UnicodeScalarView(
                VietnameseText.nfc(text).unicodeScalars.filter { $0.properties.generalCategory != .format }
            ))
        let input = trimmed(cleaned)
        if input.isEmpty {
            return .failure(NumberParseError(message: "Chưa nhập số; hãy nhập số theo dạng 1.234,5"))
        }
        if input.count > maxInputLength {
            return .failure(
                NumberParseError(
                    message: "\(quote(input)) quá dài (tối đa \(maxInputLength) ký tự); hãy kiểm tra lại số đã nhập"))
        }
        let notANumber = NumberParseError(
            message: "\(quote(input)) không phải là số; hãy nhập số theo dạng 1.234,5")

        var chars = Array(input)
        // Trailing percent sign.
        if chars.last == "%" || chars.last == "％" {
            chars.removeLast()
            while let last = chars.last, last.isWhitespace { chars.removeLast() }
        }
        // Leading sign.
        var negative = false
        if let first = chars.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            chars.removeFirst()
            while let first = chars.first, first.isWhitespace { chars.removeFirst() }
        }

        var tokens: [Token] = []
        for c in chars {
            if c == "." {
                tokens.append(.dot)
            } else if c == "," {
                tokens.append(.comma)
            } else if c.isWhitespace {
                if tokens.last != .space { tokens.append(.space) }
            } else if let d = decimalDigit(c) {
                tokens.append(.digit(d))
            } else {
                return .failure(notANumber)
            }
        }
        guard tokens.contains(where: \.isDigit) else { return .failure(notANumber) }

        let dots = tokens.filter { $0 == .dot }.count
        let commas = tokens.filter { $0 == .comma }.count
        let hasSpaces = tokens.contains(.space)

        var decimalSeparator: Token? = nil
        var thousandsSeparator: Token? = nil
        var reading = Reading.plain

        if dots > 0 && commas > 0 {
            let last = tokens.last(where: { $0 == .dot || $0 == .comma })!
            if (last == .dot ? dots : commas) > 1 {
                return .failure(
                    NumberParseError(
                        message: "\(quote(input)) dùng lẫn dấu chấm và dấu phẩy không đúng chỗ; "
                            + "hãy nhập số theo dạng 1.234,5 (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân)"
                    ))
            }
            decimalSeparator = last
            thousandsSeparator = last == .dot ? .comma : .dot
            if last == .dot { reading = .englishForm }
        } else if commas == 1 {
            decimalSeparator = .comma
        } else if commas > 1 {
            thousandsSeparator = .comma
            reading = .englishForm
        } else if dots == 1 {
            let index = tokens.firstIndex(of: .dot)!
            let before = tokens[..<index]
            let after = tokens[(index + 1)...]
            let beforeDigits = before.filter(\.isDigit)
            if after.count == 3, after.allSatisfy(\.isDigit), !hasSpaces, (1...3).contains(before.count),
                before.allSatisfy(\.isDigit), beforeDigits.first != .digit(0)
            {
                thousandsSeparator = .dot
                reading = .ambiguousDotAsThousands
            } else {
                decimalSeparator = .dot
                reading = .dotAsDecimal
            }
        } else if dots > 1 {
            thousandsSeparator = .dot
        }

        // Split into the integer and fraction parts.
        var integerTokens = tokens[...]
        var fractionDigits = ""
        if let sep = decimalSeparator {
            let index = tokens.lastIndex(of: sep)!
            integerTokens = tokens[..<index]
            let fraction = tokens[(index + 1)...]
            if fraction.isEmpty {
                return .failure(
                    NumberParseError(
                        message: "\(quote(input)) thiếu chữ số sau dấu thập phân; hãy nhập số theo dạng 1.234,5"))
            }
            guard fraction.allSatisfy(\.isDigit) else {
                return .failure(
                    NumberParseError(
                        message: "\(quote(input)) có dấu phân cách sau dấu thập phân; "
                            + "phần thập phân chỉ gồm chữ số, ví dụ 1.234,56"))
            }
            fractionDigits = fraction.map(\.character).joined()
        }

        // The integer part: digits, possibly grouped by one kind of thousands separator.
        let groupSeparators = Set(integerTokens.filter { !$0.isDigit })
        if groupSeparators.count > 1 {
            return .failure(
                NumberParseError(
                    message: "\(quote(input)) dùng lẫn nhiều kiểu phân cách hàng nghìn; "
                        + "hãy nhập số theo dạng 1.234.567,8"))
        }
        if let sep = groupSeparators.first, sep != .space, sep != thousandsSeparator {
            return .failure(notANumber)
        }
        var integerDigits = ""
        if let sep = groupSeparators.first {
            let groups = integerTokens.split(separator: sep, omittingEmptySubsequences: false)
            let valid =
                groups.count >= 2 && (1...3).contains(groups[0].count)
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard valid else {
                return .failure(
                    NumberParseError(
                        message: "\(quote(input)) nhóm chữ số không đúng: sau mỗi dấu phân cách hàng nghìn "
                            + "phải có đúng 3 chữ số; hãy nhập số theo dạng 1.234.567,8"))
            }
            integerDigits = integerTokens.filter(\.isDigit).map(\.character).joined()
        } else {
            integerDigits = integerTokens.map(\.character).joined()
        }
        if integerDigits.isEmpty && decimalSeparator == nil { return .failure(notANumber) }

        let english =
            (integerDigits.isEmpty ? "0" : integerDigits) + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
        guard let magnitude = Double(english), magnitude.isFinite else {
            return .failure(
                NumberParseError(message: "\(quote(input)) quá lớn, không thể tính toán; hãy kiểm tra lại số đã nhập"))
        }
        let value = (negative ? -magnitude : magnitude) + 0.0  // + 0.0 turns -0 into 0

        // Say how an ambiguous input was read.
        let sign = negative && magnitude != 0 ? "-" : ""
        let integerShown = group(integerDigits.isEmpty ? "0" : integerDigits, separator: ".")
        var assumption: String? = nil
        switch reading {
        case .ambiguousDotAsThousands:
            let spoken = Double(Int.max) > magnitude ? " (\(words(Int(value))))" : ""
            let raw = tokens.filter(\.isDigit).map(\.character).joined()
            let asDecimal = sign + raw.prefix(raw.count - 3) + "," + raw.suffix(3)
            assumption =
                "\(quote(input)) được hiểu là \(sign)\(integerShown)\(spoken) theo cách viết Việt Nam "
                + "(dấu chấm phân cách hàng nghìn); nếu là số thập phân, hãy viết \(asDecimal)"
        case .dotAsDecimal:
            let vietnamese = sign + integerShown + "," + fractionDigits
            assumption =
                "\(quote(input)) được hiểu là \(vietnamese) (dấu chấm là dấu thập phân theo cách viết quốc tế); "
                + "theo cách viết Việt Nam, hãy viết \(vietnamese)"
        case .plain
        where decimalSeparator == .comma && thousandsSeparator == nil && !hasSpaces
            && fractionDigits.count == 3 && (1...3).contains(integerDigits.count) && !integerDigits.hasPrefix("0"):
            let thousands = Int(integerDigits + fractionDigits) ?? 0
            let asThousands = sign + integerDigits + "." + fractionDigits
            assumption =
                "\(quote(input)) được hiểu là số thập phân \(sign)\(integerDigits),\(fractionDigits) theo cách viết Việt Nam "
                + "(dấu phẩy trước phần thập phân); nếu là \(words(negative ? -thousands : thousands)), "
                + "hãy viết \(asThousands)"
        case .plain, .englishForm:
            assumption = nil
        }
        return .success(ParsedNumber(value: value, assumption: assumption))
    }

    // MARK: Private helpers

    private static let maxInputLength = 64

    private enum Token: Hashable {
        case digit(Int)
        case dot
        case comma
        case space

        var isDigit: Bool {
            if case .digit = self { return true }
            return false
        }

        var character: String {
            switch self {
            case .digit(let d): return String(d)
            case .dot: return "."
            case .comma: return ","
            case .space: return " "
            }
        }
    }

    private enum Reading {
        case plain
        case englishForm
        case ambiguousDotAsThousands
        case dotAsDecimal
    }

    /// The value of a decimal digit of any script (ASCII, full-width, …), else nil.
    private static func decimalDigit(_ c: Character) -> Int? {
        guard c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first,
            scalar.properties.generalCategory == .decimalNumber,
            let value = scalar.properties.numericValue, value >= 0, value <= 9
        else { return nil }
        return Int(value)
    }

    private static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let first = sub.first, first.isWhitespace { sub = sub.dropFirst() }
        while let last = sub.last, last.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }

    /// The input in Vietnamese quotation marks, shortened when long.
    private static func quote(_ s: String) -> String {
        let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
        return "“" + shown + "”"
    }

    private static func clamp(_ decimals: Int) -> Int {
        min(max(decimals, -350), 350)
    }

    private static func nonFinite(_ x: Double) -> String {
        if x.isNaN { return "—" }
        return x < 0 ? "-∞" : "∞"
    }

    /// Inserts `separator` between groups of three digits from the right.
    private static func group(_ digits: String, separator: Character) -> String {
        let chars = Array(digits.utf8)
        let mark = Array(String(separator).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(chars.count + chars.count / 3 * mark.count)
        for (index, c) in chars.enumerated() {
            if index > 0 && (chars.count - index) % 3 == 0 { out += mark }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let digitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// Words for n > 0.
    private static func wordsOf(_ n: UInt64) -> String {
        let billion: UInt64 = 1_000_000_000
        if n >= billion {
            let high = n / billion
            let low = n % billion
            var text = wordsOf(high) + " tỷ"
            if low > 0 { text += " " + belowBillion(low, full: true) }
            return text
        }
        return belowBillion(n, full: false)
    }

    /// Words for 0 < n < 10⁹; `full` when a higher part precedes (so "không trăm" is spoken).
    private static func belowBillion(_ n: UInt64, full: Bool) -> String {
        let groups = [(n / 1_000_000, "triệu"), ((n / 1000) % 1000, "nghìn"), (n % 1000, "")]
        var parts: [String] = []
        var higher = full
        for (value, unit) in groups where value > 0 {
            parts.append(threeDigits(Int(value), full: higher))
            if !unit.isEmpty { parts.append(unit) }
            higher = true
        }
        return parts.joined(separator: " ")
    }

    /// Words for 0 < n < 1000; `full` reads the hundreds even when zero ("không trăm linh năm").
    private static func threeDigits(_ n: Int, full: Bool) -> String {
        let h = n / 100
        let t = (n / 10) % 10
        let u = n % 10
        var parts: [String] = []
        if h > 0 || full { parts.append(digitWords[h] + " trăm") }
        switch t {
        case 0:
            if u > 0 {
                if !parts.isEmpty { parts.append("linh") }
                parts.append(digitWords[u])
            }
        case 1:
            parts.append("mười")
            if u == 5 {
                parts.append("lăm")
            } else if u > 0 {
                parts.append(digitWords[u])
            }
        default:
            parts.append(digitWords[t] + " mươi")
            switch u {
            case 0: break
            case 1: parts.append("mốt")
            case 4: parts.append("tư")
            case 5: parts.append("lăm")
            default: parts.append(digitWords[u])
            }
        }
        return parts.joined(separator: " ")
    }
}

/// The decimal digits of a non-negative finite double, taken from its shortest round-trip form:
/// value = 0.d₁d₂d₃… × 10^pointPosition.
private struct DecimalDigits {
    /// Significant digits without leading zeros (empty for zero).
    var digits: [Int]
    /// How many digits stand before the decimal point (may be negative or exceed `digits.count`).
    var pointPosition: Int

    init(digits: [Int], pointPosition: Int) {
        self.digits = digits
        self.pointPosition = pointPosition
    }

    /// Reads `"\(abs(x))"`, e.g. "10.175", "1e-05", "1.2345678901234568e+20", byte by byte: a
    /// verdict formats several figures, and `Character` properties made this half of the time of
    /// judging every target of a country.
    init(magnitudeOf x: Double) {
        var all: [Int] = []
        all.reserveCapacity(20)
        var integerCount = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in "\(x.magnitude)".utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if inExponent {
                    exponent = exponent * 10 + digit
                } else {
                    all.append(digit)
                    if !seenPoint { integerCount += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            default: break
            }
        }
        var point = integerCount + exponentSign * exponent
        let leadingZeros = all.prefix { $0 == 0 }.count
        all.removeFirst(leadingZeros)
        point -= leadingZeros
        while all.last == 0 { all.removeLast() }
        self.init(digits: all, pointPosition: all.isEmpty ? 0 : point)
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounded half away from zero to `decimals` places after the point.
    func rounded(decimals: Int) -> DecimalDigits {
        let keep = pointPosition + decimals
        if digits.count <= keep { return self }
        if keep < 0 { return DecimalDigits(digits: [], pointPosition: 0) }
        var kept = Array(digits.prefix(keep))
        var point = pointPosition
        if digits[keep] >= 5 {
            var index = kept.count - 1
            var carry = true
            while carry && index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    carry = false
                }
            }
            if carry {
                kept.insert(1, at: 0)
                point += 1
            }
        }
        while kept.last == 0 { kept.removeLast() }
        return DecimalDigits(digits: kept, pointPosition: kept.isEmpty ? 0 : point)
    }

    /// The integer digits ("0" when none) and exactly `fractionDigits` fraction digits.
    func render(fractionDigits: Int) -> (String, String) {
        func digit(at index: Int) -> UInt8 {
            UInt8(ascii: "0") + (index >= 0 && index < digits.count ? UInt8(digits[index]) : 0)
        }
        let integer =
            pointPosition > 0 ? String(decoding: (0..<pointPosition).map(digit(at:)), as: UTF8.self) : "0"
        let fraction = String(
            decoding: (0..<max(fractionDigits, 0)).map { digit(at: pointPosition + $0) }, as: UTF8.self)
        return (integer, fraction)
    }
}
