import XCTest

@testable import TiendoCore

final class VietnameseTextTests: XCTestCase {

    // MARK: nfc

    func testNFCComposesDecomposedInput() {
        let nfd = "Phu\u{031B}o\u{031B}\u{0300}ng"  // "Phường" typed with combining marks
        XCTAssertNotEqual(Array(nfd.unicodeScalars), Array("Phường".unicodeScalars))
        let composed = VietnameseText.nfc(nfd)
        XCTAssertEqual(
            Array(composed.unicodeScalars), Array("Phường".precomposedStringWithCanonicalMapping.unicodeScalars))
        XCTAssertEqual(composed.unicodeScalars.count, 6)
    }

    func testNFCOfEmptyAndPlainText() {
        XCTAssertEqual(VietnameseText.nfc(""), "")
        XCTAssertEqual(VietnameseText.nfc("An Cuu 123"), "An Cuu 123")
    }

    func testNormalizedNameCollapsesWhitespace() {
        XCTAssertEqual(VietnameseText.normalizedName("  Phường\u{00A0}\u{00A0}An   Cựu\t\n"), "Phường An Cựu")
        XCTAssertEqual(VietnameseText.normalizedName(" \u{00A0} "), "")
    }

    // MARK: searchKey

    func testSearchKeyExamplesFromTheBrief() {
        XCTAssertEqual(VietnameseText.searchKey("Phường Phong Dinh"), "phuong phong dinh")
        XCTAssertEqual(VietnameseText.searchKey("Đắk Lắk"), "dak lak")
    }

    func testSearchKeyRemovesEveryToneAndModifier() {
        XCTAssertEqual(VietnameseText.searchKey("àảãáạ ằẳẵắặ ầẩẫấậ èẻẽéẹ ềểễếệ"), "aaaaa aaaaa aaaaa eeeee eeeee")
        XCTAssertEqual(
            VietnameseText.searchKey("ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ"),
            "iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy")
        XCTAssertEqual(VietnameseText.searchKey("ĂÂÊÔƠƯĐ ăâêôơưđ"), "aaeooud aaeooud")
    }

    func testSearchKeyFoldsDStrokeByHand() {
        XCTAssertEqual(VietnameseText.searchKey("Đông Hà"), "dong ha")
        XCTAssertEqual(VietnameseText.searchKey("đường"), "duong")
        // Ð (U+00D0, Icelandic eth) looks like Đ and is sometimes typed for it.
        XCTAssertEqual(VietnameseText.searchKey("\u{00D0}ông \u{00F0}a"), "dong da")
    }

    func testSearchKeyOfDecomposedInputEqualsComposed() {
        let nfd = "Đa\u{0306}\u{0301}k La\u{0306}\u{0301}k"
        XCTAssertEqual(VietnameseText.searchKey(nfd), "dak lak")
        XCTAssertEqual(VietnameseText.searchKey(nfd), VietnameseText.searchKey("Đắk Lắk"))
    }

    func testSearchKeyCollapsesAndTrimsWhitespace() {
        XCTAssertEqual(VietnameseText.searchKey("  Thành\u{00A0}phố \t Huế \n"), "thanh pho hue")
        XCTAssertEqual(VietnameseText.searchKey(""), "")
        XCTAssertEqual(VietnameseText.searchKey("   "), "")
    }

    func testSearchKeyDropsInvisibleFormatCharacters() {
        XCTAssertEqual(VietnameseText.searchKey("\u{FEFF}Hà\u{200B} Nội"), "ha noi")
    }

    func testSearchKeyKeepsDigitsAndPunctuation() {
        XCTAssertEqual(VietnameseText.searchKey("Phường 2 (cũ)"), "phuong 2 (cu)")
        XCTAssertEqual(VietnameseText.searchKey("Tổ dân phố 10-A"), "to dan pho 10-a")
    }

    func testSearchKeyOfOtherScriptsDoesNotCrash() {
        XCTAssertEqual(VietnameseText.searchKey("Ça Ñ"), "ca n")
        XCTAssertEqual(VietnameseText.searchKey("한국"), "한국")
        XCTAssertTrue(VietnameseText.searchKey("👩‍👩‍👧  x").hasSuffix("👧 x"))
        XCTAssertEqual(VietnameseText.searchKey("\u{0301}"), "")
    }

    // MARK: matches

    func testMatchesIsDiacriticAndCaseInsensitive() {
        XCTAssertTrue(VietnameseText.matches("Hà Nội", query: "ha noi"))
        XCTAssertTrue(VietnameseText.matches("Thành phố Hà Nội", query: "HÀ NỘI"))
        XCTAssertTrue(VietnameseText.matches("Phường Đông Hà", query: "dong"))
        XCTAssertTrue(VietnameseText.matches("Đắk Lắk", query: "Dak  lak"))
        XCTAssertTrue(VietnameseText.matches("Hòa Bình", query: "hoà"))
        XCTAssertFalse(VietnameseText.matches("Hà Nội", query: "hue"))
        XCTAssertFalse(VietnameseText.matches("Hà", query: "hà nội"))
    }

