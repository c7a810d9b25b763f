/// One output file of the run folder, plain or gzip. Each ``append(_:)`` call becomes one gzip
/// member, so chunks compressed independently still form a single valid gzip file.
final class OutputPart {
    private let sink: FileSink
    private let encoder: GzipMemberEncoder?
    private var compressed: [UInt8] = []

    init(path: String, compress: Bool) throws {
        sink = try FileSink(path: path)
        encoder = compress ? try GzipMemberEncoder(level: 1) : nil
    }

    /// Writes a chunk of rows; an empty chunk writes nothing.
    func append(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        if let encoder {
            compressed.removeAll(keepingCapacity: true)
            bytes.withUnsafeBytes { encoder.encode($0, appendingTo: &compressed) }
            try compressed.withUnsafeBytes { try sink.write($0) }
        } else {
            try bytes.withUnsafeBytes { try sink.write($0) }
        }
    }

    func close() throws {
        try sink.close(synchronize: true)
    }
}
