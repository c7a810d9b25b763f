import Foundation

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
        /// Worker threads that process batches; output is byte-identical whatever the number.
        public var jobs = 1
        /// The `--state` file; nil processes every input and records nothing.
        public var statePath: String?
        /// Processes inputs that the state file records as processed; the state is still updated.
        public var reprocessesAll = false
        /// A committed run whose enriched events are not written again (`--recover`).
        public var recoveredRun: RecoveredRun?
        /// Raised by signals; the job then stops between batches and commits nothing.
        public var interruption: Interruption?

        public init(options: EnrichOptions, inputs: [String], outputPath: String) {
            self.options = options
            self.inputs = inputs
            self.outputPath = outputPath
        }
    }

    public let configuration: Configuration
    /// Called with a short message for each file-level warning (damage, empty files).
    public var warn: (String) -> Void = { _ in }
    /// Called on the calling thread after every batch written; nil reports nothing.
    public var progress: ((RunProgress) -> Void)?

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs the job and returns the committed run's report.
    /// - Throws: an input, output or accounting error; nothing is committed then.
    public func run() throws -> RunReport {
        try configuration.interruption?.check()
        let paths = try InputDiscovery.expand(configuration.inputs)
        let setup = try makeSetup()
        defer { setup.state?.close() }
        let folder = try RunFolder(destination: configuration.outputPath, overwrite: configuration.overwrite)
        configuration.interruption?.register(temporaryPath: folder.temporaryPath)
        defer { configuration.interruption?.unregister(temporaryPath: folder.temporaryPath) }
        do {
            let report = try write(paths, into: folder, setup: setup)
            try commit(folder, state: setup.state)
            return report
        } catch {
            folder.discard()
            throw error
        }
    }

    private func write(_ paths: [String], into folder: RunFolder, setup: RunSetup) throws -> RunReport {
        let options = setup.options
        let interruption = configuration.interruption
        let suffix = configuration.compress ? ".gz" : ""
        let enrichedSink = try FileSink(path: folder.path("enriched/part-00000.tsv" + suffix))
        let badSink = try FileSink(path: folder.path("bad/part-00000.jsonl" + suffix))
        var report = RunReport(etlTimestamp: options.etlTimestamp, schemaVersion: options.schemaVersion)
        report.validatesCallData = options.validator != nil && options.validatesCallData
        report.selection = setup.selection
        let workers = try (0..<max(1, configuration.jobs)).map { _ in
            try BatchWorker(options: options, compress: configuration.compress)
        }
        var runProgress = progress.map { _ in RunProgress(paths: paths) }

        for (index, path) in paths.enumerated() {
            try interruption?.check()
            if let state = setup.state, try !state.begin(path, interruption: interruption, warn: warn) {
                runProgress?.skipInput(at: index)
                continue
            }
            runProgress?.startInput(at: index, path: path)
            let input = try InputFile(path: path)
            defer { input.close() }
            setup.state?.observe(input)
            let reader = LineBatchReader(input: input, maxLineLength: options.maximumLineLength)
            var fileCounts = LineCounts()
            try processFile(reader: reader, workers: workers) { result in
                try interruption?.check(reading: path)
                try enrichedSink.write(result.enriched)
                try badSink.write(result.bad)
                fileCounts.merge(result.counts)
                runProgress?.addBatch(lines: result.counts.read, inputBytesRead: result.inputBytesRead)
                if let runProgress {
                    progress?(runProgress)
                }
            }
            runProgress?.finishInput(inputBytesRead: input.compressedBytesRead)
            try setup.state?.finish(input, interruption: interruption)
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

        if let state = setup.state {
            report.selection.alreadyProcessed = state.alreadyProcessed
            report.selection.reprocessed = state.reprocessed
        }
        if configuration.compress {
            // A gzip file needs at least one member, so an empty part gets one empty member. zcat and
            // loaders then read it as empty rather than as a truncated stream.
            let encoder = try GzipMemberEncoder(level: 1)
            var emptyMember: [UInt8] = []
            encoder.encode([], appendingTo: &emptyMember)
            for sink in [enrichedSink, badSink] where sink.bytesWritten == 0 {
                try sink.write(emptyMember)
            }
        }
        try enrichedSink.close(synchronize: true)
        try badSink.close(synchronize: true)
        let reportSink = try FileSink(path: folder.path("report.json"))
        try reportSink.write(report.jsonText())
        try reportSink.close(synchronize: true)
        return report
    }

    /// Reads one file's batches on a reader thread, processes them on the workers and hands the
    /// results to `write` in order on the calling thread. With one worker everything runs here.
    private func processFile(
        reader: LineBatchReader, workers: [BatchWorker], write: (BatchResult) throws -> Void
    ) throws {
        let source = BatchSource(reader: reader)
        if workers.count == 1 {
            var sequence = 0
            while let work = try source.next(sequence) {
                try write(workers[0].run(work))
                sequence += 1
            }
            return
        }

        let results = OrderedResults()
        let cancellation = CancellationFlag()
        let inFlight = DispatchSemaphore(value: workers.count * 2)
        let idleWorkers = WorkerPool(workers)
        let group = DispatchGroup()
        let readerThread = Thread {
            var sequence = 0
            do {
                while !cancellation.isRaised, let work = try source.next(sequence) {
                    inFlight.wait()
                    let worker = idleWorkers.acquire()
                    group.enter()
                    DispatchQueue.global().async {
                        let result = worker.run(work)
                        idleWorkers.release(worker)
                        results.put(work.sequence, result)
                        group.leave()
                    }
                    sequence += 1
                }
                results.finish(count: sequence, error: nil)
            } catch {
                results.finish(count: sequence, error: error)
            }
        }
        readerThread.stackSize = 1 << 20
        readerThread.start()

        var sequence = 0
        do {
            while let result = try results.take(sequence) {
                // Counted before writing: when `write` throws, result `sequence` has been taken
                // already, and waiting for it again below would never end.
                sequence += 1
                try write(result)
                inFlight.signal()
            }
        } catch {
            cancellation.raise()
            // Unblock the reader if it waits for a free slot, then let every started batch finish.
            for _ in 0..<(workers.count * 2) { inFlight.signal() }
            // Each drained batch returns its slot as a written one does: libdispatch traps when a
            // semaphore is released with a value below the one it was created with.
            while (try? results.take(sequence)) ?? nil != nil {
                inFlight.signal()
                sequence += 1
            }
            group.wait()
            throw error
        }
        group.wait()
    }

}

