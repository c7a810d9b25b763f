/// Frames an `InputFile` into `LineBatch`es of roughly `batchBytes` bytes of line storage each.
///
/// Lines end with LF, and one CR directly before the LF is removed as well. A line left empty
/// after that is a blank line and is still delivered. The bytes after the last LF form an
/// `.unterminated` line. A line longer than `maxLineLength` bytes (without its terminator) is
/// delivered as `.oversized`, with its true length and only its first `oversizedPrefixLength`
/// bytes. Bytes are never decoded as text, so invalid UTF-8 passes through unchanged.
///
/// A batch ends at the first line end after its storage reaches `batchBytes` bytes or after it
/// contains `batchBytes / 16` records (at least one), which bounds the record array when lines are
/// short or blank. A batch's storage never holds more than `batchBytes + maxLineLength` bytes, and
/// the reader keeps one decoded chunk of `readSize` bytes, so memory stays bounded whatever the input.
public final class LineBatchReader {
    /// The input being framed; its `damage` is set once `nextBatch()` has returned nil.
    public let input: InputFile

    /// The maximum length in bytes of a line, without its terminator, that is delivered whole.
    public let maxLineLength: Int

    /// The number of leading bytes kept for an oversized line; at most `maxLineLength`.
    public let oversizedPrefixLength: Int

    /// The storage size in bytes after which a batch ends at the next line end.
    public let batchBytes: Int

    /// The maximum number of decoded bytes requested from the input at a time.
    public let readSize: Int

    private let maxRecords: Int
    /// Decoded bytes; `chunk[chunkPosition..<chunkCount]` have not been framed yet.
    private var chunk: [UInt8]
    private var chunkCount = 0
    private var chunkPosition = 0
    private var nextLineNumber = 1
    private var isFinished = false
    private var lastRecordCount = 0

    /// Creates a reader that frames `input` from its current position.
    ///
    /// - Parameters:
    ///   - input: The input to read; the reader does not close it.
    ///   - maxLineLength: The maximum line length in bytes; at least 0.
    ///   - oversizedPrefixLength: The number of bytes kept for an oversized line; at least 0.
    ///   - batchBytes: The target storage size of a batch in bytes; at least 1.
    ///   - readSize: The number of decoded bytes requested from the input at a time; at least 1.
    public init(
        input: InputFile,
        maxLineLength: Int = 1 << 20,
        oversizedPrefixLength: Int = 64 * 1024,
        batchBytes: Int = 1 << 20,
        readSize: Int = 256 * 1024
    ) {
        // The upper bound keeps `maxLineLength + 1` and the storage size estimates from overflowing.
        precondition(
            (0...(Int.max / 4)).contains(maxLineLength),
            "maxLineLength must be between 0 and Int.max / 4, got \(maxLineLength)"
        )
        precondition(
            oversizedPrefixLength >= 0,
            "oversizedPrefixLength must not be negative, got \(oversizedPrefixLength)"
        )
        precondition(
            (1...(Int.max / 4)).contains(batchBytes),
            "batchBytes must be between 1 and Int.max / 4, got \(batchBytes)"
        )
        precondition(readSize > 0, "readSize must be positive, got \(readSize)")
        self.input = input
        self.maxLineLength = maxLineLength
        self.oversizedPrefixLength = min(oversizedPrefixLength, maxLineLength)
        self.batchBytes = batchBytes
        self.readSize = readSize
        maxRecords = max(1, batchBytes / 16)
        chunk = [UInt8](repeating: 0, count: readSize)
    }

    /// Reads and frames the next batch of lines.
    ///
    /// - Returns: The next batch, which contains at least one line, or nil at the end of the input.
    ///   Only the last batch can end with an `.unterminated` record.
    /// - Throws: `InputError` when the input cannot be read.
    public func nextBatch() throws(InputError) -> LineBatch? {
        guard !isFinished else {
            return nil
        }

        // Room for the batch plus the line that crosses `batchBytes`, which is usually short.
        var builder = LineBatchBuilder(
            firstLineNumber: nextLineNumber,
            maxLineLength: maxLineLength,
            oversizedPrefixLength: oversizedPrefixLength,
            batchBytes: batchBytes,
            maxRecords: maxRecords,
            storageCapacity: batchBytes + 16 * 1024,
            recordCapacity: lastRecordCount
        )
        while !builder.isComplete {
            if chunkPosition == chunkCount {
                chunkPosition = 0
                chunkCount = try readChunk()
                guard chunkCount > 0 else {
                    builder.finishInput()
                    isFinished = true
                    break
                }
            }
            chunkPosition += chunk.withUnsafeBufferPointer { bytes in
                builder.append(UnsafeBufferPointer(rebasing: bytes[chunkPosition..<chunkCount]))
            }
        }

        nextLineNumber = builder.nextLineNumber
        lastRecordCount = builder.records.count
        guard !builder.records.isEmpty else {
            return nil
        }
        return builder.makeBatch()
    }

    /// Fills `chunk` from its start and returns the number of bytes read, 0 at the end of the input.
    private func readChunk() throws(InputError) -> Int {
        let input = input
        let result = chunk.withUnsafeMutableBytes { bytes in
            Result { () throws(InputError) in try input.read(into: bytes) }
        }
        return try result.get()
    }
}
