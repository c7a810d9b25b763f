/// Equality as JSON Schema defines it for `enum` and `uniqueItems`.
///
/// - Numbers are equal when their mathematical values are: `1`, `1.0` and `1e0` are equal, and
///   integers of any size compare exactly, digit by digit, never through `Double`.
/// - Strings are equal when their code points are; canonically equivalent spellings such as
///   `"\u{E4}"` and `"a\u{308}"` are different strings.
/// - Objects are equal when they have the same member names with equal values, in any order.
/// - Arrays are equal when they have equal elements in the same order.
/// - `true` is not `1`, and `false` is not `0`.
extension JSONValue {
    /// Returns whether this value equals another as JSON Schema compares values.
    public func isSemanticallyEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null):
            return true
        case (.bool(let lhs), .bool(let rhs)):
            return lhs == rhs
        case (.number(let lhs), .number(let rhs)):
            return lhs.isNumericallyEqual(to: rhs)
        case (.string(let lhs), .string(let rhs)):
            return lhs.hasSameUTF8(as: rhs)
        case (.array(let lhs), .array(let rhs)):
            guard lhs.count == rhs.count else { return false }
            for (left, right) in zip(lhs, rhs) where !left.isSemanticallyEqual(to: right) {
                return false
            }
            return true
        case (.object(let lhs), .object(let rhs)):
            return lhs.isSemanticallyEqual(to: rhs)
        default:
            return false
        }
    }
}

extension JSONNumber {
    /// Returns whether two numbers have the same mathematical value, for example `1`, `1.0` and `10e-1`.
    ///
    /// The comparison is exact for literals of any length. A literal that is not JSON number
    /// syntax equals only the same literal.
    public func isNumericallyEqual(to other: JSONNumber) -> Bool {
        if literal.hasSameUTF8(as: other.literal) {
            return true
        }
        guard let lhs = ExactDecimal(literal: literal), let rhs = ExactDecimal(literal: other.literal) else {
            return false
        }
        return lhs == rhs
    }
}

extension JSONObject {
    /// Returns whether both objects have the same member names, compared by code points, with
    /// semantically equal values, regardless of member order.
    public func isSemanticallyEqual(to other: JSONObject) -> Bool {
        guard count == other.count else { return false }

        // Small objects are searched linearly. Eight members is an estimated break-even point
        // against building a dictionary, not a measured one.
        if count <= 8 {
            for member in members {
                guard let match = other.members.first(where: { $0.key.hasSameUTF8(as: member.key) }),
                    match.value.isSemanticallyEqual(to: member.value)
                else {
                    return false
                }
            }
            return true
        }

        var otherValues: [ExactStringKey: JSONValue] = [:]
        otherValues.reserveCapacity(other.count)
        for member in other.members {
            otherValues[ExactStringKey(member.key)] = member.value
        }
        for member in members {
            guard let value = otherValues[ExactStringKey(member.key)], value.isSemanticallyEqual(to: member.value)
            else {
                return false
            }
        }
        return true
    }
}

/// A hashable wrapper whose equality is ``JSONValue/isSemanticallyEqual(to:)``, for finding
/// duplicates among many values in linear time.
struct SemanticJSONKey: Hashable {
    let value: JSONValue

    static func == (lhs: SemanticJSONKey, rhs: SemanticJSONKey) -> Bool {
        lhs.value.isSemanticallyEqual(to: rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        SemanticJSONKey.combine(value, into: &hasher)
    }

    private static func combine(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(0)
        case .bool(let flag):
            hasher.combine(1)
            hasher.combine(flag)
        case .number(let number):
            hasher.combine(2)
            if let exact = ExactDecimal(literal: number.literal) {
                hasher.combine(exact)
            } else {
                hasher.combine(ExactStringKey(number.literal))
            }
        case .string(let string):
            hasher.combine(3)
            hasher.combine(ExactStringKey(string))
        case .array(let elements):
            hasher.combine(4)
            hasher.combine(elements.count)
            for element in elements {
                combine(element, into: &hasher)
            }
        case .object(let object):
            // Members are combined order-independently by adding their separate hashes.
            hasher.combine(5)
            hasher.combine(object.count)
            var memberSum = 0
            for member in object.members {
                var memberHasher = Hasher()
                memberHasher.combine(ExactStringKey(member.key))
                combine(member.value, into: &memberHasher)
                memberSum = memberSum &+ memberHasher.finalize()
            }
            hasher.combine(memberSum)
        }
    }
}
