/// One compiled schema object: its keywords parsed and checked once, grouped by the kind of value
/// they apply to, so that validating a value skips every group that cannot apply.
///
/// Nodes refer to each other by index into ``CompiledSchema``'s node array, which lets `$ref`
/// cycles exist without reference cycles between objects.
final class SchemaNode: Sendable {
    /// The node that a `$ref` points to.
    ///
    /// In draft 4 a `$ref` replaces every other keyword of its schema, so when this is set all
    /// other properties are empty.
    let reference: Int?

    /// The `type` keyword.
    let types: JSONTypeSet?

    /// The `type` names in the schema's order, for messages.
    let typeNames: [String]

    /// The `enum` values.
    let allowedValues: [JSONValue]?

    let objectRules: ObjectRules?
    let arrayRules: ArrayRules?
    let stringRules: StringRules?
    let numberRules: NumberRules?

    let allOf: [Int]
    let anyOf: [Int]
    let oneOf: [Int]

    /// The `not` subschema.
    let negated: Int?

    init(
        reference: Int? = nil,
        types: JSONTypeSet? = nil,
        typeNames: [String] = [],
        allowedValues: [JSONValue]? = nil,
        objectRules: ObjectRules? = nil,
        arrayRules: ArrayRules? = nil,
        stringRules: StringRules? = nil,
        numberRules: NumberRules? = nil,
        allOf: [Int] = [],
        anyOf: [Int] = [],
        oneOf: [Int] = [],
        negated: Int? = nil
    ) {
        self.reference = reference
        self.types = types
        self.typeNames = typeNames
        self.allowedValues = allowedValues
        self.objectRules = objectRules
        self.arrayRules = arrayRules
        self.stringRules = stringRules
        self.numberRules = numberRules
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.negated = negated
    }

    /// The nodes that validate the same value as this one (through `$ref`, `allOf`, `anyOf`,
    /// `oneOf`, `not` or a schema dependency), as opposed to a member or element of it.
    var sameValueSuccessors: [Int] {
        var successors = allOf + anyOf + oneOf
        if let reference { successors.append(reference) }
        if let negated { successors.append(negated) }
        for (_, dependency) in objectRules?.dependencies ?? [] {
            if case .schema(let node) = dependency { successors.append(node) }
        }
        return successors
    }
}

/// The JSON types that the `type` keyword names.
struct JSONTypeSet: OptionSet, Sendable {
    let rawValue: UInt8

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    /// A number literal without fraction or exponent: draft 4 counts `1.0` and `1e2` as numbers
    /// only.
    static let integer = JSONTypeSet(rawValue: 1 << 2)
    static let number = JSONTypeSet(rawValue: 1 << 3)
    static let string = JSONTypeSet(rawValue: 1 << 4)
    static let array = JSONTypeSet(rawValue: 1 << 5)
    static let object = JSONTypeSet(rawValue: 1 << 6)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The type for a draft-4 type name, or nil for an unknown name.
    init?(typeName: String) {
        switch typeName {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Returns whether a value has one of the types.
    @inline(__always)
    func accepts(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        case .number(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isIntegerLiteral
        }
    }
}

/// The rule for members that no `properties` or `patternProperties` entry covers, or for array
/// elements beyond a tuple-form `items`.
enum AdditionalRule: Sendable {
    case allowed
    case forbidden
    case schema(Int)
}

/// One entry of the `dependencies` keyword.
enum PropertyDependency: Sendable {
    /// The array form: these members must be present too.
    case members([String])
    /// The schema form: the whole object must also match this schema.
    case schema(Int)
}

/// The keywords that apply to objects.
final class ObjectRules: Sendable {
    /// A member name from `properties` or `required`.
    struct Property: Sendable {
        /// The `properties` subschema, or nil when the name appears only in `required`.
        let node: Int?
        let isRequired: Bool
    }

    /// Every name from `properties` and `required`, so one lookup per member serves both.
    let properties: PropertyTable<Property>
    let patternProperties: [(pattern: RegexPattern, node: Int)]
    let additionalProperties: AdditionalRule
    /// The `required` names without repeats, in schema order.
    let required: [String]
    let dependencies: [(name: String, dependency: PropertyDependency)]
    let minProperties: Int?
    let maxProperties: Int?

    init(
        properties: PropertyTable<Property>,
        patternProperties: [(pattern: RegexPattern, node: Int)],
        additionalProperties: AdditionalRule,
        required: [String],
        dependencies: [(name: String, dependency: PropertyDependency)],
        minProperties: Int?,
        maxProperties: Int?
    ) {
        self.properties = properties
        self.patternProperties = patternProperties
        self.additionalProperties = additionalProperties
        self.required = required
        self.dependencies = dependencies
        self.minProperties = minProperties
        self.maxProperties = maxProperties
    }
}

/// The `items` keyword.
enum ItemsRule: Sendable {
    case none
    /// One schema for every element.
    case all(Int)
    /// One schema per position; later elements fall under `additionalItems`.
    case tuple([Int])
}

/// The keywords that apply to arrays.
final class ArrayRules: Sendable {
    let items: ItemsRule
    let additionalItems: AdditionalRule
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool

    init(items: ItemsRule, additionalItems: AdditionalRule, minItems: Int?, maxItems: Int?, uniqueItems: Bool) {
        self.items = items
        self.additionalItems = additionalItems
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
    }
}

/// The keywords that apply to strings, where lengths count Unicode code points.
final class StringRules: Sendable {
    let minLength: Int?
    let maxLength: Int?
    let pattern: RegexPattern?
    let format: StringFormat?

    init(minLength: Int?, maxLength: Int?, pattern: RegexPattern?, format: StringFormat?) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
    }
}

/// A `minimum` or `maximum` with its `exclusiveMinimum` or `exclusiveMaximum` flag.
struct NumericBound: Sendable {
    let value: ExactDecimal
    /// The schema's literal, so messages show the number as the schema wrote it.
    let literal: String
    let isExclusive: Bool
}

/// The keywords that apply to numbers, compared exactly.
final class NumberRules: Sendable {
    let minimum: NumericBound?
    let maximum: NumericBound?
    let multipleOf: (value: ExactDecimal, literal: String)?

    init(minimum: NumericBound?, maximum: NumericBound?, multipleOf: (value: ExactDecimal, literal: String)?) {
        self.minimum = minimum
        self.maximum = maximum
        self.multipleOf = multipleOf
    }
}