    func testMatchesWithEmptyQueryMatchesEverything() {
        XCTAssertTrue(VietnameseText.matches("Hà Nội", query: ""))
        XCTAssertTrue(VietnameseText.matches("", query: "  "))
        XCTAssertFalse(VietnameseText.matches("", query: "a"))
    }

    func testMatchesDecomposedQuery() {
        XCTAssertTrue(VietnameseText.matches("Phường Phong Điền", query: "Phong Đie\u{0302}\u{0300}n"))
    }

    // MARK: Collation

    private func sortedNames(_ names: [String]) -> [String] {
        names.sorted(by: VietnameseText.collationLess)
    }

    func testSortsRealCommuneNames() {
        let names = ["Đông Hà", "Dương Nỗ", "An Cựu", "Ân Thi", "Hương Thủy", "Hương An", "Phú Xuân"]
        let expected = ["An Cựu", "Ân Thi", "Dương Nỗ", "Đông Hà", "Hương An", "Hương Thủy", "Phú Xuân"]
        XCTAssertEqual(sortedNames(names), expected)
        XCTAssertEqual(sortedNames(names.reversed()), expected)
        XCTAssertEqual(VietnameseText.sorted(names, by: { $0 }), expected)
    }

    func testDBeforeDStroke() {
        XCTAssertTrue(VietnameseText.collationLess("Dương", "Đà Nẵng"))
        XCTAssertFalse(VietnameseText.collationLess("Đà Nẵng", "Dương"))
        XCTAssertTrue(VietnameseText.collationLess("Dzũng", "Đa"))
    }

    func testAlphabetOrderOfModifiedVowels() {
        let letters = [
            "y", "x", "v", "ư", "u", "t", "s", "r", "q", "p", "ơ", "ô", "o", "n", "m", "l", "k", "i", "h",
            "g", "ê", "e", "đ", "d", "c", "b", "â", "ă", "a",
        ]
        XCTAssertEqual(sortedNames(letters), Array(letters.reversed()))
        XCTAssertTrue(VietnameseText.collationLess("An Cựu", "Ân"))
        XCTAssertTrue(VietnameseText.collationLess("Anh", "Ăn"))
        XCTAssertTrue(VietnameseText.collationLess("Ăn", "Ân"))
        XCTAssertTrue(VietnameseText.collationLess("Ơn", "Phú"))
        XCTAssertTrue(VietnameseText.collationLess("Ôn", "Ơn"))
        XCTAssertTrue(VietnameseText.collationLess("Uông", "Ưng"))
        XCTAssertTrue(VietnameseText.collationLess("Ưng", "Vân"))
    }

    func testForeignLettersFallInLatinOrder() {
        XCTAssertEqual(
            sortedNames(["z", "y", "x", "w", "v", "k", "j", "i", "g", "f", "ê", "e"]),
            ["e", "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"])
        // Letters outside the Latin alphabet come after z.
        XCTAssertTrue(VietnameseText.collationLess("zz", "α"))
    }

