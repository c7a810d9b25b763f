/// One batch of lines ready for a worker: the lines, the CloudFront layout in force at its first line,
/// and whether the input's unterminated end was cut off by damage.
struct BatchWork: @unchecked Sendable {
    var sequence: Int
    var batch: LineBatch
    var startLayout: CloudFrontLayout
    var endIsTruncated: Bool
    /// Raw bytes read from the input when the batch was framed, for progress reports.
    var inputBytesRead = 0
}

/// A processed batch: compressed (or plain) output chunks and counts, in the batch's order.
struct BatchResult: Sendable {
    var enriched: [UInt8]
    var bad: [UInt8]
    var counts: LineCounts
    /// The batch's `BatchWork.inputBytesRead`.
    var inputBytesRead = 0
}

/// Processes batches on a worker thread: one processor and one encoder per worker, reused.
final class BatchWorker {
    private var processor: LineProcessor
    private let encoder: GzipMemberEncoder?
    private var output = ProcessedLines()

    init(options: EnrichOptions, compress: Bool) throws {
        processor = LineProcessor(options: options)
        encoder = compress ? try GzipMemberEncoder(level: 1) : nil
    }

    /// Processes every line of the batch and encodes the output as one gzip member per part.
    func run(_ work: BatchWork) -> BatchResult {
        processor.setLayout(work.startLayout)
        output.enriched.removeAll(keepingCapacity: true)
        output.bad.removeAll(keepingCapacity: true)
        output.counts = LineCounts()
        work.batch.storage.withUnsafeBufferPointer { storage in
            for record in work.batch.records {
                let line = UnsafeBufferPointer(rebasing: storage[record.offset..<record.offset + record.length])
                let arrival: LineArrival
                switch record.kind {
                case .complete:
                    arrival = .complete
                case .unterminated:
                    arrival = work.endIsTruncated ? .truncated : .complete
                case .oversized(let length):
                    arrival = .oversized(length: length)
                }
                processor.process(line, arrival: arrival, into: &output)
            }
        }
        return BatchResult(
            enriched: encoded(output.enriched), bad: encoded(output.bad), counts: output.counts,
            inputBytesRead: work.inputBytesRead)
    }

    private func encoded(_ bytes: [UInt8]) -> [UInt8] {
        guard let encoder, !bytes.isEmpty else { return bytes }
        var compressed: [UInt8] = []
        compressed.reserveCapacity(bytes.count / 4 + 64)
        bytes.withUnsafeBytes { encoder.encode($0, appendingTo: &compressed) }
        return compressed
    }
}
