/// The reason ``JSONParser`` rejected a document, with the byte offset where it stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of defect, for callers that react to some kinds differently.
    public enum Kind: Sendable, Equatable {
        /// A byte that cannot start or continue the construct being read.
        case unexpectedByte
        /// The input ended inside a value.
        case unexpectedEnd
        /// A number that breaks the RFC 8259 number grammar, such as `01`, `1.` or `-`.
        case invalidNumber
        /// A backslash escape that is unknown, truncated or a lone UTF-16 surrogate.
        case invalidEscape
        /// A raw control character (U+0000 to U+001F) inside a string.
        case controlCharacter
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// Arrays and objects nested deeper than the parser's limit.
        case nestingTooDeep
        /// Anything but whitespace after the top-level value.
        case trailingContent
    }

    /// The kind of defect.
    public let kind: Kind

    /// The zero-based offset of the byte where parsing stopped.
    public let offset: Int

    /// The found and the expected input, without the offset.
    public let detail: String

    /// Creates an error.
    public init(kind: Kind, offset: Int, detail: String) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    /// The full message, for example `invalid JSON at byte 7: found '}', expected a value`.
    public var description: String {
        "invalid JSON at byte \(offset): \(detail)"
    }
}
