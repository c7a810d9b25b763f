/// Percent-decoding on bytes, with the two CloudFront and form-encoding variations the logs need.
public enum PercentDecoding {
    /// Rewrites every `%25XY` (XY two hex digits) to `%XY`, once, left to right. CloudFront escapes
    /// the `%` of an escape the client sent, so `%2B` is logged as `%252B`.
    public static func unwrapCloudFrontEscapes(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 4 < count, input[index + 1] == UInt8(ascii: "2"),
                input[index + 2] == UInt8(ascii: "5"), isHexDigit(input[index + 3]), isHexDigit(input[index + 4])
            {
                output.append(UInt8(ascii: "%"))
                index += 3
                continue
            }
            output.append(byte)
            index += 1
        }
    }

    /// Whether the bytes contain `%25XY`, so that ``unwrapCloudFrontEscapes(_:into:)`` would change them.
    public static func containsCloudFrontEscape(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 4 < input.count {
            if input[index] == UInt8(ascii: "%"), input[index + 1] == UInt8(ascii: "2"),
                input[index + 2] == UInt8(ascii: "5"), isHexDigit(input[index + 3]), isHexDigit(input[index + 4])
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// Decodes `%XY` escapes (and `+` as a space when `plusIsSpace`) and returns the text, with
    /// U+FFFD for bytes that are not UTF-8. Invalid escapes stay as written; both kinds are counted.
    public static func decode(
        _ input: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool, scratch: inout [UInt8],
        warnings: inout DecodingWarnings
    ) -> String {
        var needsWork = false
        var isASCII = true
        for byte in input {
            if byte == UInt8(ascii: "%") || (plusIsSpace && byte == UInt8(ascii: "+")) {
                needsWork = true
            }
            if byte >= 0x80 {
                isASCII = false
            }
        }
        if !needsWork {
            return makeString(input, isASCII: isASCII, warnings: &warnings)
        }

        scratch.removeAll(keepingCapacity: true)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    let decoded = high << 4 | low
                    if decoded >= 0x80 { isASCII = false }
                    scratch.append(decoded)
                    index += 3
                    continue
                }
                warnings.invalidPercentEscapes += 1
                scratch.append(byte)
            } else if plusIsSpace && byte == UInt8(ascii: "+") {
                scratch.append(UInt8(ascii: " "))
            } else {
                scratch.append(byte)
            }
            index += 1
        }
        return scratch.withUnsafeBufferPointer { makeString($0, isASCII: isASCII, warnings: &warnings) }
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
