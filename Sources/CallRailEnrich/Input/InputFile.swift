import Glibc

/// One input file, or standard input for the path "-", decoded to its plain bytes.
///
/// The format is detected from the first two bytes, not from the file name: `1f 8b` starts gzip
/// data, and anything else, including an empty file, is plain text passed through unchanged.
/// Gzip input may contain several members back to back, as `cat a.gz b.gz` makes, and every member
/// is decoded. Damaged gzip data does not throw. The bytes decoded before the damage are
/// delivered, and `damage` describes the problem once the end has been reached.
///
/// Memory use is bounded by the read size and the `maxBytes` of each `read` call, whatever the
/// input contains.
public final class InputFile {
    /// The path as given, or "-" for standard input.
    public let path: String

    /// The file size in bytes when the input is a regular file, nil for pipes and terminals.
    public let totalBytes: Int?

    /// Raw bytes read from the file so far, for progress reports.
    public private(set) var compressedBytesRead = 0

    /// Called with each block of raw bytes as it is read, before decoding, in file order; lets a
    /// caller checksum the file in the same pass. The pointer is valid only during the call.
    public var rawBytesObserver: ((UnsafeRawBufferPointer) -> Void)?

    /// The damage found in the gzip data, or nil for a sound file.
    ///
    /// It is set once `read` has reported the end of the input.
    public private(set) var damage: InputDamage?

    /// Whether the input starts with the gzip magic bytes; false until the first `read` call.
    public var isGzip: Bool {
        switch phase {
        case .gzipMember, .gzipBetweenMembers:
            return true
        case .finished(let wasGzip):
            return wasGzip
        case .detecting, .plain:
            return false
        }
    }

    private enum Phase {
        /// Fewer than two bytes have been seen, so the format is not known yet.
        case detecting
        case plain
        /// Inside a gzip member: its header, its deflate data or its trailer.
        case gzipMember
        /// After the end of a gzip member, where only another member or the end of the file may follow.
        case gzipBetweenMembers
        case finished(wasGzip: Bool)
    }

    private static let gzipMagic: (UInt8, UInt8) = (0x1f, 0x8b)

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var isClosed = false
    private var phase = Phase.detecting
    private var inflater: GzipInflater?

    /// Compressed bytes read from the file; `rawStart..<rawEnd` have not been decoded yet.
    private var rawBuffer: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var isEndOfFile = false
    private let readSize: Int

