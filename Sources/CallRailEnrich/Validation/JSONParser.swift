/// A strict RFC 8259 JSON parser from UTF-8 bytes to ``JSONValue``.
///
/// The parser accepts exactly the RFC 8259 grammar and rejects everything else with a
/// ``JSONParseError`` that names the byte offset:
/// - Any value may stand at the top level, with optional whitespace (space, tab, LF, CR) around
///   it. A byte order mark is rejected like any other unexpected byte.
/// - Trailing commas, comments, single quotes, `NaN` and `Infinity` are rejected.
/// - Numbers follow `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and keep their literal text,
///   so `-0`, `1.0`, `1e400` and integers beyond 2^64 survive unchanged.
/// - Strings must be well-formed UTF-8 without raw control characters (U+0000 to U+001F).
/// - A `\u` escape of a UTF-16 high surrogate must be directly followed by an escaped low
///   surrogate. A lone surrogate is rejected rather than replaced by U+FFFD.
/// - A repeated member name keeps its first position and takes its last value, as ``JSONObject``
///   does. Names are compared by their bytes, not by Unicode canonical equivalence.
/// - Arrays and objects may nest at most ``maximumDepth`` levels. The parser itself does not
///   recurse, but releasing, writing or validating a nested ``JSONValue`` does, so the limit keeps
///   hostile input from exhausting the stack later.
public struct JSONParser: Sendable {
    /// The nesting limit that ``init(maximumDepth:)`` uses when no limit is given.
    public static let defaultMaximumDepth = 512

    /// The deepest nesting of arrays and objects that is accepted; a top-level array has depth 1.
    public var maximumDepth: Int

    /// Creates a parser.
    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON document.
    /// - Throws: ``JSONParseError`` naming the byte offset where the input stopped being valid JSON.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONByteReader(bytes: bytes, maximumDepth: maximumDepth)
        return try reader.readDocument()
    }

    /// Parses one JSON document.
    /// - Throws: ``JSONParseError`` naming the byte offset where the input stopped being valid JSON.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        try parse(bytes.bindMemory(to: UInt8.self))
    }

    /// Parses one JSON document from any byte sequence, such as `[UInt8]` or `ArraySlice<UInt8>`.
    /// - Throws: ``JSONParseError`` naming the byte offset where the input stopped being valid JSON.
    public func parse<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }.get()
    }

    /// Parses one JSON document from text.
    /// - Throws: ``JSONParseError`` naming the byte offset (in UTF-8) where the text stopped being
    ///   valid JSON.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }.get()
    }
}

/// An object whose members are still being read.
private struct OpenObject {
    var members: [(key: String, value: JSONValue)] = []

    /// The position of each member name, built once the object is large enough to need it.
    var memberIndexByKey: [ExactStringKey: Int] = [:]

    /// The name of the member whose value is being read.
    var pendingKey: String

    /// Adds the pending member, or replaces the value of an earlier member with the same name in
    /// place.
    ///
    /// Small objects are searched linearly. From 16 members on, a dictionary keeps the check
    /// linear in the object's size, so an object with many members cannot make parsing quadratic.
    mutating func insertPendingMember(_ value: JSONValue) {
        let linearLimit = 16
        if members.count < linearLimit {
            if let existing = members.firstIndex(where: { $0.key.hasSameUTF8(as: pendingKey) }) {
                members[existing].value = value
            } else {
                members.append((pendingKey, value))
            }
            return
        }

        if memberIndexByKey.isEmpty {
            for (offset, member) in members.enumerated() {
                memberIndexByKey[ExactStringKey(member.key)] = offset
            }
        }
        if let existing = memberIndexByKey[ExactStringKey(pendingKey)] {
            members[existing].value = value
        } else {
            memberIndexByKey[ExactStringKey(pendingKey)] = members.count
            members.append((pendingKey, value))
        }
    }
}

