import Foundation

/// The reason a recorded input is processed again.
public enum ReprocessReason: String, Sendable {
    /// The file's size differs from the recorded one.
    case sizeChanged = "size_changed"
    /// Same size, but the SHA-256 of its bytes differs.
    case contentChanged = "content_changed"
    /// The recorded run had another `--since`/`--until` window.
    case windowChanged = "window_changed"
    /// `--reprocess` or `--recover` asked to process every input.
    case requested = "reprocess_requested"
}

/// The decision about one input under `--state`.
enum InputDecision {
    /// Skip it: a committed run recorded it with the same size, checksum and window.
    case skip(ProcessedInputRecord)
    /// Process it. `absolutePath` is nil for standard input, which is never recorded; `previous`
    /// and `reason` are set when the file was recorded before.
    case process(absolutePath: String?, previous: ProcessedInputRecord?, reason: ReprocessReason?)
}

/// The `--state` file of one run: locked for the whole run, consulted for every input, and
/// rewritten after the run folder is committed.
///
/// A second run with the same state file fails at once instead of processing the same inputs
/// again: the lock is `flock(2)` on `FILE.lock`, which the kernel releases when the process ends,
/// however it ends. The lock file itself stays behind and is harmless.
///
/// The new contents are written to `FILE.tmp-<pid>` and synced before the run folder is committed,
/// so that a full disk or a file size limit fails the run before anything is committed. Only the
/// rename into place (``publish()``) follows the commit.
public final class RunState {
    /// The state file.
    public let path: String
    /// Whether every input is processed, whatever the state file records.
    public let reprocessesAll: Bool
    private let window: ReplayWindow
    private let loaded: RunStateFile
    private var newRecords: [ProcessedInputRecord] = []
    /// The input being processed and its running checksum; nil for standard input.
    private var current: (absolutePath: String, checksum: InputChecksum)?
    /// Inputs skipped because a committed run recorded them unchanged.
    public private(set) var alreadyProcessed: [AlreadyProcessedInput] = []
    /// Recorded inputs processed again, because they changed or `--reprocess` was given.
    public private(set) var reprocessed: [ReprocessedInput] = []
    private var lockDescriptor: Int32 = -1
    private var temporaryPath: String?

    /// The temporary file written by ``prepare(run:)`` and not yet published.
    var preparedPath: String? { temporaryPath }

    /// Locks and reads the state file. A missing file is an empty state.
    /// - Throws: ``RunStateError`` when the lock is held by another run or the file cannot be read
    ///   or parsed. An unparsable file is left as it is.
    public init(path: String, reprocessesAll: Bool, window: ReplayWindow) throws(RunStateError) {
        self.path = path
        self.reprocessesAll = reprocessesAll
        self.window = window

        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunStateError(
                path: path,
                message:
                    "cannot create the lock file '\(lockPath)': \(errorText(errno)); check that its folder exists and is writable"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let errorNumber = errno
            Glibc.close(descriptor)
            if errorNumber == EWOULDBLOCK {
                throw RunStateError(
                    path: path,
                    message: "another run is using it (its lock '\(lockPath)' is held); wait for that run to finish")
            }
            throw RunStateError(path: path, message: "cannot lock '\(lockPath)': \(errorText(errorNumber))")
        }
        lockDescriptor = descriptor

        do {
            loaded = try RunState.read(path)
        } catch {
            Glibc.close(descriptor)
            lockDescriptor = -1
            throw error
        }
    }

    deinit {
        close()
    }