    /// Opens a file for reading, or standard input when `path` is "-".
    ///
    /// - Parameters:
    ///   - path: The file to read, or "-" for standard input.
    ///   - readSize: The number of raw bytes requested from the file at a time.
    /// - Throws: `InputError` when the file cannot be opened or is a directory.
    public convenience init(path: String, readSize: Int = 1 << 20) throws(InputError) {
        if path == "-" {
            try self.init(descriptor: STDIN_FILENO, path: path, ownsDescriptor: false, readSize: readSize)
            return
        }

        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            throw InputError(path: path, operation: "cannot open", errorNumber: errno)
        }
        try self.init(descriptor: descriptor, path: path, ownsDescriptor: true, readSize: readSize)
    }

    /// Reads from an open file descriptor; `path` names it in errors and reports.
    ///
    /// When `ownsDescriptor` is true, the descriptor is closed by `close()`, by deinit, or by this
    /// initializer when it throws.
    init(descriptor: Int32, path: String, ownsDescriptor: Bool, readSize: Int = 1 << 20) throws(InputError) {
        precondition(readSize > 0, "readSize must be positive, got \(readSize)")
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = InputError(path: path, operation: "cannot open", errorNumber: errno)
            if ownsDescriptor {
                Glibc.close(descriptor)
            }
            throw error
        }
        let fileType = status.st_mode & S_IFMT
        guard fileType != S_IFDIR else {
            if ownsDescriptor {
                Glibc.close(descriptor)
            }
            throw InputError(path: path, operation: "cannot read", errorNumber: EISDIR)
        }

        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.readSize = readSize
        totalBytes = fileType == S_IFREG ? Int(status.st_size) : nil
        // One spare byte lets a single leftover byte stay in front while a full read follows it.
        rawBuffer = [UInt8](repeating: 0, count: readSize + 1)
    }

    deinit {
        if !isClosed && ownsDescriptor {
            Glibc.close(descriptor)
        }
    }

    /// Closes the file and frees the decoder.
    ///
    /// Standard input is left open.
    public func close() {
        guard !isClosed else {
            return
        }
        isClosed = true
        inflater = nil
        if ownsDescriptor {
            // The descriptor was only read, so a failing close cannot lose data.
            Glibc.close(descriptor)
        }
    }

    /// Appends the next decoded bytes to `buffer`.
    ///
    /// - Parameters:
    ///   - buffer: The buffer to append to; its existing bytes are kept.
    ///   - maxBytes: The maximum number of bytes to append; must be positive.
    /// - Returns: true when at least one byte was appended, false at the end of the input.
    /// - Throws: `InputError` when reading fails or zlib fails for a reason other than bad data.
    public func read(appendingTo buffer: inout [UInt8], maxBytes: Int) throws(InputError) -> Bool {
        precondition(maxBytes > 0, "maxBytes must be positive, got \(maxBytes)")
        let start = buffer.count
        buffer.appendZeroBytes(count: maxBytes)
        let result = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(InputError) in try read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[start...])) }
        }
        let count = (try? result.get()) ?? 0
        buffer.removeLast(maxBytes - count)
        return try result.get() > 0
    }

    /// Writes the next decoded bytes to the start of `destination`.
    ///
    /// This form lets a caller reuse one buffer without growing or clearing it. The pointer is used
    /// only during the call.
    ///
    /// - Parameter destination: The space to fill; must not be empty.
    /// - Returns: The number of bytes written, at least 1, or 0 at the end of the input.
    /// - Throws: `InputError` when reading fails or zlib fails for a reason other than bad data.
    public func read(into destination: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        precondition(!destination.isEmpty, "read(into:) needs a non-empty destination")
        precondition(!isClosed, "read called on the closed input '\(path)'")
        // zlib counts output in 32 bits, and Linux read(2) moves at most about 2 GiB per call, so
        // one call fills at most 1 GiB.
        let limited = UnsafeMutableRawBufferPointer(rebasing: destination.prefix(1 << 30))

        if case .detecting = phase {
            try detectFormat()
        }
        switch phase {
        case .detecting:
            preconditionFailure("detectFormat always leaves the detecting phase")
        case .plain:
            return try readPlain(into: limited)
        case .gzipMember, .gzipBetweenMembers:
            return try readGzip(into: limited)
        case .finished:
            return 0
        }
    }

    // MARK: - Format detection

    private var rawCount: Int { rawEnd - rawStart }

    private func detectFormat() throws(InputError) {
        while rawCount < 2 {
            guard try fillRawBuffer() else {
                break
            }
        }
        if rawCount >= 2 && rawBuffer[rawStart] == Self.gzipMagic.0 && rawBuffer[rawStart + 1] == Self.gzipMagic.1 {
            do {
                inflater = try GzipInflater()
            } catch {
                throw InputError(path: path, operation: "cannot decompress", reason: error.description)
            }
            phase = .gzipMember
        } else {
            phase = .plain
        }
    }

    /// Reads more raw bytes after the ones not yet decoded; returns false at the end of the file.
    ///
    /// Callers refill only when at most one undecoded byte is left, which is moved to the front.
    /// Once read(2) has reported the end of the file, the file is not read again.
    private func fillRawBuffer() throws(InputError) -> Bool {
        assert(rawCount <= 1, "the raw buffer is refilled only when it is nearly empty")
        guard !isEndOfFile else {
            return false
        }
        if rawStart > 0 {
            if rawCount == 1 {
                rawBuffer[0] = rawBuffer[rawStart]
            }
            rawEnd = rawCount
            rawStart = 0
        }

        let count = try rawBuffer.withUnsafeMutableBytes { bytes in
            readOnce(into: UnsafeMutableRawBufferPointer(rebasing: bytes[rawEnd..<min(rawEnd + readSize, bytes.count)]))
        }.get()
        if count > 0, let rawBytesObserver {
            rawBuffer.withUnsafeBytes { raw in
                rawBytesObserver(UnsafeRawBufferPointer(rebasing: raw[rawEnd..<rawEnd + count]))
            }
        }
        rawEnd += count
        compressedBytesRead += count
        isEndOfFile = count == 0
        return count > 0
    }

    /// Calls read(2) once, retrying after signals; the count is 0 at the end of the file.
    ///
    /// The error is returned rather than thrown, so that callers can call this inside
    /// `withUnsafeMutableBytes`, whose closure cannot throw a typed error.
    private func readOnce(into destination: UnsafeMutableRawBufferPointer) -> Result<Int, InputError> {
        while true {
            let count = Glibc.read(descriptor, destination.baseAddress, destination.count)
            if count >= 0 {
                return .success(count)
            }
            if errno != EINTR {
                return .failure(InputError(path: path, operation: "cannot read", errorNumber: errno))
            }
        }
    }

    // MARK: - Plain text

    private func readPlain(into destination: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        // The bytes read during format detection come first.
        if rawCount > 0 {
            let count = min(rawCount, destination.count)
            rawBuffer.withUnsafeBytes { raw in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawStart + count]))
            }
            rawStart += count
            return count
        }

        // A terminal can return more bytes after reporting the end, but the input has ended by then.
        let count = isEndOfFile ? 0 : try readOnce(into: destination).get()
        if count > 0, let rawBytesObserver {
            rawBytesObserver(UnsafeRawBufferPointer(rebasing: destination[..<count]))
        }
        compressedBytesRead += count
        if count == 0 {
            phase = .finished(wasGzip: false)
        }
        return count
    }

    // MARK: - Gzip

    private func readGzip(into destination: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        var produced = 0
        while produced < destination.count {
            switch phase {
            case .gzipMember:
                produced += try inflateMember(into: UnsafeMutableRawBufferPointer(rebasing: destination[produced...]))
            case .gzipBetweenMembers:
                try startNextMember()
            case .finished:
                return produced
            case .detecting, .plain:
                preconditionFailure("readGzip runs only after gzip data was detected")
            }
        }
        return produced
    }

    /// Runs one inflate step into `destination`, reading raw bytes first when needed, and returns
    /// the number of bytes written.
    private func inflateMember(into destination: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        // At the end of the file inflate still runs with no input, because it may hold the rest of a
        // match that did not fit into the previous output space.
        if rawCount == 0 && !isEndOfFile {
            _ = try fillRawBuffer()
        }
        // The gzip phases are entered only after the inflater was created.
        guard let inflater else {
            preconditionFailure("no inflater in a gzip phase")
        }

        let result = rawBuffer.withUnsafeBytes { raw in
            Result { () throws(ZlibError) in
                try inflater.inflate(from: UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawEnd]), into: destination)
            }
        }
        let step: GzipInflater.Step
        switch result {
        case .success(let value):
            step = value
        case .failure(let error):
            throw InputError(path: path, operation: "cannot decompress", reason: error.description)
        }
        rawStart += step.bytesConsumed

        switch step.status {
        case .progress, .needsInput:
            guard step.bytesConsumed == 0 && step.bytesProduced == 0 else {
                break
            }
            if rawCount == 0 {
                // Only the end of the file leaves inflate without input, and it has nothing more to give.
                finish(damage: .truncated)
            } else {
                // zlib moves bytes whenever it has both input and output space. A step that moved
                // nothing would repeat forever, so it ends decoding as damage.
                finish(damage: .corrupt(message: "inflate made no progress"))
            }
        case .memberEnd:
            phase = .gzipBetweenMembers
        case .dataError(let message):
            finish(damage: .corrupt(message: message))
        }
        return step.bytesProduced
    }

    /// Looks at the bytes after a finished member: another member, the end of the file, or garbage.
    private func startNextMember() throws(InputError) {
        while rawCount < 2 {
            guard try fillRawBuffer() else {
                break
            }
        }
        switch rawCount {
        case 0:
            finish(damage: nil)
        case 1 where rawBuffer[rawStart] == Self.gzipMagic.0:
            // A lone first magic byte at the end is read as a member cut off after one byte.
            // gzip 1.12 also reports this as "unexpected end of file".
            finish(damage: .truncated)
        case 1:
            finish(damage: .trailingGarbage(offset: compressedBytesRead - rawCount))
        default:
            if rawBuffer[rawStart] == Self.gzipMagic.0 && rawBuffer[rawStart + 1] == Self.gzipMagic.1 {
                inflater?.reset()
                phase = .gzipMember
            } else {
                finish(damage: .trailingGarbage(offset: compressedBytesRead - rawCount))
            }
        }
    }

    private func finish(damage: InputDamage?) {
        self.damage = damage
        phase = .finished(wasGzip: true)
        inflater = nil
    }
}
