/// Runs the whole job: reads every input, processes its lines, writes the run folder and commits it.
public final class EnrichJob {
    /// Settings for a run.
    public struct Configuration: Sendable {
        public var options: EnrichOptions
        /// Files, folders or `-`, as given on the command line.
        public var inputs: [String]
        public var outputPath: String
        public var overwrite = false
        public var compress = true

        public init(options: EnrichOptions, inputs: [String], outputPath: String) {
            self.options = options
            self.inputs = inputs
            self.outputPath = outputPath
        }
    }

    public let configuration: Configuration
    /// Called with a short message for each file-level warning (damage, empty files).
    public var warn: (String) -> Void = { _ in }

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs the job and returns the committed run's report.
    /// - Throws: an input, output or accounting error; nothing is committed then.
    public func run() throws -> RunReport {
        let paths = try InputDiscovery.expand(configuration.inputs)
        let folder = try RunFolder(destination: configuration.outputPath, overwrite: configuration.overwrite)
        do {
            let report = try write(paths, into: folder)
            try folder.commit()
            return report
        } catch {
            folder.discard()
            throw error
        }
    }

    private func write(_ paths: [String], into folder: RunFolder) throws -> RunReport {
        let options = configuration.options
        let suffix = configuration.compress ? ".gz" : ""
        let enrichedPart = try OutputPart(path: folder.path("enriched/part-00000.tsv" + suffix), compress: configuration.compress)
        let badPart = try OutputPart(path: folder.path("bad/part-00000.jsonl" + suffix), compress: configuration.compress)
        var report = RunReport(etlTimestamp: options.etlTimestamp, schemaVersion: options.schemaVersion)
        var processor = LineProcessor(options: options)

        for path in paths {
            let input = try InputFile(path: path)
            defer { input.close() }
            let reader = LineBatchReader(input: input, maxLineLength: options.maximumLineLength)
            processor.startFile()
            var fileCounts = LineCounts()
            var output = ProcessedLines()
            while let batch = try reader.nextBatch() {
                output.enriched.removeAll(keepingCapacity: true)
                output.bad.removeAll(keepingCapacity: true)
                batch.storage.withUnsafeBufferPointer { storage in
                    for record in batch.records {
                        let line = UnsafeBufferPointer(rebasing: storage[record.offset..<record.offset + record.length])
                        let arrival: LineArrival
                        switch record.kind {
                        case .complete:
                            arrival = .complete
                        case .unterminated:
                            arrival = input.damage == nil ? .complete : .truncated
                        case .oversized(let length):
                            arrival = .oversized(length: length)
                        }
                        processor.process(line, arrival: arrival, into: &output)
                    }
                }
                try enrichedPart.append(output.enriched)
                try badPart.append(output.bad)
                fileCounts.merge(output.counts)
                output.counts = LineCounts()
            }
            guard fileCounts.isBalanced else {
                throw AccountingError(path: path, counts: fileCounts)
            }
            let damage = input.damage.map { String(describing: $0) }
            if let damage {
                warn("'\(path)' is damaged (\(damage)); the complete lines before the damage were processed")
            } else if input.compressedBytesRead == 0 {
                warn("'\(path)' is empty")
                fileCounts.warnings["empty_file", default: 0] += 1
            }
            report.inputs.append(InputReport(path: path, counts: fileCounts, damage: damage))
        }

        try enrichedPart.close()
        try badPart.close()
        let reportSink = try FileSink(path: folder.path("report.json"))
        try report.jsonText().withUnsafeBytes { try reportSink.write($0) }
        try reportSink.close(synchronize: true)
        return report
    }
}

/// Raised when the counts of a file do not add up; this is a bug in the tool, never bad input.
public struct AccountingError: Error, CustomStringConvertible {
    public var path: String
    public var counts: LineCounts

    public var description: String {
        "internal error: line counts for '\(path)' do not add up (read \(counts.read), enriched \(counts.enriched), "
            + "bad \(counts.badTotal), skipped \(counts.skippedTotal), headers \(counts.headers), blank \(counts.blank)); "
            + "nothing was committed; please report this with the input file"
    }
}
