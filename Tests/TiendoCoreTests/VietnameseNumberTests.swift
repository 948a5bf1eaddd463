import TiendoTestSupport
import XCTest

@testable import TiendoCore

final class VietnameseNumberTests: XCTestCase {

    // MARK: format(_:decimals:)

    func testFormatUsesDotForThousandsAndCommaForDecimals() {
        XCTAssertEqual(VietnameseNumber.format(1_234_567.8, decimals: 1), "1.234.567,8")
        XCTAssertEqual(VietnameseNumber.format(0.21, decimals: 2), "0,21")
        XCTAssertEqual(VietnameseNumber.format(-1234, decimals: 0), "-1.234")
        XCTAssertEqual(VietnameseNumber.format(7943, decimals: 0), "7.943")
        XCTAssertEqual(VietnameseNumber.format(13.7, decimals: 1), "13,7")
        XCTAssertEqual(VietnameseNumber.format(999, decimals: 0), "999")
        XCTAssertEqual(VietnameseNumber.format(1000, decimals: 0), "1.000")
        XCTAssertEqual(VietnameseNumber.format(100_000, decimals: 2), "100.000,00")
    }

    func testFormatZero() {
        XCTAssertEqual(VietnameseNumber.format(0, decimals: 0), "0")
        XCTAssertEqual(VietnameseNumber.format(0, decimals: 2), "0,00")
        XCTAssertEqual(VietnameseNumber.format(-0.0, decimals: 0), "0")
        XCTAssertEqual(VietnameseNumber.format(-0.0, decimals: 2), "0,00")
    }

    func testFormatNeverWritesNegativeZero() {
        XCTAssertEqual(VietnameseNumber.format(-0.004, decimals: 2), "0,00")
        XCTAssertEqual(VietnameseNumber.format(-0.4, decimals: 0), "0")
        XCTAssertEqual(VietnameseNumber.format(-0.049, decimals: 1), "0,0")
        XCTAssertEqual(VietnameseNumber.format(-Double.leastNonzeroMagnitude, decimals: 3), "0,000")
        XCTAssertEqual(VietnameseNumber.format(-0.05, decimals: 1), "-0,1")
    }

    func testFormatRoundsHalfAwayFromZeroRobustly() {
        XCTAssertEqual(VietnameseNumber.format(10.175, decimals: 2), "10,18")
        XCTAssertEqual(VietnameseNumber.format(1.005, decimals: 2), "1,01")
        XCTAssertEqual(VietnameseNumber.format(2.675, decimals: 2), "2,68")
        XCTAssertEqual(VietnameseNumber.format(1.45, decimals: 1), "1,5")
        XCTAssertEqual(VietnameseNumber.format(0.125, decimals: 2), "0,13")
        XCTAssertEqual(VietnameseNumber.format(0.5, decimals: 0), "1")
        XCTAssertEqual(VietnameseNumber.format(1.5, decimals: 0), "2")
        XCTAssertEqual(VietnameseNumber.format(2.5, decimals: 0), "3")
        XCTAssertEqual(VietnameseNumber.format(-2.5, decimals: 0), "-3")
        XCTAssertEqual(VietnameseNumber.format(-0.5, decimals: 0), "-1")
        XCTAssertEqual(VietnameseNumber.format(-1.005, decimals: 2), "-1,01")
        XCTAssertEqual(VietnameseNumber.format(-10.175, decimals: 2), "-10,18")
        XCTAssertEqual(VietnameseNumber.format(0.1 + 0.2, decimals: 2), "0,30")
        XCTAssertEqual(VietnameseNumber.format(1.0 / 3.0, decimals: 4), "0,3333")
        XCTAssertEqual(VietnameseNumber.format(2.0 / 3.0, decimals: 4), "0,6667")
        XCTAssertEqual(VietnameseNumber.format(1.2344999, decimals: 3), "1,234")
    }

    func testFormatCarriesThroughNines() {
        XCTAssertEqual(VietnameseNumber.format(999.995, decimals: 2), "1.000,00")
        XCTAssertEqual(VietnameseNumber.format(9.96, decimals: 1), "10,0")
        XCTAssertEqual(VietnameseNumber.format(99_999.5, decimals: 0), "100.000")
        XCTAssertEqual(VietnameseNumber.format(-999_999.9, decimals: 0), "-1.000.000")
        XCTAssertEqual(VietnameseNumber.format(0.0096, decimals: 2), "0,01")
    }

