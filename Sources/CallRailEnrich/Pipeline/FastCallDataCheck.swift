/// ``FlatObjectSchema`` resolved against a key table, so that checking a request's call data needs
/// no String and no hashing: each member's key index leads straight to its property rule.
struct FastCallDataCheck: Sendable {
    private let properties: [FlatObjectSchema.Property?]
    private let requiredKeys: [Int]
    private let allowsAdditionalProperties: Bool

    init(schema: FlatObjectSchema, table: QueryKeyTable) {
        properties = table.keys.map { schema.properties[$0.name] }
        requiredKeys = schema.required.compactMap { name in table.keys.firstIndex { $0.name == name } }
        allowsAdditionalProperties = schema.allowsAdditionalProperties
        precondition(requiredKeys.count == schema.required.count, "every required property must be in the key table")
    }

    /// Returns whether the call data is valid, which always equals the full validator's verdict for
    /// this schema.
    func isValid(_ query: CallRailQuery) -> Bool {
        var present = 0
        for member in query.members {
            guard member.key >= 0, let property = properties[member.key] else {
                if allowsAdditionalProperties { continue }
                return false
            }
            let kind: FlatObjectSchema.Types
            switch member.value {
            case .null: kind = .null
            case .boolean: kind = .boolean
            case .number: kind = .integer
            case .string(let start, let end, _):
                kind = .string
                if property.isDateTime && FlatObjectSchema.fits(kind, property)
                    && !query.withBytes(start, end, StringFormat.dateTime.accepts(bytes:))
                {
                    return false
                }
            }
            guard FlatObjectSchema.fits(kind, property) else { return false }
            if requiredKeys.contains(member.key) {
                present += 1
            }
        }
        return present == requiredKeys.count
    }
}