/// Turns a reader's batches into work items, tracking the CloudFront layout across batches. Used by
/// one thread at a time.
final class BatchSource: @unchecked Sendable {
    private let reader: LineBatchReader
    private var layout = CloudFrontLayout.positional

    init(reader: LineBatchReader) {
        self.reader = reader
    }

    /// Returns the next batch as work item `sequence`, or nil at the end of the input.
    func next(_ sequence: Int) throws -> BatchWork? {
        guard let batch = try reader.nextBatch() else { return nil }
        let work = BatchWork(
            sequence: sequence, batch: batch, startLayout: layout, endIsTruncated: reader.input.damage != nil,
            inputBytesRead: reader.input.compressedBytesRead)
        layout = BatchSource.layout(after: batch, startingWith: layout)
        return work
    }

    /// Returns the CloudFront layout in force after a batch, set by its last `#Fields:` header if any.
    static func layout(after batch: LineBatch, startingWith layout: CloudFrontLayout) -> CloudFrontLayout {
        var layout = layout
        batch.storage.withUnsafeBufferPointer { storage in
            for record in batch.records where record.length > 8 && storage[record.offset] == UInt8(ascii: "#") {
                let line = UnsafeBufferPointer(rebasing: storage[record.offset..<record.offset + record.length])
                if line.starts(with: "#Fields:".utf8) {
                    layout = CloudFrontLayout(fieldsHeader: line)
                }
            }
        }
        return layout
    }
}

/// Hands idle workers to batches, blocking while all are busy.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [BatchWorker]

    init(_ workers: [BatchWorker]) {
        idle = workers
    }

    func acquire() -> BatchWorker {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty {
            condition.wait()
        }
        return idle.removeLast()
    }

    func release(_ worker: BatchWorker) {
        condition.lock()
        idle.append(worker)
        condition.signal()
        condition.unlock()
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
