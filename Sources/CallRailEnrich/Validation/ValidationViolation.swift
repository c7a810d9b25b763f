/// One way in which a JSON value breaks its schema.
public struct ValidationViolation: Sendable, Equatable {
    /// The JSONPath of the offending value: `$` for the whole value, `$.id` for a member,
    /// `$.items[2].name` inside arrays, and `$['two words']` for member names that are not
    /// identifiers (letters, digits and `_`, not starting with a digit).
    public var path: String

    /// The schema keyword that failed, for example `required`, `type`, `additionalProperties`,
    /// `format` or `anyOf`.
    public var keyword: String

    /// The path followed by what is wrong and what was expected, for example
    /// `$.duration: "13s" is a string, expected number or null`.
    public var message: String

    /// The member names involved: every unexpected name for `additionalProperties`, the missing
    /// name for `required` and `dependencies`; empty for other keywords.
    public var targets: [String]

    /// Creates a violation.
    public init(path: String, keyword: String, message: String, targets: [String] = []) {
        self.path = path
        self.keyword = keyword
        self.message = message
        self.targets = targets
    }
}

/// One step from a value to a value inside it.
enum JSONPathComponent: Sendable {
    case member(String)
    case index(Int)

    /// Writes a path from its steps, outermost first.
    static func render(_ components: some Sequence<JSONPathComponent>) -> String {
        var path = "$"
        for component in components {
            switch component {
            case .index(let index):
                path += "[\(index)]"
            case .member(let name) where isIdentifier(name):
                path += "." + name
            case .member(let name):
                var escaped = ""
                for character in name.unicodeScalars {
                    if character == "'" || character == "\\" {
                        escaped.unicodeScalars.append("\\")
                    }
                    escaped.unicodeScalars.append(character)
                }
                path += "['" + escaped + "']"
            }
        }
        return path
    }

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
