/// Bounds that keep one hostile message from taking unbounded memory, time or stack.
public struct MailLimits: Sendable, Equatable {
    /// Messages larger than this are reported and skipped. 64 MiB is above the 25–50 MB that
    /// common mail services accept, so a real message is never cut by it.
    public var maxMessageBytes = 64 << 20
    /// Header blocks larger than this are reported and skipped; real headers stay far below
    /// 1 MiB even with long Received chains.
    public var maxHeaderBytes = 1 << 20
    /// MIME parts nested deeper than this are ignored with a note. GMime has its own, deeper
    /// guard, which it reports as a parser warning.
    public var maxNestingDepth = 100
    /// Decoded bytes read from one text part; the rest is cut with a note.
    public var maxTextBytesPerPart = 4 << 20
    /// Characters of the subject kept.
    public var maxSubjectCharacters = 1_000

    public init() {}
}