    func testFormatPadsDecimals() {
        XCTAssertEqual(VietnameseNumber.format(5, decimals: 2), "5,00")
        XCTAssertEqual(VietnameseNumber.format(1e-7, decimals: 8), "0,00000010")
        XCTAssertEqual(VietnameseNumber.format(0.1, decimals: 20), "0," + "1" + String(repeating: "0", count: 19))
    }

    func testFormatVeryLargeAndVerySmallNumbers() {
        XCTAssertEqual(VietnameseNumber.format(1e15, decimals: 0), "1.000.000.000.000.000")
        XCTAssertEqual(VietnameseNumber.format(1e21, decimals: 1), "1.000.000.000.000.000.000.000,0")
        XCTAssertEqual(
            VietnameseNumber.format(123_456_789_012_345_680_000.0, decimals: 0), "123.456.789.012.345.680.000")
        XCTAssertEqual(VietnameseNumber.format(4.496e12, decimals: 0), "4.496.000.000.000")
        let max = VietnameseNumber.format(Double.greatestFiniteMagnitude, decimals: 0)
        XCTAssertTrue(max.hasPrefix("179.769.313.486.231.570."))
        XCTAssertEqual(max.filter(\.isNumber).count, 309)
        XCTAssertEqual(VietnameseNumber.format(-Double.greatestFiniteMagnitude, decimals: 2).prefix(4), "-179")
        XCTAssertEqual(VietnameseNumber.format(Double.leastNonzeroMagnitude, decimals: 2), "0,00")
        XCTAssertEqual(VietnameseNumber.format(Double.leastNormalMagnitude, decimals: 0), "0")
    }

    func testFormatNonFiniteValues() {
        XCTAssertEqual(VietnameseNumber.format(.nan, decimals: 2), "—")
        XCTAssertEqual(VietnameseNumber.format(.infinity, decimals: 2), "∞")
        XCTAssertEqual(VietnameseNumber.format(-.infinity, decimals: 0), "-∞")
        XCTAssertEqual(VietnameseNumber.format(.nan, maxDecimals: 2), "—")
    }

    func testFormatWithNegativeOrHugeDecimals() {
        XCTAssertEqual(VietnameseNumber.format(1234.5, decimals: -2), "1.200")
        XCTAssertEqual(VietnameseNumber.format(1250, decimals: -2), "1.300")
        XCTAssertEqual(VietnameseNumber.format(-49, decimals: -2), "0")
        let huge = VietnameseNumber.format(1.5, decimals: 10_000)
        XCTAssertEqual(huge.count, "1,".count + 350)
        XCTAssertTrue(huge.hasPrefix("1,50"))
    }

    // MARK: format(_:maxDecimals:)

    func testFormatMaxDecimalsTrimsTrailingZeros() {
        XCTAssertEqual(VietnameseNumber.format(75.0, maxDecimals: 2), "75")
        XCTAssertEqual(VietnameseNumber.format(66.666, maxDecimals: 2), "66,67")
        XCTAssertEqual(VietnameseNumber.format(0.5, maxDecimals: 2), "0,5")
        XCTAssertEqual(VietnameseNumber.format(1.0001, maxDecimals: 2), "1")
        XCTAssertEqual(VietnameseNumber.format(1234.5, maxDecimals: 3), "1.234,5")
        XCTAssertEqual(VietnameseNumber.format(100, maxDecimals: 0), "100")
        XCTAssertEqual(VietnameseNumber.format(100, maxDecimals: 2), "100")
        XCTAssertEqual(VietnameseNumber.format(-0.001, maxDecimals: 2), "0")
        XCTAssertEqual(VietnameseNumber.format(-2.50, maxDecimals: 2), "-2,5")
        XCTAssertEqual(VietnameseNumber.format(0, maxDecimals: 2), "0")
        XCTAssertEqual(VietnameseNumber.format(0.21, maxDecimals: 2), "0,21")
        XCTAssertEqual(VietnameseNumber.format(9.999, maxDecimals: 2), "10")
    }

