#if canImport(Glibc)
import Glibc
#endif

/// Percent-decoding on bytes, with the two CloudFront and form-encoding variations the logs need.
public enum PercentDecoding {
    /// Rewrites every `%25XY` (XY two hex digits) to `%XY`, once, left to right. CloudFront escapes
    /// the `%` of an escape the client sent, so `%2B` is logged as `%252B`.
    public static func unwrapCloudFrontEscapes(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        guard let base = input.baseAddress else { return }
        let count = input.count
        var copied = 0
        var index = 0
        while index < count {
            // Jump to the next '%' with memchr; everything before it is copied in one piece.
            guard let found = memchr(base + index, Int32(UInt8(ascii: "%")), count - index) else { break }
            let percent = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if percent + 4 < count, base[percent + 1] == UInt8(ascii: "2"), base[percent + 2] == UInt8(ascii: "5"),
                isHexDigit(base[percent + 3]), isHexDigit(base[percent + 4])
            {
                output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: percent + 1 - copied))
                copied = percent + 3
                index = percent + 3
            } else {
                index = percent + 1
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
    }

    /// Decodes `%XY` escapes (and `+` as a space when `plusIsSpace`) and returns the text, with
    /// U+FFFD for bytes that are not UTF-8. Invalid escapes stay as written; both kinds are counted.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool, scratch: inout [UInt8],
        warnings: inout DecodingWarnings
    ) -> String {
        let count = input.count
        guard count > 0, let base = input.baseAddress else { return "" }
        var firstSpecial = count
        var isASCII = true
        for index in 0..<count {
            let byte = base[index]
            if byte == UInt8(ascii: "%") || (plusIsSpace && byte == UInt8(ascii: "+")) {
                firstSpecial = index
                break
            }
            if byte >= 0x80 { isASCII = false }
        }
        if firstSpecial == count {
            return makeString(input, isASCII: isASCII, warnings: &warnings)
        }

        if scratch.count < count {
            scratch = [UInt8](repeating: 0, count: max(count, 256))
        }
        let length = scratch.withUnsafeMutableBufferPointer { output -> Int in
            // The output is never longer than the input, and `scratch` has room for at least `count` bytes.
            let out = output.baseAddress!
            var written = 0
            for index in 0..<firstSpecial {
                out[index] = base[index]
            }
            written = firstSpecial
            var index = firstSpecial
            while index < count {
                let byte = base[index]
                if byte == UInt8(ascii: "%") {
                    if index + 2 < count, let high = hexValue(base[index + 1]), let low = hexValue(base[index + 2]) {
                        let decoded = high << 4 | low
                        if decoded >= 0x80 { isASCII = false }
                        out[written] = decoded
                        written += 1
                        index += 3
                        continue
                    }
                    warnings.invalidPercentEscapes += 1
                    out[written] = byte
                } else if plusIsSpace && byte == UInt8(ascii: "+") {
                    out[written] = UInt8(ascii: " ")
                } else {
                    if byte >= 0x80 { isASCII = false }
                    out[written] = byte
                }
                written += 1
                index += 1
            }
            return written
        }
        return scratch.withUnsafeBufferPointer {
            makeString(UnsafeBufferPointer(rebasing: $0[0..<length]), isASCII: isASCII, warnings: &warnings)
        }
    }

    /// Makes a String from bytes, counting a warning when they are not valid UTF-8.
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, warnings: inout DecodingWarnings)
        -> String
    {
        if isASCII {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let valid = String(validating: bytes, as: UTF8.self) {
            return valid
        }
        warnings.invalidUTF8 += 1
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        hexValue(byte) != nil
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
