import CZlib

/// Compresses byte buffers into complete gzip members, reusing one zlib deflate stream.
///
/// Each `encode` call appends one whole member, with header and CRC-32 trailer, so the output of
/// several calls written back to back is a valid multi-member gzip file. This type is the only
/// code that touches the deflate `z_stream`. The stream lives in its own allocation because zlib
/// keeps a pointer back to it and checks that pointer on every call.
public final class GzipMemberEncoder {
    /// The zlib compression level, from 0 (stored) to 9 (smallest), or -1 for zlib's default.
    public let level: Int32

    /// Window bits 15 (32 KiB window) plus 16, which selects the gzip wrapper.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// zlib's default memory level, which sizes the internal hash tables.
    private static let memoryLevel: Int32 = 8
    /// Output space added per deflate call when the first estimate did not suffice.
    private static let extraOutputBytes = 64 * 1024

    private let stream: UnsafeMutablePointer<z_stream>

    /// Creates an encoder at a zlib compression level.
    ///
    /// - Parameter level: From 0 (stored) to 9 (smallest), or -1 for zlib's default (6).
    /// - Throws: `ZlibError` when zlib cannot allocate its state.
    public init(level: Int32 = 1) throws(ZlibError) {
        precondition((-1...9).contains(level), "level must be between -1 and 9, got \(level)")
        self.level = level
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream,
            level,
            Z_DEFLATED,
            Self.gzipWindowBits,
            Self.memoryLevel,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else {
            let message = stream.pointee.msg.map { String(cString: $0) }
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZlibError(function: "deflateInit2", code: status, message: message)
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Appends `bytes` to `output` as one complete gzip member.
    public func encode(_ bytes: [UInt8], appendingTo output: inout [UInt8]) {
        bytes.withUnsafeBytes { encode($0, appendingTo: &output) }
    }

    /// Appends `bytes` to `output` as one complete gzip member.
    ///
    /// Empty input gives an empty member of 20 bytes.
    public func encode(_ bytes: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let status = deflateReset(stream)
        precondition(status == Z_OK, "deflateReset failed with code \(status) on a stream that deflateInit2 set up")

        // zlib counts input in 32 bits, so larger buffers are fed in pieces.
        var remaining = bytes
        repeat {
            let pieceCount = min(remaining.count, Int(UInt32.max))
            let piece = UnsafeRawBufferPointer(rebasing: remaining[..<pieceCount])
            remaining = UnsafeRawBufferPointer(rebasing: remaining[pieceCount...])
            deflate(piece, isLast: remaining.isEmpty, appendingTo: &output)
        } while !remaining.isEmpty
    }

    /// Runs deflate until all of `piece` is consumed and, for the last piece, the member is finished.
    private func deflate(_ piece: UnsafeRawBufferPointer, isLast: Bool, appendingTo output: inout [UInt8]) {
        let flush = isLast ? Z_FINISH : Z_NO_FLUSH
        // deflateBound gives enough space for the whole member in one call, header and trailer included.
        var room = min(Int(deflateBound(stream, uLong(piece.count))), Int(UInt32.max))
        var consumed = 0
        while true {
            let start = output.count
            output.appendZeroBytes(count: room)
            let (code, bytesConsumed, bytesProduced) = output.withUnsafeMutableBytes { buffer in
                let input = UnsafeRawBufferPointer(rebasing: piece[consumed...])
                let free = UnsafeMutableRawBufferPointer(rebasing: buffer[start...])
                return runDeflate(from: input, into: free, flush: flush)
            }
            output.removeLast(room - bytesProduced)
            consumed += bytesConsumed

            switch code {
            case Z_STREAM_END:
                return
            case Z_OK, Z_BUF_ERROR:
                if !isLast && consumed == piece.count {
                    return
                }
                room = Self.extraOutputBytes
            default:
                preconditionFailure("deflate failed with code \(code) on a stream that deflateInit2 set up")
            }
        }
    }

    /// Calls deflate once; the pointers are cleared before returning.
    private func runDeflate(
        from input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        flush: Int32
    )
        -> (code: Int32, consumed: Int, produced: Int)
    {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            stream.pointee.next_out = nil
            stream.pointee.avail_out = 0
        }
        let code = CZlib.deflate(stream, flush)
        return (code, input.count - Int(stream.pointee.avail_in), output.count - Int(stream.pointee.avail_out))
    }
}
