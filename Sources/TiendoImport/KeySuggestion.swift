import Foundation
import TiendoCore

/// Normal forms for comparing what a clerk typed with the words a format expects: case, Vietnamese
/// diacritics, spaces, hyphens and underscores do not matter ("Nội dung" = "noi_dung",
/// "Hàng năm" = "hằng năm" = "hang_nam").
enum ImportText {
    /// `noi_dung` form: diacritic-free, lower case, words joined by `_`.
    static func keyForm(_ text: String) -> String {
        words(text).joined(separator: "_")
    }

    /// `noi dung` form: diacritic-free, lower case, words joined by a space.
    static func wordForm(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    private static func words(_ text: String) -> [String] {
        let folded = VietnameseText.searchKey(text)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// Finds the expected word a typo was meant to be, for "có phải là “noi_dung”?" hints.
enum KeySuggestion {
    /// The candidate closest to `typed` when it is close enough to be a typo, else nil.
    static func closest(to typed: String, among candidates: [String]) -> String? {
        let key = ImportText.keyForm(typed)
        guard !key.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = ImportText.keyForm(candidate)
            let distance = editDistance(Array(key), Array(other))
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // One slip per four letters, at least one and at most three, is a typo; more is a
        // different word and suggesting it would mislead.
        let allowed = min(3, max(1, min(key.count, ImportText.keyForm(best.candidate).count) / 4))
        return best.distance <= allowed ? best.candidate : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring letters each count 1 (a swap is the commonest typing slip).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
