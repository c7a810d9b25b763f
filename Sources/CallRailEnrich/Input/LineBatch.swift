/// Consecutive lines of one input, stored back to back so that batches can be processed in parallel.
///
/// Line terminators are not stored: a complete line loses its LF and, when one directly precedes
/// the LF, one CR. Bytes are kept exactly as decoded, including invalid UTF-8.
public struct LineBatch: Sendable {
    /// The bytes of all lines, back to back, without terminators.
    public var storage: [UInt8]

    /// One record per line, in input order.
    public var records: [LineRecord]

    /// Creates a batch from stored bytes and the records that point into them.
    public init(storage: [UInt8] = [], records: [LineRecord] = []) {
        self.storage = storage
        self.records = records
    }

    /// Returns the stored bytes of one of this batch's lines, which are only a prefix for an oversized line.
    public func bytes(of record: LineRecord) -> ArraySlice<UInt8> {
        storage[record.offset..<record.offset + record.length]
    }
}