    // MARK: format(Int)

    func testFormatInteger() {
        XCTAssertEqual(VietnameseNumber.format(0), "0")
        XCTAssertEqual(VietnameseNumber.format(999), "999")
        XCTAssertEqual(VietnameseNumber.format(1000), "1.000")
        XCTAssertEqual(VietnameseNumber.format(-1_234_567), "-1.234.567")
        XCTAssertEqual(VietnameseNumber.format(Int.min), "-9.223.372.036.854.775.808")
        XCTAssertEqual(VietnameseNumber.format(Int.max), "9.223.372.036.854.775.807")
    }

    // MARK: rounded

    func testRoundedIsRobustToBinaryRepresentation() {
        XCTAssertEqual(VietnameseNumber.rounded(10.175, decimals: 2), 10.18)
        XCTAssertEqual(VietnameseNumber.rounded(1.005, decimals: 2), 1.01)
        XCTAssertEqual(VietnameseNumber.rounded(2.675, decimals: 2), 2.68)
        XCTAssertEqual(VietnameseNumber.rounded(0.1 + 0.2, decimals: 2), 0.3)
        XCTAssertEqual(VietnameseNumber.rounded(66.666, decimals: 2), 66.67)
        XCTAssertEqual(VietnameseNumber.rounded(-2.5, decimals: 0), -3)
        XCTAssertEqual(VietnameseNumber.rounded(2.5, decimals: 0), 3)
        XCTAssertEqual(VietnameseNumber.rounded(-1.005, decimals: 2), -1.01)
        XCTAssertEqual(VietnameseNumber.rounded(123.456, decimals: -1), 120)
        XCTAssertEqual(VietnameseNumber.rounded(0.1, decimals: 5), 0.1)
    }

    func testRoundedComparesValuesAtDisplayPrecision() {
        // 1.1 × 1.1 is 1.2100000000000002 in binary; at two decimals it equals 1.21.
        let product = 1.1 * 1.1
        XCTAssertNotEqual(product, 1.21)
        XCTAssertEqual(VietnameseNumber.rounded(product, decimals: 2), VietnameseNumber.rounded(1.21, decimals: 2))
        XCTAssertEqual(VietnameseNumber.rounded(product, decimals: 2), 1.21)
    }

    func testRoundedZeroIsPositive() {
        let r = VietnameseNumber.rounded(-0.001, decimals: 2)
        XCTAssertEqual(r, 0)
        XCTAssertEqual(r.sign, .plus)
        XCTAssertEqual(VietnameseNumber.rounded(-0.0, decimals: 2).sign, .plus)
    }

    func testRoundedLargeAndNonFiniteValues() {
        XCTAssertEqual(VietnameseNumber.rounded(1e300, decimals: 2), 1e300)
        XCTAssertEqual(
            VietnameseNumber.rounded(Double.greatestFiniteMagnitude, decimals: 0), Double.greatestFiniteMagnitude)
        XCTAssertEqual(VietnameseNumber.rounded(123_456_789_012.345, decimals: 2), 123_456_789_012.35)
        XCTAssertEqual(
            VietnameseNumber.rounded(Double.leastNonzeroMagnitude, decimals: 400), Double.leastNonzeroMagnitude)
        XCTAssertEqual(VietnameseNumber.rounded(Double.leastNonzeroMagnitude, decimals: 2), 0)
        XCTAssertTrue(VietnameseNumber.rounded(.nan, decimals: 2).isNaN)
        XCTAssertEqual(VietnameseNumber.rounded(.infinity, decimals: 2), .infinity)
        XCTAssertEqual(VietnameseNumber.rounded(-.infinity, decimals: 2), -.infinity)
    }

    func testRoundedAgreesWithFormat() {
        var generator = SeededRandom(seed: 42)
        for _ in 0..<2000 {
            let x = (Double(generator.next() % 2_000_000_001) - 1_000_000_000) / 1000
            for decimals in 0...3 {
                let r = VietnameseNumber.rounded(x, decimals: decimals)
                XCTAssertEqual(
                    VietnameseNumber.format(r, decimals: decimals), VietnameseNumber.format(x, decimals: decimals))
                XCTAssertLessThanOrEqual(abs(r - x), 0.5 * pow(10, Double(-decimals)) * (1 + 1e-9) + 1e-9)
            }
        }
    }

