import Foundation

/// Vietnamese text handling: Unicode normalisation, diacritic-insensitive search and
/// Vietnamese collation (domain.md, "Vietnamese text").
///
/// Every name that enters the system goes through ``nfc(_:)`` so that a name typed with
/// combining marks (NFD, as macOS and some keyboards produce) equals the same name typed
/// precomposed. Search keys fold case, tones, letter modifiers and đ, so "ha noi" finds "Hà Nội".
public enum VietnameseText {

    // MARK: Normalisation

    /// The Unicode NFC form of `s` (canonical composition), the form every stored text uses.
    public static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
    }

    /// `s` in NFC with its whitespace (including no-break spaces, tabs and new lines) collapsed to
    /// single spaces and trimmed: the form for names typed into a form or read from a spreadsheet.
    public static func normalizedName(_ s: String) -> String {
        collapseWhitespace(nfc(s))
    }

    /// The key used for diacritic-insensitive search and matching: NFC, lower case, every
    /// combining mark removed (tones and the modifiers of ă â ê ô ơ ư), đ/Đ folded to d by hand
    /// (Unicode does not decompose đ; the look-alike Ð/ð, U+00D0/U+00F0, is folded too),
    /// invisible format characters (zero-width space, BOM, …) dropped, and whitespace collapsed
    /// to single spaces and trimmed.
    ///
    /// `searchKey("Phường  Phong Dinh") == "phuong phong dinh"`, `searchKey("Đắk Lắk") == "dak lak"`.
    public static func searchKey(_ s: String) -> String {
        let lowered = nfc(s).lowercased()
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                break
            }
            switch scalar.value {
            case 0x0111, 0x0110, 0x00F0, 0x00D0:  // đ Đ ð Ð
                scalars.append("d")
            default:
                scalars.append(scalar)
            }
        }
        return collapseWhitespace(String(scalars).precomposedStringWithCanonicalMapping)
    }

    /// Diacritic- and case-insensitive containment: whether `searchKey(text)` contains
    /// `searchKey(query)`. An empty (or blank) query matches every text, so clearing a search
    /// box shows everything.
    public static func matches(_ text: String, query: String) -> Bool {
        let q = searchKey(query)
        if q.isEmpty { return true }
        return searchKey(text).range(of: q) != nil
    }

    // MARK: Collation

    /// Whether `a` sorts before `b` in Vietnamese order: the keys of ``collationKey(_:)`` compared
    /// lexicographically. Strings that are canonically equivalent (NFC vs NFD) compare equal;
    /// any two other strings are strictly ordered, so this is a total order usable with `sorted(by:)`.
    public static func collationLess(_ a: String, _ b: String) -> Bool {
        collationKey(a).lexicographicallyPrecedes(collationKey(b))
    }

    /// Sorts `items` in Vietnamese order of the name `name` gives for each, computing every
    /// collation key once (faster than `sorted { collationLess(…) }` on long lists). Stable for
    /// items with equal names.
    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        let keyed = items.enumerated().map { (key: collationKey(name($0.element)), index: $0.offset, item: $0.element) }
        return keyed.sorted { lhs, rhs in
            if lhs.key == rhs.key { return lhs.index < rhs.index }
            return lhs.key.lexicographicallyPrecedes(rhs.key)
        }.map(\.item)
    }

    /// The Vietnamese sort key of `s`; ``collationLess(_:_:)`` compares these lexicographically.
    ///
    /// The key has four levels separated by `0`:
    /// 1. **Letters and digits** (case-insensitive): the Vietnamese alphabet
    ///    a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z where they fall
    ///    in the Latin order and other letters after z; whitespace runs count as one separator that
    ///    sorts before everything (so "Phú Xuân" < "Phúc"), then punctuation, then digits. A run of
    ///    digits is one number in natural order ("Phường 2" < "Phường 10").
    /// 2. **Tones**, one per word, ordered ngang < huyền < hỏi < ngã < sắc < nặng; reading the tone
    ///    per word makes the old and new tone placements ("Hòa"/"Hoà") equal at this level.
    /// 3. **Case**: lower case before upper case, letter by letter.
    /// 4. **The NFC string itself** (its scalar values), so different strings never tie.
    ///
    /// Control and format characters (zero-width space, BOM) are ignored except at level 4.
    public static func collationKey(_ s: String) -> [Int] {
        let text = nfc(s)
        var primary: [Int] = []
        var tones: [Int] = []
        var cases: [Int] = []

        // Per-word tone state: the tone of the current word, or nil when not inside a word.
        var wordTone: Int? = nil
        func endWord() {
            if let t = wordTone { tones.append(t) }
            wordTone = nil
        }

        let scalars = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            // Collect the combining marks that follow this base character.
            var j = i + 1
            var marks: [UInt32] = []
            while j < scalars.count, isCombining(scalars[j]) {
                marks.append(scalars[j].value)
                j += 1
            }

            if isCombining(scalar) {
                // A mark with no base (start of string): treat as a tone or ignore.
                if let t = toneRank(scalar.value) { wordTone = max(wordTone ?? 1, t) }
                i = j
                continue
            }

            let props = scalar.properties
            if props.isWhitespace {
                endWord()
                // Leading white space is ignored; runs count once; trailing is dropped below.
                if !primary.isEmpty, primary.last != whitespaceWeight { primary.append(whitespaceWeight) }
                i = j
                continue
            }
            switch props.generalCategory {
            case .control, .format:
                i = j
                continue
            default:
                break
            }

            if let digit = asciiDigit(scalar) {
                endWord()
                // A run of digits, read as one number.
                var digits: [Int] = [digit]
                var k = j
                while k < scalars.count, let d = asciiDigit(scalars[k]) {
                    digits.append(d)
                    k += 1
                    while k < scalars.count, isCombining(scalars[k]) { k += 1 }
                }
                let significant = Array(digits.drop(while: { $0 == 0 }))
                primary.append(numberLengthBase + min(significant.count, maxNumberLength))
                primary.append(contentsOf: significant.map { digitBase + $0 })
                i = k
                continue
            }

            if props.isAlphabetic {
                let upper = props.changesWhenLowercased
                // Lower-case the base; the mapping may itself carry marks (İ → i + dot).
                let lowered = Array(props.lowercaseMapping.decomposedStringWithCanonicalMapping.unicodeScalars)
                let base = lowered.first ?? scalar
                let allMarks = lowered.dropFirst().map(\.value) + marks
                if wordTone == nil { wordTone = 1 }
                var modifier: UInt32? = nil
                for m in allMarks {
                    if let t = toneRank(m) {
                        if wordTone == 1 { wordTone = t }
                    } else if modifier == nil {
                        modifier = m
                    }
                }
                primary.append(letterWeight(base: base.value, modifier: modifier))
                cases.append(upper ? 2 : 1)
                i = j
                continue
            }

            // Punctuation and symbols.
            endWord()
            primary.append(punctuationBase + Int(scalar.value))
            i = j
        }
        endWord()
        if primary.last == whitespaceWeight { primary.removeLast() }

        var key = primary
        key.append(0)
        key.append(contentsOf: tones)
        key.append(0)
        key.append(contentsOf: cases)
        key.append(0)
        key.append(contentsOf: text.unicodeScalars.map { Int($0.value) + 1 })
        return key
    }

    // MARK: Private helpers

    private static let whitespaceWeight = 1
    private static let punctuationBase = 1_000
    private static let numberLengthBase = 2_000_000
    private static let maxNumberLength = 499_999
    private static let digitBase = 2_500_000
    private static let latinLetterBase = 4_000_000
    private static let otherLetterBase = 5_000_000

    /// The Vietnamese alphabet with f, j, w, z inserted in Latin order; đ also stands for ð.
    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]

    private static let alphabetRank: [String: Int] = {
        var ranks: [String: Int] = [:]
        for (index, letter) in alphabet.enumerated() {
            ranks[letter.precomposedStringWithCanonicalMapping] = index + 1
        }
        ranks["ð"] = ranks["đ"]
        return ranks
    }()

    private static let breve: UInt32 = 0x0306
    private static let circumflex: UInt32 = 0x0302
    private static let horn: UInt32 = 0x031B

    /// The primary weight of a lower-case base letter with an optional first non-tone mark.
    private static func letterWeight(base: UInt32, modifier: UInt32?) -> Int {
        guard let baseScalar = Unicode.Scalar(base) else { return otherLetterBase }
        var letter = String(Character(baseScalar))
        if let m = modifier, let mark = Unicode.Scalar(m) {
            let isVietnameseModifier: Bool
            switch (letter, m) {
            case ("a", breve), ("a", circumflex), ("e", circumflex), ("o", circumflex),
                ("o", horn), ("u", horn):
                isVietnameseModifier = true
            default:
                isVietnameseModifier = false
            }
            if isVietnameseModifier {
                letter = (letter + String(Character(mark))).precomposedStringWithCanonicalMapping
            }
        }
        if let rank = alphabetRank[letter] { return latinLetterBase + rank }
        return otherLetterBase + Int(base)
    }

    /// The rank of a tone mark: huyền 2, hỏi 3, ngã 4, sắc 5, nặng 6 (ngang, no mark, is 1).
    private static func toneRank(_ mark: UInt32) -> Int? {
        switch mark {
        case 0x0300, 0x0340: return 2  // grave: huyền
        case 0x0309: return 3  // hook above: hỏi
        case 0x0303: return 4  // tilde: ngã
        case 0x0301, 0x0341: return 5  // acute: sắc
        case 0x0323: return 6  // dot below: nặng
        default: return nil
        }
    }

    private static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
        (48...57).contains(scalar.value) ? Int(scalar.value) - 48 : nil
    }

    /// Collapses every run of whitespace (any Unicode white space) to one space and trims.
    static func collapseWhitespace(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
