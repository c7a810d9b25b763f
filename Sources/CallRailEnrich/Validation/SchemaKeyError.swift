/// Text that is not an Iglu schema URI.
public struct SchemaKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String

    /// The part that is wrong and what was expected.
    public let reason: String

    /// The full message, for example `invalid Iglu schema URI 'iglu:a/b': expected 4 parts ...`.
    public var description: String {
        "invalid Iglu schema URI '\(text)': \(reason); expected the form iglu:vendor/name/format/1-0-0"
    }
}