    func testRoundingAtMoreDecimalsThanTheShortestFormHasKeepsEveryDoubleAsItIs() {
        // Doubles from 1e-10 to 1e+22, plain and exponent forms alike ("1e-05", "1.5e+20"): the
        // shortest form has at most 17 significant digits, so 30 places keep all of them.
        var generator = SeededRandom(seed: 2026)
        for _ in 0..<5000 {
            let mantissa = Double(generator.next() >> 11) / Double(1 << 53)
            let x = (mantissa + 0.1) * pow(10, Double(generator.next(upTo: 33)) - 10)
            XCTAssertEqual(VietnameseNumber.rounded(x, decimals: 30), x, "\(x)")
            XCTAssertEqual(VietnameseNumber.rounded(-x, decimals: 30), -x, "\(-x)")
        }
    }

    // MARK: padded

    func testPaddedCounts() {
        XCTAssertEqual(VietnameseNumber.padded(7), "07")
        XCTAssertEqual(VietnameseNumber.padded(0), "00")
        XCTAssertEqual(VietnameseNumber.padded(9), "09")
        XCTAssertEqual(VietnameseNumber.padded(10), "10")
        XCTAssertEqual(VietnameseNumber.padded(14), "14")
        XCTAssertEqual(VietnameseNumber.padded(120), "120")
        XCTAssertEqual(VietnameseNumber.padded(1234), "1.234")
        XCTAssertEqual(VietnameseNumber.padded(-3), "-3")
        XCTAssertEqual("\(VietnameseNumber.padded(7))/\(VietnameseNumber.padded(14)) chỉ tiêu", "07/14 chỉ tiêu")
    }

    // MARK: words

    func testWordsSmallNumbers() {
        let expected: [Int: String] = [
            0: "không", 1: "một", 4: "bốn", 5: "năm", 10: "mười", 11: "mười một", 14: "mười bốn",
            15: "mười lăm", 20: "hai mươi", 21: "hai mươi mốt", 24: "hai mươi tư", 25: "hai mươi lăm",
            34: "ba mươi tư", 99: "chín mươi chín", 100: "một trăm", 101: "một trăm linh một",
            105: "một trăm linh năm", 110: "một trăm mười", 115: "một trăm mười lăm", 999: "chín trăm chín mươi chín",
        ]
        for (n, text) in expected {
            XCTAssertEqual(VietnameseNumber.words(n), text, "\(n)")
        }
    }

    func testWordsLargeNumbers() {
        XCTAssertEqual(VietnameseNumber.words(1000), "một nghìn")
        XCTAssertEqual(VietnameseNumber.words(1005), "một nghìn không trăm linh năm")
        XCTAssertEqual(VietnameseNumber.words(1234), "một nghìn hai trăm ba mươi tư")
        XCTAssertEqual(VietnameseNumber.words(10_000), "mười nghìn")
        XCTAssertEqual(VietnameseNumber.words(15_000), "mười lăm nghìn")
        XCTAssertEqual(VietnameseNumber.words(12_345), "mười hai nghìn ba trăm bốn mươi lăm")
        XCTAssertEqual(VietnameseNumber.words(1_000_050), "một triệu không trăm năm mươi")
        XCTAssertEqual(VietnameseNumber.words(2_000_000_000), "hai tỷ")
        XCTAssertEqual(VietnameseNumber.words(1_500_000_000), "một tỷ năm trăm triệu")
        XCTAssertEqual(VietnameseNumber.words(1_000_000_005), "một tỷ không trăm linh năm")
        XCTAssertEqual(VietnameseNumber.words(4_496_000_000_000), "bốn nghìn bốn trăm chín mươi sáu tỷ")
        XCTAssertEqual(VietnameseNumber.words(1_000_000_000_000_000_000), "một tỷ tỷ")
        XCTAssertEqual(VietnameseNumber.words(-21), "âm hai mươi mốt")
        XCTAssertTrue(VietnameseNumber.words(Int.min).hasPrefix("âm chín tỷ hai trăm hai mươi ba triệu"))
        XCTAssertFalse(VietnameseNumber.words(Int.max).isEmpty)
    }

