import Glibc

/// How far a run has got, reported after every batch written.
///
/// Bytes are raw input bytes (compressed bytes for gzip files), because only those have a known
/// total before the files are decoded.
public struct RunProgress: Sendable {
    /// The input being read.
    public var inputPath = ""
    /// The input's position among all inputs, counting from 1.
    public var inputNumber = 0
    public var inputCount: Int
    /// Raw bytes read from all inputs so far.
    public var bytesRead = 0
    /// The size of all inputs still to be processed or already processed, or nil when an input's
    /// size is unknown, such as standard input.
    public var totalBytes: Int?
    /// Lines read so far.
    public var linesRead = 0

    private var inputSizes: [Int?]
    private var completedBytes = 0

    /// Starts a run over `paths`, taking their sizes from stat(2).
    public init(paths: [String]) {
        inputCount = paths.count
        inputSizes = paths.map { path in
            var status = stat()
            guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                return nil
            }
            return Int(status.st_size)
        }
        totalBytes = inputSizes.reduce(0 as Int?) { total, size in
            guard let total, let size else { return nil }
            return total + size
        }
    }

    /// Notes that input `index` (from 0) is skipped, so its size no longer counts.
    mutating func skipInput(at index: Int) {
        if let size = inputSizes[index], let total = totalBytes {
            totalBytes = total - size
        }
    }

    /// Notes that input `index` (from 0) is being read.
    mutating func startInput(at index: Int, path: String) {
        inputNumber = index + 1
        inputPath = path
    }

    /// Adds a written batch: `lines` more lines, and `inputBytesRead` raw bytes of the current input
    /// read in all.
    mutating func addBatch(lines: Int, inputBytesRead: Int) {
        linesRead += lines
        bytesRead = completedBytes + inputBytesRead
    }

    /// Notes that the current input was read to its end after `inputBytesRead` raw bytes.
    mutating func finishInput(inputBytesRead: Int) {
        completedBytes += inputBytesRead
        bytesRead = completedBytes
    }
}
