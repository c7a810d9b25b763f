import CZlib

/// A zlib call that failed for a reason other than bad input data, such as running out of memory.
public struct ZlibError: Error, CustomStringConvertible {
    /// The zlib function that failed, such as "inflateInit2".
    public let function: String

    /// The zlib return code, such as `Z_MEM_ERROR` (-4).
    public let code: Int32

    /// zlib's `z_stream.msg`, when it set one.
    public let message: String?

    /// A message such as "zlib inflateInit2 failed: insufficient memory (code -4)".
    public var description: String {
        let reason = message ?? String(cString: zError(code))
        return "zlib \(function) failed: \(reason) (code \(code))"
    }
}
