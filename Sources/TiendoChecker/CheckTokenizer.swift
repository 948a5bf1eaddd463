import Foundation
import TiendoCore

/// A word, number, punctuation mark or footnote reference of an audited block.
struct CheckToken: Sendable {
    enum Kind: Sendable, Equatable {
        case word
        case number
        case punct
        case footnoteRef
    }

    var kind: Kind
    /// As written.
    var text: String
    /// Words: lower case, NFC, old-style tone placement normalised ("uỷ" → "ủy"); others: the text.
    var key: String
    /// Character offsets in the block text.
    var start: Int
    var end: Int
    /// Whether white space precedes the token.
    var spaceBefore: Bool
    /// The sentence the token belongs to, from 0.
    var sentence = 0
    /// A number written the Vietnamese way ("7.943", "13,7", "243"): its value; nil otherwise
    /// ("4.0", "1.1", "12.5" are not read as figures).
    var value: Double?
    /// Decimals written after the comma.
    var decimals = 0
    /// Whether the number is written with thousands dots.
    var hasThousandsDots = false
    /// A footnote reference's number.
    var footnote: Int?

    func isWord(_ w: String) -> Bool { kind == .word && key == w }
    func isPunct(_ p: String) -> Bool { kind == .punct && text == p }
    var isDash: Bool { kind == .punct && (text == "-" || text == "–" || text == "—") }
}

/// Splits a block's text into tokens and sentences.
enum CheckTokenizer {
    static func tokens(_ text: String) -> [CheckToken] {
        let chars = Array(text)
        var tokens: [CheckToken] = []
        var i = 0
        var space = true
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                space = true
                i += 1
                continue
            }
            if c == "[", let (n, length) = footnoteRef(chars, at: i) {
                tokens.append(
                    CheckToken(
                        kind: .footnoteRef, text: String(chars[i..<(i + length)]), key: "[\(n)]", start: i,
                        end: i + length, spaceBefore: space, footnote: n))
                i += length
                space = false
                continue
            }
            if c.isLetter {
                var j = i
                while j < chars.count, chars[j].isLetter { j += 1 }
                let word = String(chars[i..<j])
                tokens.append(
                    CheckToken(kind: .word, text: word, key: wordKey(word), start: i, end: j, spaceBefore: space))
                i = j
                space = false
                continue
            }
            if isDigit(c) {
                var j = i
                while j < chars.count {
                    if isDigit(chars[j]) {
                        j += 1
                    } else if chars[j] == "." || chars[j] == ",", j + 1 < chars.count, isDigit(chars[j + 1]) {
                        j += 1
                    } else {
                        break
                    }
                }
                let raw = String(chars[i..<j])
                var token = CheckToken(kind: .number, text: raw, key: raw, start: i, end: j, spaceBefore: space)
                if let (value, decimals, dots) = vietnameseNumber(raw) {
                    token.value = value
                    token.decimals = decimals
                    token.hasThousandsDots = dots
                }
                tokens.append(token)
                i = j
                space = false
                continue
            }
            tokens.append(
                CheckToken(kind: .punct, text: String(c), key: String(c), start: i, end: i + 1, spaceBefore: space))
            i += 1
            space = false
        }
        assignSentences(&tokens)
        return tokens
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// "[12]" at `i`: (12, 4).
    private static func footnoteRef(_ chars: [Character], at i: Int) -> (Int, Int)? {
        var j = i + 1
        var digits = ""
        while j < chars.count, isDigit(chars[j]), digits.count < 3 {
            digits.append(chars[j])
            j += 1
        }
        guard !digits.isEmpty, j < chars.count, chars[j] == "]", let n = Int(digits), n > 0 else { return nil }
        return (n, j + 1 - i)
    }

    /// A number in the Vietnamese form: digits with optional thousands dots (groups of three) and
    /// an optional decimal comma. "7.943" → 7943, "13,7" → 13.7, "0,21" → 0.21; "4.0", "12.5",
    /// "1,234,5" → nil.
    static func vietnameseNumber(_ raw: String) -> (Double, Int, Bool)? {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerPart = parts.first, !integerPart.isEmpty else { return nil }
        let groups = integerPart.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        let digits = groups.joined()
        var decimals = 0
        var text = digits
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(isDigit) else { return nil }
            decimals = parts[1].count
            text += "." + parts[1]
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return (value, decimals, groups.count > 1)
    }

    /// Abbreviations after which a full stop does not end a sentence.
    private static let abbreviations: Set<String> = [
        "tp", "tt", "ths", "ts", "pgs", "gs", "bs", "th", "q", "p", "tx", "ks", "cn", "đ", "tr",
    ]

    /// A sentence ends at ".", "!", "?" or "…" followed by white space and a capital letter, a digit,
    /// a bullet or the end of the block; footnote references right after the mark stay with it.
    private static func assignSentences(_ tokens: inout [CheckToken]) {
        var sentence = 0
        var i = 0
        while i < tokens.count {
            tokens[i].sentence = sentence
            let t = tokens[i]
            if t.kind == .punct, ".!?…".contains(t.text) {
                // "TP. Huế", and the "." of a list marker ("1. …", "a. …", "II. …").
                let isAbbreviation =
                    i > 0 && tokens[i - 1].kind == .word && abbreviations.contains(tokens[i - 1].key)
                let isMarker = i == 1 && tokens[0].text.count <= 4 && tokens[0].kind != .punct
                if t.text == ".", !t.spaceBefore, isAbbreviation || isMarker {
                    i += 1
                    continue
                }
                // Keep runs of marks ("...", "?!") and footnote references attached to the sentence.
                var j = i + 1
                while j < tokens.count, !tokens[j].spaceBefore,
                    tokens[j].kind == .footnoteRef || (tokens[j].kind == .punct && ".!?…)\"”".contains(tokens[j].text))
                {
                    tokens[j].sentence = sentence
                    j += 1
                }
                if j >= tokens.count {
                    i = j
                    continue
                }
                let next = tokens[j]
                let startsSentence =
                    next.spaceBefore
                    && (next.kind == .number || next.kind == .footnoteRef
                        || (next.kind == .word && (next.text.first?.isUppercase ?? false))
                        || (next.kind == .punct && "-–•+“\"(".contains(next.text)))
                if startsSentence { sentence += 1 }
                i = j
                continue
            }
            i += 1
        }
    }

    /// Old-style tone placement at the end of a syllable ("hoà", "uỷ") written the new way ("hòa",
    /// "ủy"), so both spellings of a word match.
    private static let tonePlacement: [String: String] = [
        "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
        "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
        "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
    ]

    /// The key a word is compared by: lower case NFC, tone placement normalised.
    static func wordKey(_ word: String) -> String {
        let lower = VietnameseText.nfc(word).lowercased()
        guard lower.count >= 2 else { return lower }
        let tail = String(lower.suffix(2))
        guard let replacement = tonePlacement[tail] else { return lower }
        let head = lower.dropLast(2)
        // "quý", "quỳ": the u belongs to "qu" and the tone is already on the last vowel.
        if head.last == "q" { return lower }
        return head + replacement
    }
}
