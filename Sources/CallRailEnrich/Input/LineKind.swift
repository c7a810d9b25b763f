/// The way a line ended, or the sign that it was too long to keep whole.
public enum LineKind: Equatable, Sendable {
    /// A line ended by LF.
    case complete

    /// The last bytes of the input, with no LF after them.
    ///
    /// A trailing CR is kept here, because only the CR directly before an LF is a terminator.
    case unterminated

    /// A line longer than the maximum line length, of which storage keeps only a prefix.
    ///
    /// `length` is the line's true length in bytes without its terminator. An over-long line at
    /// the end of the input without an LF is also reported with this kind.
    case oversized(length: Int)
}