    // MARK: parse — accepted forms

    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ParsedNumber? {
        switch VietnameseNumber.parse(text) {
        case .success(let parsed): return parsed
        case .failure(let error):
            XCTFail("“\(text)” should parse: \(error.message)", file: file, line: line)
            return nil
        }
    }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> NumberParseError? {
        switch VietnameseNumber.parse(text) {
        case .success(let parsed):
            XCTFail("“\(text)” should not parse, got \(parsed.value)", file: file, line: line)
            return nil
        case .failure(let error): return error
        }
    }

    func testParseVietnameseForm() {
        XCTAssertEqual(value("1.234.567,8"), ParsedNumber(value: 1_234_567.8, assumption: nil))
        XCTAssertEqual(value("0,21"), ParsedNumber(value: 0.21, assumption: nil))
        XCTAssertEqual(value("-3,5"), ParsedNumber(value: -3.5, assumption: nil))
        XCTAssertEqual(value("1.234,5"), ParsedNumber(value: 1234.5, assumption: nil))
        XCTAssertEqual(value("123.456.789,123"), ParsedNumber(value: 123_456_789.123, assumption: nil))
        XCTAssertEqual(value("1.234.567"), ParsedNumber(value: 1_234_567, assumption: nil))
        XCTAssertEqual(value("0,125"), ParsedNumber(value: 0.125, assumption: nil))
        XCTAssertEqual(value("12,5"), ParsedNumber(value: 12.5, assumption: nil))
        XCTAssertEqual(value("42"), ParsedNumber(value: 42, assumption: nil))
        XCTAssertEqual(value("1234567"), ParsedNumber(value: 1_234_567, assumption: nil))
    }

    func testParseSpacesAsThousands() {
        XCTAssertEqual(value("1 234,5"), ParsedNumber(value: 1234.5, assumption: nil))
        XCTAssertEqual(value("1\u{00A0}234\u{00A0}567,25"), ParsedNumber(value: 1_234_567.25, assumption: nil))
        XCTAssertEqual(value("1\u{202F}234"), ParsedNumber(value: 1234, assumption: nil))
        XCTAssertEqual(value("12 345 678"), ParsedNumber(value: 12_345_678, assumption: nil))
        XCTAssertEqual(value("  \u{00A0}42\u{00A0} "), ParsedNumber(value: 42, assumption: nil))
    }

    func testParseEnglishForm() {
        XCTAssertEqual(value("1,234,567.8"), ParsedNumber(value: 1_234_567.8, assumption: nil))
        XCTAssertEqual(value("1,234.5"), ParsedNumber(value: 1234.5, assumption: nil))
        XCTAssertEqual(value("1,234,567"), ParsedNumber(value: 1_234_567, assumption: nil))
        let english = value("1234.5")
        XCTAssertEqual(english?.value, 1234.5)
        XCTAssertNotNil(english?.assumption)
        XCTAssertTrue(english?.assumption?.contains("1.234,5") ?? false)
    }

    func testParseAmbiguousDotIsReadAsThousands() {
        let parsed = value("1.234")
        XCTAssertEqual(parsed?.value, 1234)
        XCTAssertEqual(
            parsed?.assumption,
            "“1.234” được hiểu là 1.234 (một nghìn hai trăm ba mươi tư) theo cách viết Việt Nam "
                + "(dấu chấm phân cách hàng nghìn); nếu là số thập phân, hãy viết 1,234")
        XCTAssertEqual(value("12.345")?.value, 12_345)
        XCTAssertEqual(value("999.000")?.value, 999_000)
        let negative = value("-1.234")
        XCTAssertEqual(negative?.value, -1234)
        XCTAssertTrue(negative?.assumption?.contains("âm một nghìn hai trăm ba mươi tư") ?? false)
        XCTAssertTrue(negative?.assumption?.contains("hãy viết -1,234") ?? false)
        XCTAssertTrue(value("1.234%")?.assumption?.hasPrefix("“1.234%”") ?? false)
    }

