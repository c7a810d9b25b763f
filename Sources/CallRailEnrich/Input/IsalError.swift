import CIsal

/// An ISA-L call that returned an error code, such as `isal_deflate` rejecting a compression level.
public struct IsalError: Error, CustomStringConvertible {
    /// The ISA-L function that failed, such as "isal_deflate".
    public let function: String

    /// The ISA-L return code, such as `ISAL_INVALID_LEVEL` (-4).
    public let code: Int32

    /// A message such as "ISA-L isal_deflate failed: invalid compression level (code -4)".
    public var description: String {
        "ISA-L \(function) failed: \(reason) (code \(code))"
    }

    /// The meaning of the compression return codes in igzip_lib.h.
    private var reason: String {
        switch code {
        case INVALID_FLUSH:
            return "invalid flush type"
        case INVALID_PARAM:
            return "invalid parameter"
        case ISAL_INVALID_STATE:
            return "invalid stream state"
        case ISAL_INVALID_LEVEL:
            return "invalid compression level"
        case ISAL_INVALID_LEVEL_BUF:
            return "level buffer too small for the compression level"
        case ISAL_INVALID_OPERATION:
            return "invalid operation"
        default:
            return "unknown error"
        }
    }
}
