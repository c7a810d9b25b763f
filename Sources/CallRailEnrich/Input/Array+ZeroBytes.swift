/// Zero bytes to append from, kept contiguous so that appending copies them in bulk.
private let zeroBytes = [UInt8](repeating: 0, count: 64 * 1024)

extension Array where Element == UInt8 {
    /// Appends `count` zero bytes, as space for read(2) or zlib to write into.
    ///
    /// Appending from a contiguous buffer copies in bulk even in debug builds, where appending
    /// `repeatElement(0, count:)` copies one byte at a time (about 200 ms per MiB, measured with
    /// Swift 6.3.1 at -Onone).
    mutating func appendZeroBytes(count: Int) {
        var remaining = count
        while remaining > 0 {
            let pieceCount = Swift.min(remaining, zeroBytes.count)
            zeroBytes.withUnsafeBufferPointer { zeros in
                append(contentsOf: UnsafeBufferPointer(rebasing: zeros[..<pieceCount]))
            }
            remaining -= pieceCount
        }
    }
}
