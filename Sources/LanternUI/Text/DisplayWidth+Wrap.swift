extension DisplayWidth {
    /// Returns `text` broken into lines of at most `width` cells.
    ///
    /// Latin words move whole to the next line and are broken between characters only when one
    /// is wider than a line. Japanese has no spaces between words, so a word containing a wide
    /// character is broken between any two characters, filling each line. A closing mark such
    /// as "、" or "」" never starts a line: the character before it moves down with it, as
    /// Japanese line breaking (kinsoku) requires. A wide character never straddles two lines,
    /// and a character wider than `width` is dropped. Spaces between words are kept as they are,
    /// except at the start and end of a line.
    ///
    /// - Complexity: O(n) in the number of scalars.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [[Cluster]] = []
        var current: [Cluster] = []
        var used = 0

        func breakLine() {
            while current.last?.text == " " { current.removeLast() }
            lines.append(current)
            current = []
            used = 0
        }

        // Empty words keep runs of spaces inside a line, such as the two between port entries.
        // At the start of a line they add nothing, and spaces at its end are trimmed.
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let pieces = clusters(of: String(word)).filter { $0.width <= width }
            let wordWidth = pieces.reduce(0) { $0 + $1.width }
            let gap = used > 0 ? 1 : 0
            if used + gap + wordWidth <= width {
                if gap > 0 { current.append(Cluster(text: " ", width: 1)) }
                current += pieces
                used += gap + wordWidth
                continue
            }
            let breaksAnywhere = pieces.contains { $0.width == 2 }
            if used > 0 && (!breaksAnywhere || used + 1 >= width) {
                breakLine()
            } else if used > 0 {
                current.append(Cluster(text: " ", width: 1))
                used += 1
            }
            for piece in pieces {
                if used + piece.width > width {
                    let carried = carriedToNextLine(before: piece, from: &current)
                    breakLine()
                    current = carried
                    used = carried.reduce(0) { $0 + $1.width }
                }
                current.append(piece)
                used += piece.width
            }
        }
        while current.last?.text == " " { current.removeLast() }
        if !current.isEmpty { lines.append(current) }
        return lines.map { line in line.map(\.text).joined() }
    }

    /// Characters that may not start a line in Japanese text (closing brackets, commas, full
    /// stops, the long vowel mark and small kana), plus their ASCII counterparts.
    static let lineStartProhibited: Set<Character> = [
        "、", "。", "，", "．", "・", "：", "；", "？", "！", "）", "」", "』", "】", "〕", "〉", "》", "］", "｝",
        "ー", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ",
        ",", ".", ":", ";", "?", "!", ")", "]", "}",
    ]

    /// Removes and returns the last character of `line` when `next` may not start a line, so
    /// the two move down together. Returns nothing when moving it would empty the line.
    private static func carriedToNextLine(before next: Cluster, from line: inout [Cluster]) -> [Cluster] {
        guard let first = next.text.first, lineStartProhibited.contains(first), line.count > 1,
              let last = line.last, last.text != " " else { return [] }
        line.removeLast()
        return [last]
    }
}