/// The parser's cursor over one document.
///
/// Nested arrays and objects are read with explicit stacks of open containers instead of
/// recursion, so parsing needs the same stack space at any depth.
private struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0

    /// Whether each array or object that encloses the current position is an array, innermost last.
    var openContainerIsArray: [Bool] = []

    /// The elements of the enclosing arrays and the members of the enclosing objects, innermost
    /// last.
    ///
    /// They are kept in separate stacks and mutated in place, because taking a container out of an
    /// enum to add a member would copy it.
    var openArrays: [[JSONValue]] = []
    var openObjects: [OpenObject] = []

    /// The decoded bytes of the string being read, reused for every string that has escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard position == bytes.count else {
            throw failure(
                .trailingContent,
                "found \(describeByte(at: position)) after the top-level value, expected the end of the input"
            )
        }
        return value
    }

    // MARK: Values

    /// Reads one value, with everything nested in it, starting at the current position.
    mutating func readValue() throws(JSONParseError) -> JSONValue {
        while true {
            // Read a scalar, an empty container, or the start of a container. A container that
            // has members is opened, and the loop goes on with its first member's value.
            guard var value = try readValueStart() else { continue }

            // Add the finished value to the containers it completes, innermost first.
            while let isArray = openContainerIsArray.last {
                let finished = isArray ? try appendToArray(value) : try appendToObject(value)
                guard let finished else { break }
                value = finished
            }
            if openContainerIsArray.isEmpty {
                return value
            }
        }
    }

    /// Reads a scalar or an empty container and returns it, or opens a container with members
    /// and returns nil.
    mutating func readValueStart() throws(JSONParseError) -> JSONValue? {
        guard position < bytes.count else {
            throw unexpected("", expected: "a JSON value")
        }
        switch bytes[position] {
        case UInt8(ascii: "["):
            try checkDepth()
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array([])
            }
            openContainerIsArray.append(true)
            openArrays.append([])
            return nil
        case UInt8(ascii: "{"):
            try checkDepth()
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject(uniqueMembers: []))
            }
            let key = try readMemberName()
            openContainerIsArray.append(false)
            openObjects.append(OpenObject(pendingKey: key))
            return nil
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try readNumber())
        default:
            throw unexpected("", expected: "a JSON value")
        }
    }

    /// Adds a finished value to the innermost open array, then reads the separator after it.
    ///
    /// - Returns: The array when it ends here, or nil when another element follows.
    mutating func appendToArray(_ value: JSONValue) throws(JSONParseError) -> JSONValue? {
        openArrays[openArrays.count - 1].append(value)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            return nil
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else {
            throw unexpected(" in an array", expected: "',' or ']'")
        }
        position += 1
        openContainerIsArray.removeLast()
        return .array(openArrays.removeLast())
    }

    /// Adds a finished value to the innermost open object, then reads the separator after it and,
    /// when another member follows, that member's name.
    ///
    /// - Returns: The object when it ends here, or nil when another member follows.
    mutating func appendToObject(_ value: JSONValue) throws(JSONParseError) -> JSONValue? {
        openObjects[openObjects.count - 1].insertPendingMember(value)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            openObjects[openObjects.count - 1].pendingKey = try readMemberName()
            return nil
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
            throw unexpected(" in an object", expected: "',' or '}'")
        }
        position += 1
        openContainerIsArray.removeLast()
        return .object(JSONObject(uniqueMembers: openObjects.removeLast().members))
    }

    /// Reads `"name" :` and leaves the position at the member's value.
    mutating func readMemberName() throws(JSONParseError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw unexpected("", expected: "a member name in double quotes")
        }
        let key = try readString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw unexpected(" after a member name", expected: "':'")
        }
        position += 1
        skipWhitespace()
        return key
    }

    /// Checks that one more array or object fits within ``maximumDepth``.
    func checkDepth() throws(JSONParseError) {
        guard openContainerIsArray.count < maximumDepth else {
            throw failure(.nestingTooDeep, "arrays and objects are nested more than \(maximumDepth) levels deep")
        }
    }

    mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        for offset in 0..<literal.utf8CodeUnitCount {
            let index = start + offset
            guard index < bytes.count else {
                position = index
                throw failure(.unexpectedEnd, "found the end of the input inside '\(literal)'")
            }
            guard bytes[index] == literal.utf8Start[offset] else {
                position = index
                throw failure(.unexpectedByte, "found \(describeByte(at: index)), expected '\(literal)'")
            }
        }
        position = start + literal.utf8CodeUnitCount
    }

    // MARK: Numbers

    mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
        }

        guard position < bytes.count, isDigit(bytes[position]) else {
            throw numberFailure("expected a digit after '-'")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw numberFailure("a number must not have a leading zero")
            }
        } else {
            skipDigits()
        }

        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw numberFailure("expected a digit after the decimal point")
            }
            skipDigits()
        }

        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw numberFailure("expected a digit in the exponent")
            }
            skipDigits()
        }

        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(literal: literal)
    }

    func numberFailure(_ expectation: String) -> JSONParseError {
        let found = position < bytes.count ? describeByte(at: position) : "the end of the input"
        return failure(.invalidNumber, "found \(found) in a number: \(expectation)")
    }

    mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) {
            position += 1
        }
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at the current position.
    ///
    /// Strings without escapes, the common case, become a `String` straight from the input bytes;
    /// only strings with escapes are decoded through ``scratch``.
    mutating func readString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        let start = position

        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") {
                break
            }
            if byte < 0x20 {
                throw controlCharacterFailure(byte)
            }
            if byte < 0x80 {
                position += 1
            } else {
                try skipMultibyteScalar()
            }
        }
        guard position < bytes.count else {
            throw unterminatedString(openingQuote)
        }

        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape()
            } else if byte < 0x20 {
                throw controlCharacterFailure(byte)
            } else if byte < 0x80 {
                scratch.append(byte)
                position += 1
            } else {
                let scalarStart = position
                try skipMultibyteScalar()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[scalarStart..<position]))
            }
        }
        throw unterminatedString(openingQuote)
    }

    /// Decodes the escape at the current position into ``scratch``.
    mutating func readEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else {
            throw failure(.unexpectedEnd, "found the end of the input inside an escape sequence")
        }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            scratch.append(letter)
        case UInt8(ascii: "b"):
            scratch.append(0x08)
        case UInt8(ascii: "f"):
            scratch.append(0x0C)
        case UInt8(ascii: "n"):
            scratch.append(0x0A)
        case UInt8(ascii: "r"):
            scratch.append(0x0D)
        case UInt8(ascii: "t"):
            scratch.append(0x09)
        case UInt8(ascii: "u"):
            try readUnicodeEscape(escapeStart: escapeStart)
        default:
            position = escapeStart
            throw failure(
                .invalidEscape,
                "found the escape '\\\(describeASCII(letter))', "
                    + "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
            )
        }
    }

    /// Decodes `\uXXXX`, or a surrogate pair `\uD83D\uDCA9`, whose `u` has just been read.
    mutating func readUnicodeEscape(escapeStart: Int) throws(JSONParseError) {
        let unit = try readHexCodeUnit(escapeStart: escapeStart)
        let scalarValue: UInt32
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = position
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else {
                position = escapeStart
                throw failure(
                    .invalidEscape,
                    "found the high surrogate \(hexEscape(unit)) without a following low surrogate escape, "
                        + "and lone surrogates are rejected"
                )
            }
            position += 2
            let low = try readHexCodeUnit(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw failure(
                    .invalidEscape,
                    "found the high surrogate \(hexEscape(unit)) followed by \(hexEscape(low)), "
                        + "expected a low surrogate (\\uDC00 to \\uDFFF)"
                )
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            position = escapeStart
            throw failure(
                .invalidEscape,
                "found the low surrogate \(hexEscape(unit)) without a preceding high surrogate, "
                    + "and lone surrogates are rejected"
            )
        default:
            scalarValue = UInt32(unit)
        }

        guard let scalar = Unicode.Scalar(scalarValue) else {
            preconditionFailure("surrogates were combined or rejected above, so \(scalarValue) is a scalar value")
        }
        UTF8.encode(scalar) { scratch.append($0) }
    }

    /// Reads the four hex digits of a `\u` escape.
    mutating func readHexCodeUnit(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else {
                throw failure(.unexpectedEnd, "found the end of the input inside a \\u escape")
            }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure(
                    .invalidEscape,
                    "found \(describeByte(at: position)) in a \\u escape, expected four hex digits"
                )
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    /// Checks the UTF-8 sequence that starts at the current position and moves past it.
    ///
    /// The accepted ranges are those of well-formed UTF-8 in the Unicode Standard (table 3-7):
    /// no overlong forms, no encoded surrogates, nothing above U+10FFFF.
    mutating func skipMultibyteScalar() throws(JSONParseError) {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default:
            throw failure(.invalidUTF8, "found \(describeByte(at: position)), which cannot start a UTF-8 sequence")
        }

        for offset in 1..<length {
            let index = position + offset
            let range = offset == 1 ? secondRange : 0x80...0xBF
            guard index < bytes.count, range.contains(bytes[index]) else {
                let found = index < bytes.count ? describeByte(at: index) : "the end of the input"
                position = index
                throw failure(.invalidUTF8, "found \(found) inside a UTF-8 sequence, expected a continuation byte")
            }
        }
        position += length
    }

    /// Builds the error for an unexpected byte, or for the end of the input, at the current position.
    func unexpected(_ context: StaticString, expected: StaticString) -> JSONParseError {
        guard position < bytes.count else {
            return failure(.unexpectedEnd, "found the end of the input\(context), expected \(expected)")
        }
        return failure(.unexpectedByte, "found \(describeByte(at: position))\(context), expected \(expected)")
    }

    func controlCharacterFailure(_ byte: UInt8) -> JSONParseError {
        failure(.controlCharacter, "found the control character \(hexByte(byte)) in a string, which must be escaped")
    }

    func unterminatedString(_ openingQuote: Int) -> JSONParseError {
        failure(.unexpectedEnd, "found the end of the input inside the string that starts at byte \(openingQuote)")
    }

    // MARK: Helpers

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                position += 1
            default:
                return
            }
        }
    }

    func failure(_ kind: JSONParseError.Kind, _ detail: String) -> JSONParseError {
        JSONParseError(kind: kind, offset: position, detail: detail)
    }

    /// Describes the byte at an offset for a message: `'}'` for printable ASCII, `byte 0xFF` otherwise.
    func describeByte(at index: Int) -> String {
        guard index < bytes.count else { return "the end of the input" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F {
            return "'\(describeASCII(byte))'"
        }
        return "byte \(hexByte(byte))"
    }

    func describeASCII(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : hexByte(byte)
    }

    func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    func hexEscape(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
