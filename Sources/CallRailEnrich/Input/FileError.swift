/// A failure of the environment on a file: a missing or unreadable input, a read error, or a
/// failed create, write, sync or close of an output such as a full disk. Unlike `InputDamage`, it
/// aborts the run.
public struct FileError: Error, CustomStringConvertible {
    /// The path as given, or "-" for standard input.
    public let path: String

    /// The operation that failed, as a phrase such as "cannot open" or "cannot write".
    public let operation: String

    /// The reason, usually the C library's text for `errno`.
    public let reason: String

    /// The error number when the failure came from a system call, otherwise nil.
    public let errorNumber: Int32?

    /// Creates an error from an explicit reason.
    public init(path: String, operation: String, reason: String, errorNumber: Int32? = nil) {
        self.path = path
        self.operation = operation
        self.reason = reason
        self.errorNumber = errorNumber
    }

    /// Creates an error from a system call's error number.
    public init(path: String, operation: String, errorNumber: Int32) {
        self.init(path: path, operation: operation, reason: errorText(errorNumber), errorNumber: errorNumber)
    }

    /// A message such as "cannot open 'x.gz': No such file or directory".
    public var description: String {
        "\(operation) '\(path)': \(reason)"
    }
}

/// A failure reading an input file.
public typealias InputError = FileError

/// A failure writing an output file.
public typealias FileSinkError = FileError