    func testTonesAreASecondaryDifference() {
        let tones = ["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]
        XCTAssertEqual(sortedNames(tones), ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"])
        // A letter difference wins over any tone difference.
        XCTAssertTrue(VietnameseText.collationLess("Hà", "Hải"))
        XCTAssertTrue(VietnameseText.collationLess("Hạ", "Hai"))
        XCTAssertTrue(VietnameseText.collationLess("Ha Nam", "Hà Nội"))
        XCTAssertTrue(VietnameseText.collationLess("Hà Nam", "Ha Nội"))
        // Tones are compared word by word after all letters.
        XCTAssertTrue(VietnameseText.collationLess("Ha Nôi", "Ha Nội"))
        XCTAssertTrue(VietnameseText.collationLess("Ha Nội", "Hà Nôi"))
        XCTAssertTrue(VietnameseText.collationLess("Hà Nội", "Há Nôi"))
        // ô is a letter of its own, so it outranks any tone.
        XCTAssertTrue(VietnameseText.collationLess("Hạ Nọi", "Ha Nôi"))
    }

    func testOldAndNewTonePlacementAreEqualBeforeTheRawTieBreak() {
        let old = VietnameseText.collationKey("Hòa")
        let new = VietnameseText.collationKey("Hoà")
        XCTAssertNotEqual(old, new)
        // Both sort between "Hoa" and "Hóa" and between "Hoa" and "Hỏa".
        for name in ["Hòa", "Hoà"] {
            XCTAssertTrue(VietnameseText.collationLess("Hoa", name))
            XCTAssertTrue(VietnameseText.collationLess(name, "Hỏa"))
            XCTAssertTrue(VietnameseText.collationLess(name, "Hoả"))
        }
        // They are still strictly ordered, one way only.
        XCTAssertNotEqual(VietnameseText.collationLess("Hòa", "Hoà"), VietnameseText.collationLess("Hoà", "Hòa"))
    }

    func testCaseIsOnlyATertiaryDifference() {
        XCTAssertTrue(VietnameseText.collationLess("an", "An"))
        XCTAssertFalse(VietnameseText.collationLess("An", "an"))
        XCTAssertTrue(VietnameseText.collationLess("AN", "ăn"))
        XCTAssertTrue(VietnameseText.collationLess("an thi", "An Thị"))
        XCTAssertTrue(VietnameseText.collationLess("ĐÔNG", "đông hà"))
    }

    func testWordsSortBeforeLongerWords() {
        XCTAssertEqual(sortedNames(["Phúc", "Phú Xuân", "Phú"]), ["Phú", "Phú Xuân", "Phúc"])
        XCTAssertTrue(VietnameseText.collationLess("Hương An", "Hương Thủy"))
        XCTAssertTrue(VietnameseText.collationLess("", "a"))
        XCTAssertFalse(VietnameseText.collationLess("", ""))
    }

    func testDigitsSortBeforeLettersInNaturalOrder() {
        let names = ["Phường 10", "Phường An Hòa", "Phường 2", "Phường 1", "Phường 02"]
        XCTAssertEqual(sortedNames(names), ["Phường 1", "Phường 02", "Phường 2", "Phường 10", "Phường An Hòa"])
        XCTAssertTrue(VietnameseText.collationLess("9", "10"))
        XCTAssertTrue(VietnameseText.collationLess("Tổ 99", "Tổ 100"))
        XCTAssertTrue(VietnameseText.collationLess("123", "a"))
    }

    func testLongNumericRunsDoNotCrash() {
        let long = String(repeating: "9", count: 10_000)
        XCTAssertTrue(VietnameseText.collationLess(long, "1" + long))
        XCTAssertFalse(VietnameseText.collationLess("1" + long, long))
    }

    func testDecomposedAndComposedCompareEqual() {
        let nfd = "Ngu\u{031B}o\u{031B}\u{0300}i Đông Hà"
        let nfc = "Người Đông Hà"
        XCTAssertEqual(VietnameseText.collationKey(nfd), VietnameseText.collationKey(nfc))
        XCTAssertFalse(VietnameseText.collationLess(nfd, nfc))
        XCTAssertFalse(VietnameseText.collationLess(nfc, nfd))
    }

    func testWhitespaceVariantsOnlyDifferAtTheLastLevel() {
        // Leading and trailing white space is ignored except in the final tie-break.
        XCTAssertTrue(VietnameseText.collationLess("An", "  Zeta"))
        XCTAssertTrue(VietnameseText.collationLess("  An ", "Bo"))
        XCTAssertTrue(VietnameseText.collationLess("Hương  An", "Hương Anh"))
        XCTAssertTrue(VietnameseText.collationLess("Hương\u{00A0}An", "Hương Thủy"))
    }

    func testCollationIsATotalOrder() {
        let names = [
            "Hòa", "Hoà", "hòa", "Hoa", "HOA", "Hóa", "Hỏa", "Hoa ", "Hoa-Bình", "Hoa Bình", "Hòa Bình", "Hoà Bình",
            "Đông", "Dông", "dong", "Đồng", "Phường 2", "Phường 02", "", " ", "1", "01", "Ð", "Đ", "#", "-",
        ]
        for a in names {
            XCTAssertFalse(VietnameseText.collationLess(a, a), "irreflexive: \(a)")
            for b in names {
                let ab = VietnameseText.collationLess(a, b)
                let ba = VietnameseText.collationLess(b, a)
                XCTAssertFalse(ab && ba, "asymmetric: \(a) / \(b)")
                if a.unicodeScalars.elementsEqual(b.unicodeScalars) == false {
                    XCTAssertTrue(ab || ba, "total: \(a) / \(b)")
                }
                for c in names where ab && VietnameseText.collationLess(b, c) {
                    XCTAssertTrue(VietnameseText.collationLess(a, c), "transitive: \(a) < \(b) < \(c)")
                }
            }
        }
    }

    func testPunctuationSortsBeforeDigitsAndLetters() {
        XCTAssertTrue(VietnameseText.collationLess("Hoa Bình", "Hoa-Bình"))
        XCTAssertTrue(VietnameseText.collationLess("Hoa-Bình", "Hoa1"))
        XCTAssertTrue(VietnameseText.collationLess("(a)", "1"))
    }

    func testSortedHelperKeepsEqualNamesStable() {
        struct Item: Equatable {
            let name: String
            let id: Int
        }
        let items = [Item(name: "Hương Thủy", id: 1), Item(name: "An Cựu", id: 2), Item(name: "An Cựu", id: 3)]
        XCTAssertEqual(VietnameseText.sorted(items, by: \.name).map(\.id), [2, 3, 1])
        XCTAssertEqual(VietnameseText.sorted([Item](), by: \.name), [])
    }

    func testCollationKeyOfWeirdInputDoesNotCrash() {
        for s in [
            "\u{0301}\u{0300}", "\u{0000}", "\u{FEFF}", "a\u{0323}\u{0302}\u{0309}", "İstanbul", "ß", "ǅ", "👍🏽",
            "\u{10FFFF}",
        ] {
            _ = VietnameseText.collationKey(s)
            _ = VietnameseText.searchKey(s)
        }
        XCTAssertTrue(VietnameseText.collationLess("istanbul", "İstanbul"))
    }
}
