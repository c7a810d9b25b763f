/// Validates call data against one `com.callrail/call_complete` schema from a registry.
public struct CallCompleteValidator: CallDataValidator {
    public let schemaKey: String
    private let compiled: CompiledSchema
    /// The schema as a fast check, when it is simple enough to have one.
    let flatSchema: FlatObjectSchema?

    /// Picks the schema version from the registry.
    /// - Throws: ``UnknownSchemaVersionError`` listing the versions the registry has.
    public init(registry: SchemaRegistry, version: String) throws {
        let available = registry.availableVersions(vendor: "com.callrail", name: "call_complete")
        guard let schemaVer = SchemaVer(version),
            let compiled = registry.validator(
                for: SchemaKey(vendor: "com.callrail", name: "call_complete", version: schemaVer))
        else {
            throw UnknownSchemaVersionError(version: version, available: available.map(\.description))
        }
        self.compiled = compiled
        flatSchema = registry.schema(for: SchemaKey(vendor: "com.callrail", name: "call_complete", version: schemaVer))
            .flatMap(FlatObjectSchema.init)
        schemaKey = "iglu:com.callrail/call_complete/jsonschema/\(version)"
    }

    public func validate(_ data: JSONObject) -> [ValidationViolation] {
        compiled.validate(data)
    }
}

/// A `call_complete` version that no loaded schema provides.
public struct UnknownSchemaVersionError: Error, CustomStringConvertible {
    public var version: String
    public var available: [String]

    public var description: String {
        "unknown call_complete schema version '\(version)'; available versions: \(available.joined(separator: ", "))"
    }
}
