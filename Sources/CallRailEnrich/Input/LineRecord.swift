/// The position of one line in a `LineBatch`'s storage, with its line number and kind.
public struct LineRecord: Equatable, Sendable {
    /// The index of the line's first byte in `LineBatch.storage`.
    public var offset: Int

    /// The number of the line's bytes kept in storage; less than the line's length when it is oversized.
    public var length: Int

    /// The 1-based line number within the input file, counting blank and oversized lines.
    public var number: Int

    /// Whether the line ended normally, ended the input without an LF, or was too long.
    public var kind: LineKind

    /// Creates a record for the stored bytes `offset..<offset + length`.
    public init(offset: Int, length: Int, number: Int, kind: LineKind) {
        self.offset = offset
        self.length = length
        self.number = number
        self.kind = kind
    }
}
