/// A JSON value that keeps what JSON Schema needs: numbers as written, booleans apart from
/// numbers, and object members in the order they were given.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number kept as its literal text, so that `1` and `1.0` and integers beyond 2^53 stay
/// distinguishable.
public struct JSONNumber: Sendable, Hashable {
    /// The number's JSON literal, for example `247`, `-1.5` or `1e3`.
    public let literal: String

    /// Creates a number from a literal that is already valid JSON number syntax.
    public init(literal: String) {
        self.literal = literal
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// Whether the literal has neither a fraction nor an exponent.
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The nearest double; large integers lose precision here, so comparisons use ``literal`` too.
    public var doubleValue: Double {
        Double(literal) ?? .nan
    }
}

/// A JSON object whose members keep their order. Keys are unique: setting a key again replaces
/// its value in place.
public struct JSONObject: Sendable {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// Creates an object from members; a repeated key keeps its first position and its last value.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members {
            self[member.key] = member.value
        }
    }

    /// Creates an object from members whose keys the caller has already made unique.
    ///
    /// It skips the quadratic duplicate check of ``init(_:)``; the parser and the CallRail adapter
    /// both collapse duplicates themselves.
    public init(uniqueMembers: [(key: String, value: JSONValue)]) {
        self.members = uniqueMembers
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Returns the value for a key, or nil when the object has no such member.
    public subscript(key: String) -> JSONValue? {
        get {
            members.first { $0.key == key }?.value
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }
}
