/// Compact JSON text built into a byte buffer: no whitespace, `"` and `\` escaped, control
/// characters escaped (`\b \f \n \r \t`, others as `\u00xx`), `/` and non-ASCII written as is.
public struct JSONWriter {
    /// The UTF-8 text written so far.
    public var bytes: [UInt8]

    /// Creates a writer with an empty buffer of the given capacity.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends raw bytes that are already valid JSON text.
    @inline(__always)
    public mutating func appendRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes that are already valid JSON text.
    @inline(__always)
    public mutating func appendRaw<S: Sequence>(_ raw: S) where S.Element == UInt8 {
        bytes.append(contentsOf: raw)
    }

    /// Appends a string as a quoted, escaped JSON string.
    public mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { appendString(utf8: $0) }
    }

    /// Appends UTF-8 bytes as a quoted, escaped JSON string. The bytes must be valid UTF-8.
    public mutating func appendString(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        let count = utf8.count
        var index = 0
        while index < count {
            let byte = utf8[index]
            // Most bytes need no escape; one comparison rules them out.
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            appendEscape(byte)
            index += 1
            runStart = index
        }
        if runStart < count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string, or `null` when it is nil.
    public mutating func appendOptionalString(_ string: String?) {
        if let string {
            appendString(string)
        } else {
            appendRaw("null")
        }
    }

    /// Appends any JSON value.
    public mutating func append(_ value: JSONValue) {
        switch value {
        case .null:
            appendRaw("null")
        case .bool(let flag):
            flag ? appendRaw("true") : appendRaw("false")
        case .number(let number):
            appendRaw(number.literal.utf8)
        case .string(let string):
            appendString(string)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(member.key)
                bytes.append(UInt8(ascii: ":"))
                append(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}

extension JSONValue {
    /// The compact JSON text of this value.
    public var compactText: String {
        var writer = JSONWriter()
        writer.append(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