    /// Releases the lock and removes an unpublished temporary file.
    public func close() {
        abandon()
        if lockDescriptor >= 0 {
            Glibc.close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    /// The number of inputs the state file recorded when the run started.
    public var recordedInputCount: Int { loaded.records.count }

    private static func read(_ path: String) throws(RunStateError) -> RunStateFile {
        var status = stat()
        if stat(path, &status) != 0 && errno == ENOENT {
            return RunStateFile()
        }
        let bytes: [UInt8]
        do {
            let input = try InputFile(path: path)
            defer { input.close() }
            var buffer: [UInt8] = []
            while try input.read(appendingTo: &buffer, maxBytes: 1 << 20) {}
            bytes = buffer
        } catch {
            throw RunStateError(path: path, message: "\(error)")
        }
        return try RunStateFile.parse(bytes, path: path)
    }

    /// Decides whether to process an input, hashing the file when its path and size match a record.
    /// - Throws: ``InputError`` when the file cannot be resolved or read, ``RunInterruptedError``.
    private func decide(_ inputPath: String, interruption: Interruption?) throws -> InputDecision {
        guard inputPath != "-" else {
            return .process(absolutePath: nil, previous: nil, reason: nil)
        }
        let absolutePath = try RunState.resolve(inputPath)
        guard let record = loaded.records[absolutePath] else {
            return .process(absolutePath: absolutePath, previous: nil, reason: nil)
        }
        if reprocessesAll {
            return .process(absolutePath: absolutePath, previous: record, reason: .requested)
        }

        var status = stat()
        guard stat(inputPath, &status) == 0 else {
            throw InputError(path: inputPath, operation: "cannot open", errorNumber: errno)
        }
        guard Int(status.st_size) == record.size else {
            return .process(absolutePath: absolutePath, previous: record, reason: .sizeChanged)
        }
        guard record.window == window else {
            return .process(absolutePath: absolutePath, previous: record, reason: .windowChanged)
        }
        let checksum = InputChecksum()
        try checksum.update(fromFile: inputPath, offset: 0, interruption: interruption)
        guard checksum.finalize() == record.sha256, checksum.byteCount == record.size else {
            return .process(absolutePath: absolutePath, previous: record, reason: .contentChanged)
        }
        return .skip(record)
    }

    /// Decides about the next input and notes the decision in ``alreadyProcessed`` or
    /// ``reprocessed``.
    /// - Parameter warn: called with a message when a recorded file changed.
    /// - Returns: whether to process the input.
    func begin(_ inputPath: String, interruption: Interruption?, warn: (String) -> Void) throws -> Bool {
        current = nil
        switch try decide(inputPath, interruption: interruption) {
        case .skip(let record):
            alreadyProcessed.append(AlreadyProcessedInput(path: inputPath, record: record))
            return false
        case .process(let absolutePath, let previous, let reason):
            if let previous, let reason {
                reprocessed.append(ReprocessedInput(path: inputPath, reason: reason, previous: previous))
                if reason == .windowChanged {
                    warn(
                        "'\(inputPath)' was processed by the run '\(previous.run)' with another --since/--until "
                            + "window; processing it again with this one")
                } else if reason != .requested {
                    warn(
                        "'\(inputPath)' was processed by the run '\(previous.run)' but has changed since "
                            + "(\(reason.rawValue)); processing it again")
                }
            }
            current = absolutePath.map { (absolutePath: $0, checksum: InputChecksum()) }
            return true
        }
    }

    /// Checksums the input that ``begin(_:interruption:warn:)`` chose as the job reads it, so that
    /// new files are read only once. Standard input is not checksummed.
    func observe(_ input: InputFile) {
        guard let checksum = current?.checksum else { return }
        input.rawBytesObserver = { checksum.update($0) }
    }

    /// Records the input read since ``observe(_:)``, to be written by ``prepare(run:)``.
    ///
    /// Decoding stops early at corrupt gzip data or at garbage after the last member. The rest of
    /// the file is then hashed here, so that the record describes the whole file and an unchanged
    /// damaged file is skipped next time.
    func finish(_ input: InputFile, interruption: Interruption?) throws {
        input.rawBytesObserver = nil
        guard let (absolutePath, checksum) = current else { return }
        current = nil
        if let size = input.totalBytes, checksum.byteCount < size {
            try checksum.update(fromFile: input.path, offset: checksum.byteCount, interruption: interruption)
        }
        newRecords.append(
            ProcessedInputRecord(
                path: absolutePath, size: checksum.byteCount, sha256: checksum.finalize(), window: window, run: "",
                committedAt: ""))
    }

    /// Writes and syncs the new state to a temporary file beside the state file.
    /// - Parameter run: the run folder about to be committed.
    /// - Throws: ``FileSinkError`` when the temporary file cannot be written, such as on a full disk.
    func prepare(run: String) throws {
        let runPath = RunState.absolute(run)
        let committedAt = RunState.now().isoFormat
        var file = loaded
        for var record in newRecords {
            record.run = runPath
            record.committedAt = committedAt
            file.records[record.path] = record
        }

        let temporary = "\(path).tmp-\(getpid())"
        temporaryPath = temporary
        let sink = try FileSink(path: temporary)
        try sink.write(file.jsonText())
        try sink.close(synchronize: true)
    }

    /// Renames the prepared file into place and syncs its folder.
    /// - Throws: ``RunStateError`` when the rename fails.
    func publish() throws(RunStateError) {
        guard let temporary = temporaryPath else {
            preconditionFailure("publish() called before prepare(run:)")
        }
        guard rename(temporary, path) == 0 else {
            throw RunStateError(path: path, message: "cannot rename '\(temporary)' into place: \(errorText(errno))")
        }
        temporaryPath = nil
        // The rename is what makes the new state visible; syncing the folder makes it survive a
        // power failure. A failure here leaves the new state visible, so it is not reported.
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            Glibc.close(descriptor)
        }
    }

    /// Removes the prepared temporary file, if any; the state file is left as it was.
    func abandon() {
        if let temporary = temporaryPath {
            unlink(temporary)
            temporaryPath = nil
        }
    }

    /// Returns the absolute path of an existing file, with symbolic links resolved.
    static func resolve(_ path: String) throws(InputError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw InputError(path: path, operation: "cannot resolve", errorNumber: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Returns an absolute form of `path`, resolved when the file exists.
    static func absolute(_ path: String) -> String {
        if let resolved = try? resolve(path) {
            return resolved
        }
        if path.hasPrefix("/") {
            return path
        }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func now() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(millisecondsSinceEpoch: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec / 1_000_000))
    }
}
