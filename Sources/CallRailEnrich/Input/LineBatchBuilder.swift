import Glibc

/// Frames decoded bytes into the lines of one `LineBatch`, fed one chunk at a time.
///
/// A line may span any number of chunks. Its bytes are copied into `storage` as they arrive,
/// and each chunk is scanned for LF only once. A line longer than `maxLineLength` keeps at most
/// `maxLineLength + 1` bytes in storage while it is being read, and only its prefix once it is
/// known to be too long, so memory stays bounded whatever the line's length.
struct LineBatchBuilder {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private(set) var storage: [UInt8] = []
    private(set) var records: [LineRecord] = []

    /// The number of the next line to be closed.
    private(set) var nextLineNumber: Int

    /// Whether a line end was reached after the batch had `batchBytes` of storage or `maxRecords` records.
    private(set) var isComplete = false

    private let maxLineLength: Int
    private let oversizedPrefixLength: Int
    private let batchBytes: Int
    private let maxRecords: Int

    /// The line being read, which starts at `lineStart` in storage.
    private var lineStart = 0
    /// The number of bytes of the open line seen so far, including a CR that an LF may follow.
    private var lineLength = 0
    private var lineLastByte: UInt8 = 0
    /// Whether storage contains only the prefix of the open line because the line is too long.
    private var isLineCut = false

    /// Creates an empty batch whose first line gets `firstLineNumber`.
    ///
    /// Storage and records start with the given capacities reserved. The other parameters are those
    /// of `LineBatchReader`.
    init(
        firstLineNumber: Int,
        maxLineLength: Int,
        oversizedPrefixLength: Int,
        batchBytes: Int,
        maxRecords: Int,
        storageCapacity: Int,
        recordCapacity: Int
    ) {
        nextLineNumber = firstLineNumber
        self.maxLineLength = maxLineLength
        self.oversizedPrefixLength = min(oversizedPrefixLength, maxLineLength)
        self.batchBytes = batchBytes
        self.maxRecords = maxRecords
        storage.reserveCapacity(storageCapacity)
        records.reserveCapacity(recordCapacity)
    }

    /// Frames lines from `bytes` until they run out or the batch is complete.
    ///
    /// - Returns: The number of bytes consumed. It is less than `bytes.count` only when the batch
    ///   became complete.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else {
            return 0
        }
        var position = 0
        while position < bytes.count {
            guard let found = memchr(base + position, Int32(Self.lineFeed), bytes.count - position) else {
                appendToOpenLine(UnsafeBufferPointer(rebasing: bytes[position...]))
                return bytes.count
            }
            let lineFeedIndex = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            appendToOpenLine(UnsafeBufferPointer(rebasing: bytes[position..<lineFeedIndex]))
            closeLine(isTerminated: true)
            position = lineFeedIndex + 1
            if isComplete {
                break
            }
        }
        return position
    }

    /// Closes the open line, if any, as the last line of the input, which has no LF after it.
    mutating func finishInput() {
        if lineLength > 0 {
            closeLine(isTerminated: false)
        }
    }

    /// Returns the batch framed so far.
    func makeBatch() -> LineBatch {
        assert(lineLength == 0, "a batch ends only at a line end")
        return LineBatch(storage: storage, records: records)
    }

    private mutating func appendToOpenLine(_ segment: UnsafeBufferPointer<UInt8>) {
        guard let lastByte = segment.last else {
            return
        }
        let newLength = lineLength + segment.count

        // One byte beyond the maximum is kept in case it is a CR that an LF follows.
        if !isLineCut {
            if newLength <= maxLineLength + 1 {
                storage.append(contentsOf: segment)
            } else if lineLength >= oversizedPrefixLength {
                storage.removeLast(lineLength - oversizedPrefixLength)
                isLineCut = true
            } else {
                storage.append(
                    contentsOf: UnsafeBufferPointer(rebasing: segment[..<(oversizedPrefixLength - lineLength)])
                )
                isLineCut = true
            }
        }
        lineLength = newLength
        lineLastByte = lastByte
    }

    private mutating func closeLine(isTerminated: Bool) {
        var length = lineLength
        if isTerminated && lineLength > 0 && lineLastByte == Self.carriageReturn {
            length -= 1
        }

        let kind: LineKind
        if isLineCut || length > maxLineLength {
            storage.removeLast(storage.count - lineStart - oversizedPrefixLength)
            kind = .oversized(length: length)
        } else {
            storage.removeLast(lineLength - length)
            kind = isTerminated ? .complete : .unterminated
        }
        records.append(
            LineRecord(offset: lineStart, length: storage.count - lineStart, number: nextLineNumber, kind: kind)
        )

        nextLineNumber += 1
        lineStart = storage.count
        lineLength = 0
        isLineCut = false
        isComplete = storage.count >= batchBytes || records.count >= maxRecords
    }
}