    func testParseSingleDotWithOtherDigitCountsIsADecimalPoint() {
        let parsed = value("12.5")
        XCTAssertEqual(parsed?.value, 12.5)
        XCTAssertEqual(
            parsed?.assumption,
            "“12.5” được hiểu là 12,5 (dấu chấm là dấu thập phân theo cách viết quốc tế); "
                + "theo cách viết Việt Nam, hãy viết 12,5")
        XCTAssertEqual(value("0.5")?.value, 0.5)
        XCTAssertEqual(value("3.14159")?.value, 3.14159)
        XCTAssertEqual(value("1234.567")?.value, 1234.567)  // the first group is too long for thousands
        XCTAssertEqual(value("0.123")?.value, 0.123)  // "0" cannot start a thousands group
        XCTAssertEqual(value(".5")?.value, 0.5)
        XCTAssertNotNil(value("0.123")?.assumption)
        XCTAssertEqual(value("-12.50")?.value, -12.5)
        XCTAssertTrue(value("-12.50")?.assumption?.contains("-12,50") ?? false)
    }

    func testParseLoneCommaIsDecimalAndSaysSoWhenAmbiguous() {
        let parsed = value("1,234")
        XCTAssertEqual(parsed?.value, 1.234)
        XCTAssertEqual(
            parsed?.assumption,
            "“1,234” được hiểu là số thập phân 1,234 theo cách viết Việt Nam (dấu phẩy trước phần thập phân); "
                + "nếu là một nghìn hai trăm ba mươi tư, hãy viết 1.234")
        XCTAssertNil(value("1,2345")?.assumption)
        XCTAssertNil(value("1234,567")?.assumption)
        XCTAssertEqual(value(",5"), ParsedNumber(value: 0.5, assumption: nil))
        XCTAssertEqual(value("-,5"), ParsedNumber(value: -0.5, assumption: nil))
    }

    func testParsePercentAndSigns() {
        XCTAssertEqual(value("75%"), ParsedNumber(value: 75, assumption: nil))
        XCTAssertEqual(value("0,21%"), ParsedNumber(value: 0.21, assumption: nil))
        XCTAssertEqual(value("0,21 %"), ParsedNumber(value: 0.21, assumption: nil))
        XCTAssertEqual(value("13,7％"), ParsedNumber(value: 13.7, assumption: nil))
        XCTAssertEqual(value("+5"), ParsedNumber(value: 5, assumption: nil))
        XCTAssertEqual(value("−5"), ParsedNumber(value: -5, assumption: nil))  // U+2212 minus sign
        XCTAssertEqual(value("- 5"), ParsedNumber(value: -5, assumption: nil))
        XCTAssertEqual(value("-0,5%"), ParsedNumber(value: -0.5, assumption: nil))
    }

    func testParseZeroIsNeverNegative() {
        for text in ["0", "-0", "-0,0", "0,000", "-0.000", "000"] {
            let parsed = value(text)
            XCTAssertEqual(parsed?.value, 0, text)
            XCTAssertEqual(parsed?.value.sign, .plus, text)
        }
        XCTAssertEqual(value("007")?.value, 7)
    }

    func testParseOtherDigitScriptsAndInvisibleCharacters() {
        XCTAssertEqual(value("１２３,５")?.value, 123.5)  // full-width
        XCTAssertEqual(value("١٢٣")?.value, 123)  // Arabic-Indic
        XCTAssertEqual(value("\u{FEFF}1.234,5\u{200B}")?.value, 1234.5)
    }

    func testParseVeryLargeNumbers() {
        let sixtyFour = String(repeating: "9", count: 64)
        XCTAssertEqual(value(sixtyFour)?.value, 1e64)
        XCTAssertEqual(value("1.000.000.000.000.000.000,5")?.value, 1e18)
    }

    // MARK: parse — rejected forms

    func testParseRejectsLettersWithAnActionableMessage() {
        XCTAssertEqual(error("12a")?.message, "“12a” không phải là số; hãy nhập số theo dạng 1.234,5")
        XCTAssertEqual(error("  12a ")?.message, "“12a” không phải là số; hãy nhập số theo dạng 1.234,5")
        for text in ["abc", "một trăm", "1e309", "1e5", "1.5e3", "inf", "nan", "NaN", "0x10", "12 chỉ tiêu"] {
            XCTAssertEqual(error(text)?.message.contains("không phải là số"), true, text)
        }
    }

