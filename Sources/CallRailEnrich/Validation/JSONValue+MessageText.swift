extension JSONValue {
    /// The maximum length, in Unicode scalars, of the value text that a message quotes.
    static let messageTextLimit = 80

    /// The value as compact JSON for an error message, cut to ``messageTextLimit`` scalars with a
    /// trailing `…` so that a huge value cannot flood a message.
    var messageText: String {
        let text = compactText
        guard text.unicodeScalars.count > JSONValue.messageTextLimit else { return text }
        var cut = String.UnicodeScalarView(text.unicodeScalars.prefix(JSONValue.messageTextLimit - 1))
        cut.append("…")
        return String(cut)
    }

    /// The kind of value with its article, as messages name it: `a string`, `an integer`, `null`.
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let number): return number.isIntegerLiteral ? "an integer" : "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
