/// A fast yes-or-no check for schemas shaped like `call_complete`: an object whose properties each
/// allow a set of scalar types (optionally `format: date-time` on strings), with `required` and a
/// boolean `additionalProperties`.
///
/// It is built only when the schema uses nothing else, so that its result always equals the full
/// validator's. The full validator still produces the violation reports when this check fails.
struct FlatObjectSchema: Sendable {
    /// The JSON types a property allows, as bits.
    struct Types: OptionSet, Sendable {
        let rawValue: UInt8
        static let null = Types(rawValue: 1)
        static let boolean = Types(rawValue: 2)
        static let integer = Types(rawValue: 4)
        static let number = Types(rawValue: 8)
        static let string = Types(rawValue: 16)
    }

    struct Property: Sendable {
        var types: Types
        var isDateTime: Bool
    }

    private(set) var properties: [String: Property] = [:]
    private(set) var required: [String] = []
    private(set) var allowsAdditionalProperties = true

    /// Reads the schema, or returns nil when it uses any keyword this check does not cover.
    init?(_ schema: JSONValue) {
        guard let object = schema.objectValue else { return nil }
        let ignored: Set<String> = ["$schema", "description", "self", "title", "id"]
        for (key, value) in object.members {
            switch key {
            case "type":
                guard value.stringValue == "object" else { return nil }
            case "properties":
                guard let members = value.objectValue else { return nil }
                for (name, propertySchema) in members.members {
                    guard let property = FlatObjectSchema.property(propertySchema) else { return nil }
                    properties[name] = property
                }
            case "required":
                guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count
                else { return nil }
                required = names
            case "additionalProperties":
                guard let flag = value.boolValue else { return nil }
                allowsAdditionalProperties = flag
            default:
                guard ignored.contains(key) else { return nil }
            }
        }
        guard object["type"] != nil else { return nil }
    }

    private static func property(_ schema: JSONValue) -> Property? {
        guard let object = schema.objectValue else { return nil }
        var types: Types = []
        var isDateTime = false
        for (key, value) in object.members {
            switch key {
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                guard !names.isEmpty else { return nil }
                for name in names {
                    switch name {
                    case "null": types.insert(.null)
                    case "boolean": types.insert(.boolean)
                    case "integer": types.insert(.integer)
                    case "number": types.insert(.number)
                    case "string": types.insert(.string)
                    default: return nil
                    }
                }
            case "format":
                guard value.stringValue == "date-time" else { return nil }
                isDateTime = true
            case "description":
                continue
            default:
                return nil
            }
        }
        guard !types.isEmpty else { return nil }
        return Property(types: types, isDateTime: isDateTime)
    }

    /// Returns whether a value of a kind fits a property's types.
    static func fits(_ kind: Types, _ property: Property) -> Bool {
        if kind == .integer {
            return !property.types.isDisjoint(with: [.integer, .number])
        }
        return property.types.contains(kind)
    }
}
