import Glibc

/// An output file written with write(2), which reports every failure as an error naming the path.
///
/// Nothing is buffered here: each `write` call hands all its bytes to the kernel before returning,
/// so callers should collect output into large buffers first.
public final class FileSink {
    /// The output path.
    public let path: String

    /// The number of bytes written so far.
    public private(set) var bytesWritten = 0

    /// The open descriptor, or -1 after `close`.
    private var descriptor: Int32

    /// Creates the file, or truncates it when it exists, with mode 0644 before the umask.
    ///
    /// - Throws: `FileSinkError` when the file cannot be created, for example because its folder
    ///   is missing or read-only.
    public init(path: String) throws(FileSinkError) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            throw FileSinkError(path: path, operation: "cannot create", errorNumber: errno)
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 {
            // An owner that wants close errors calls close(); this only releases the descriptor.
            Glibc.close(descriptor)
        }
    }

    /// Writes all of `bytes`, retrying after short writes and signals.
    ///
    /// - Throws: `FileSinkError` on any write failure, such as a full disk (ENOSPC) or a file
    ///   size limit (EFBIG). Part of the bytes may have been written.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileSinkError) {
        precondition(descriptor >= 0, "write called on the closed output '\(path)'")
        var remaining = bytes
        while !remaining.isEmpty {
            let count = Glibc.write(descriptor, remaining.baseAddress, remaining.count)
            if count < 0 {
                let errorNumber = errno
                if errorNumber == EINTR {
                    continue
                }
                throw FileSinkError(path: path, operation: "cannot write", errorNumber: errorNumber)
            }
            guard count > 0 else {
                throw FileSinkError(path: path, operation: "cannot write", reason: "write(2) wrote no bytes")
            }
            bytesWritten += count
            remaining = UnsafeRawBufferPointer(rebasing: remaining[count...])
        }
    }

    /// Writes all of `bytes`, retrying after short writes and signals.
    ///
    /// - Throws: `FileSinkError` on any write failure.
    public func write(_ bytes: [UInt8]) throws(FileSinkError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(FileSinkError) in try write(buffer) }
        }
        try result.get()
    }

    /// Closes the file, after flushing it to the disk with fsync(2) when `synchronize` is true.
    ///
    /// The descriptor is released even when an error is thrown. Calling `close` again does nothing.
    ///
    /// - Throws: `FileSinkError` when fsync or close fails, for example with EIO or with ENOSPC on
    ///   a file system that reports a full disk only then.
    public func close(synchronize: Bool = false) throws(FileSinkError) {
        guard descriptor >= 0 else {
            return
        }
        let closing = descriptor
        descriptor = -1

        var syncError: FileSinkError?
        if synchronize && fsync(closing) != 0 {
            syncError = FileSinkError(path: path, operation: "cannot sync", errorNumber: errno)
        }
        // Linux releases the descriptor even when close fails, so it is never retried.
        let closeStatus = Glibc.close(closing)
        let closeErrorNumber = errno
        if let syncError {
            throw syncError
        }
        if closeStatus != 0 {
            throw FileSinkError(path: path, operation: "cannot close", errorNumber: closeErrorNumber)
        }
    }
}
