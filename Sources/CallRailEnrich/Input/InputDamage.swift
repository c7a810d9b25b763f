/// Damage found in an input file's bytes; `InputFile.damage` is nil when the file is sound.
///
/// Damage never aborts a run. The lines decoded before the damage are still delivered, and the
/// pipeline reports the file as damaged.
public enum InputDamage: Equatable, Sendable, CustomStringConvertible {
    /// The stream ended inside a gzip member: in its header, its compressed data or its trailer.
    case truncated

    /// Bytes after a complete gzip member that do not start another member.
    ///
    /// `offset` is the position of the first such byte in the compressed file, counted from 0.
    case trailingGarbage(offset: Int)

    /// zlib rejected the compressed data, for example a bad block type or a CRC-32 mismatch.
    ///
    /// `message` is zlib's own message (`z_stream.msg`). Decoding stops at this point.
    case corrupt(message: String)

    /// A short lowercase phrase for reports, such as "trailing garbage at byte 1234".
    public var description: String {
        switch self {
        case .truncated:
            return "truncated gzip stream"
        case .trailingGarbage(let offset):
            return "trailing garbage at byte \(offset)"
        case .corrupt(let message):
            return "corrupt gzip data: \(message)"
        }
    }
}
