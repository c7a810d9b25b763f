/// A schema that ``CompiledSchema`` cannot compile: a keyword with a value of the wrong kind, a
/// pattern that does not compile, a `$ref` that resolves to nothing, or a `$ref` cycle that never
/// descends into the value.
public struct SchemaCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The location of the defective schema as a URI with a JSON Pointer fragment, for example
    /// `#/properties/id` (the fragment alone for the schema being compiled).
    public let location: String

    /// The defect and what was expected instead.
    public let detail: String

    /// Creates an error.
    public init(location: String, detail: String) {
        self.location = location
        self.detail = detail
    }

    /// The full message, for example `invalid schema at #/properties/id: minLength must be a
    /// non-negative integer, found -1`.
    public var description: String {
        "invalid schema at \(location): \(detail)"
    }
}
