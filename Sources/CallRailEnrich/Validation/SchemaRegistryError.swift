/// A schema that ``SchemaRegistry`` could not load or add.
public struct SchemaRegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder at fault, or the schema's Iglu URI for a schema added in code.
    public let path: String

    /// The defect and what was expected instead.
    public let reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The full message, for example `/srv/iglu/schemas/com.acme/x/jsonschema/1-0-0: invalid JSON at
    /// byte 12: found '}', expected a JSON value`.
    public var description: String {
        "\(path): \(reason)"
    }
}