    func testParseRejectsEmptyInput() {
        for text in ["", "   ", "\u{00A0}", "\u{200B}"] {
            XCTAssertEqual(error(text)?.message, "Chưa nhập số; hãy nhập số theo dạng 1.234,5", text)
        }
        for text in ["-", "+", "%", "-%", ".", ",", "..", ",,", " . "] {
            XCTAssertNotNil(error(text), text)
        }
    }

    func testParseRejectsBadGroups() {
        for text in [
            "1.23.4", "1.2345.678", "12.34.56", "1,2,3", "1 2345", "12 34,5", "1234.567.890", ".123.456",
            "1..234", "1.234..567", "1,,5", "1,234,56.7", "1.234,567.890",
        ] {
            let message = error(text)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("“\(text)”"), "\(text): \(message)")
            XCTAssertTrue(message.contains("1.234"), "\(text): the message shows the expected form")
        }
        XCTAssertTrue(error("1.23.4")?.message.contains("đúng 3 chữ số") ?? false)
    }

    func testParseRejectsMixedSeparators() {
        XCTAssertTrue(error("1.234,56,7")?.message.contains("dùng lẫn") ?? false)
        XCTAssertTrue(error("1,234.567.8")?.message.contains("dùng lẫn") ?? false)
        XCTAssertTrue(error("1 234.567.890")?.message.contains("dùng lẫn") ?? false)
        XCTAssertNotNil(error("1,5.3"))
    }

    func testParseRejectsMissingFraction() {
        XCTAssertTrue(error("5,")?.message.contains("thiếu chữ số sau dấu thập phân") ?? false)
        XCTAssertTrue(error("5.")?.message.contains("thiếu chữ số sau dấu thập phân") ?? false)
        XCTAssertNotNil(error("1,234 5"))
    }

    func testParseRejectsMisplacedSigns() {
        for text in ["--5", "5-", "+-5", "5+", "1-2", "5%%", "%5", "(5)", "5 %%"] {
            XCTAssertNotNil(error(text), text)
        }
    }

    func testParseRejectsWeirdUnicode() {
        for text in ["👍", "1\u{0301}", "\u{0000}1", "١٢a", "1\u{2028}\u{0007}", "Ⅻ", "½", "²"] {
            XCTAssertNotNil(error(text), text)
        }
    }

    func testParseRejectsVeryLongInputWithAShortMessage() {
        let long = String(repeating: "1", count: 100_000)
        let message = error(long)?.message ?? ""
        XCTAssertTrue(message.contains("quá dài"))
        XCTAssertLessThan(message.count, 150)
    }

    func testParseNeverCrashesOnRandomInput() {
        let alphabet: [Character] = [
            "0", "1", "2", "5", "9", ".", ",", " ", "\u{00A0}", "-", "+", "%", "e", "đ", "\u{0301}", "٣", "∞",
        ]
        var generator = SeededRandom(seed: 7)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 14)
            var text = ""
            for _ in 0..<length { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            switch VietnameseNumber.parse(text) {
            case .success(let parsed):
                XCTAssertTrue(parsed.value.isFinite, text)
                XCTAssertNotEqual(parsed.value.sign == .minus && parsed.value == 0, true, text)
            case .failure(let error):
                XCTAssertFalse(error.message.isEmpty, text)
            }
        }
    }

    func testFormattedValuesParseBackToTheRoundedValue() {
        var generator = SeededRandom(seed: 2025)
        for _ in 0..<2000 {
            let x = (Double(generator.next() % 20_000_000_001) - 10_000_000_000) / 100
            for decimals in 0...3 {
                let text = VietnameseNumber.format(x, decimals: decimals)
                guard case .success(let parsed) = VietnameseNumber.parse(text) else {
                    XCTFail("format output “\(text)” does not parse")
                    continue
                }
                XCTAssertEqual(parsed.value, VietnameseNumber.rounded(x, decimals: decimals), text)
            }
        }
    }

    func testErrorDescribesItselfWithTheMessage() {
        let error = NumberParseError(message: "“x” không phải là số")
        XCTAssertEqual(error.description, "“x” không phải là số")
        XCTAssertEqual(error.localizedDescription, "“x” không phải là số")
    }
}
