import Foundation

/// Estimates how wide a line of Times New Roman is, from the advance widths of its metric twin
/// Liberation Serif (units of 1/2048 em). Used to draw the rules under header lines as long as
/// the text above them, as the official formats ask, and to size header columns.
enum TextWidth {
    /// The width in twips of `text` set at `size` points.
    static func twips(_ text: String, size: Double, bold: Bool) -> Int {
        let table = bold ? boldWidths : regularWidths
        var units = 0
        for character in text {
            units += width(of: character, in: table)
        }
        return Int((Double(units) / 2048 * size * 20).rounded(.up))
    }

    private static func width(of character: Character, in table: [Character: Int]) -> Int {
        if let known = table[character] { return known }
        // A Vietnamese letter is as wide as its base letter (ư and ơ slightly wider).
        let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        let base = scalars.first.map(Character.init)
        let horn = scalars.contains("\u{031B}")
        switch character {
        case "Đ": return table["D"] ?? 1479
        case "đ": return table["d"] ?? 1024
        default: break
        }
        if let base, let known = table[base] { return known + (horn ? 80 : 0) }
        return 1024
    }

    private static let regularWidths: [Character: Int] = [
        "a": 909, "b": 1024, "c": 909, "d": 1024, "e": 909, "f": 682, "g": 1024, "h": 1024, "i": 569, "j": 569,
        "k": 1024, "l": 569, "m": 1593, "n": 1024, "o": 1024, "p": 1024, "q": 1024, "r": 682, "s": 797, "t": 569,
        "u": 1024, "v": 1024, "w": 1479, "x": 1024, "y": 1024, "z": 909, "A": 1479, "B": 1366, "C": 1366, "D": 1479,
        "E": 1251, "F": 1139, "G": 1479, "H": 1479, "I": 682, "J": 797, "K": 1479, "L": 1251, "M": 1821, "N": 1479,
        "O": 1479, "P": 1139, "Q": 1479, "R": 1366, "S": 1139, "T": 1251, "U": 1479, "V": 1479, "W": 1933, "X": 1479,
        "Y": 1479, "Z": 1251, "0": 1024, "1": 1024, "2": 1024, "3": 1024, "4": 1024, "5": 1024, "6": 1024, "7": 1024,
        "8": 1024, "9": 1024, " ": 512, "-": 682, "*": 1024, ".": 512, ",": 512, ":": 569, "/": 569, "(": 682, ")": 682,
        "%": 1706, "–": 1024,
    ]

    private static let boldWidths: [Character: Int] = [
        "a": 1024, "b": 1139, "c": 909, "d": 1139, "e": 909, "f": 682, "g": 1024, "h": 1139, "i": 569, "j": 682,
        "k": 1139, "l": 569, "m": 1706, "n": 1139, "o": 1024, "p": 1139, "q": 1139, "r": 909, "s": 797, "t": 682,
        "u": 1139, "v": 1024, "w": 1479, "x": 1024, "y": 1024, "z": 909, "A": 1479, "B": 1366, "C": 1479, "D": 1479,
        "E": 1366, "F": 1251, "G": 1593, "H": 1593, "I": 797, "J": 1024, "K": 1593, "L": 1366, "M": 1933, "N": 1479,
        "O": 1593, "P": 1251, "Q": 1593, "R": 1479, "S": 1139, "T": 1366, "U": 1479, "V": 1479, "W": 2048, "X": 1479,
        "Y": 1479, "Z": 1366, "0": 1024, "1": 1024, "2": 1024, "3": 1024, "4": 1024, "5": 1024, "6": 1024, "7": 1024,
        "8": 1024, "9": 1024, " ": 512, "-": 682, "*": 1024, ".": 512, ",": 512, ":": 682, "/": 569, "(": 682, ")": 682,
        "%": 2048, "–": 1024,
    ]
}
