/// Checks values against compiled ``SchemaNode``s.
///
/// Every check first tests whether it applies and passes. It builds its message only when it fails
/// and the collector records violations. When the collector does not record, the first failure
/// returns false at once.
struct SchemaEvaluator {
    let nodes: [SchemaNode]

    /// Checks a value against the node at an index.
    func evaluate(_ nodeIndex: Int, _ value: JSONValue, _ collector: inout ViolationCollector) -> Bool {
        var node = nodes[nodeIndex]
        // The compiler rejects $ref cycles that do not move into the value, so this chain ends.
        while let reference = node.reference {
            node = nodes[reference]
        }
        var isValid = true

        if let types = node.types, !types.accepts(value) {
            guard collector.isCollecting else { return false }
            collector.add("type", SchemaEvaluator.typeMismatch(value, expected: node.typeNames))
            isValid = false
        }
        if let allowedValues = node.allowedValues, !allowedValues.contains(where: { $0.isSemanticallyEqual(to: value) })
        {
            guard collector.isCollecting else { return false }
            collector.add(
                "enum",
                "\(value.messageText) is not one of the allowed values \(JSONValue.array(allowedValues).messageText)"
            )
            isValid = false
        }

        let isKindValid: Bool
        switch value {
        case .object(let object):
            isKindValid = node.objectRules.map { evaluateObject(object, value, $0, &collector) } ?? true
        case .array(let elements):
            isKindValid = node.arrayRules.map { evaluateArray(elements, $0, &collector) } ?? true
        case .string(let string):
            isKindValid = node.stringRules.map { evaluateString(string, value, $0, &collector) } ?? true
        case .number(let number):
            isKindValid = node.numberRules.map { evaluateNumber(number, value, $0, &collector) } ?? true
        case .null, .bool:
            isKindValid = true
        }
        if !isKindValid {
            guard collector.isCollecting else { return false }
            isValid = false
        }

        if !node.allOf.isEmpty || !node.anyOf.isEmpty || !node.oneOf.isEmpty || node.negated != nil {
            isValid = evaluateCombinations(node, value, &collector) && isValid
        }
        return isValid
    }

    /// Returns whether a value matches a node, without recording anything.
    private func matches(_ nodeIndex: Int, _ value: JSONValue) -> Bool {
        var quiet = ViolationCollector(isCollecting: false)
        return evaluate(nodeIndex, value, &quiet)
    }

    /// Checks a member or element and adds its step to the paths of the violations it causes.
    @inline(__always)
    private func evaluateChild(
        _ nodeIndex: Int,
        _ value: JSONValue,
        step: @autoclosure () -> JSONPathComponent,
        _ collector: inout ViolationCollector
    ) -> Bool {
        let start = collector.count
        let isValid = evaluate(nodeIndex, value, &collector)
        if collector.count > start {
            collector.prependStep(step(), toViolationsFrom: start)
        }
        return isValid
    }

    // MARK: Objects

    private func evaluateObject(
        _ object: JSONObject,
        _ value: JSONValue,
        _ rules: ObjectRules,
        _ collector: inout ViolationCollector
    ) -> Bool {
        let firstViolation = collector.count
        var ownViolations = ViolationCollector(isCollecting: collector.isCollecting)
        var isValid = true
        var requiredFound = 0
        var unexpectedNames: [String] = []
        let hasProperties = !rules.properties.isEmpty

        for member in object.members {
            var isDeclared = false
            if hasProperties, let property = rules.properties.value(for: member.key) {
                if property.isRequired {
                    requiredFound += 1
                }
                if let node = property.node {
                    isDeclared = true
                    if !evaluateChild(node, member.value, step: .member(member.key), &collector) {
                        guard collector.isCollecting else { return false }
                        isValid = false
                    }
                }
            }
            for patternProperty in rules.patternProperties where patternProperty.pattern.matches(member.key) {
                isDeclared = true
                if !evaluateChild(patternProperty.node, member.value, step: .member(member.key), &collector) {
                    guard collector.isCollecting else { return false }
                    isValid = false
                }
            }
            guard !isDeclared else { continue }

            switch rules.additionalProperties {
            case .allowed:
                break
            case .forbidden:
                guard collector.isCollecting else { return false }
                unexpectedNames.append(member.key)
                isValid = false
            case .schema(let node):
                if !evaluateChild(node, member.value, step: .member(member.key), &collector) {
                    guard collector.isCollecting else { return false }
                    isValid = false
                }
            }
        }

        // Member names are unique, so counting the required names met is enough on the valid path.
        if requiredFound < rules.required.count {
            guard collector.isCollecting else { return false }
            for name in rules.required where !SchemaEvaluator.object(object, has: name) {
                ownViolations.add("required", "required property '\(name)' is missing", targets: [name])
            }
            isValid = false
        }
        if !unexpectedNames.isEmpty {
            ownViolations.add(
                "additionalProperties",
                SchemaEvaluator.unexpectedMessage(unexpectedNames),
                targets: unexpectedNames
            )
        }

        for (name, dependency) in rules.dependencies where SchemaEvaluator.object(object, has: name) {
            switch dependency {
            case .members(let names):
                for required in names where !SchemaEvaluator.object(object, has: required) {
                    guard collector.isCollecting else { return false }
                    ownViolations.add(
                        "dependencies",
                        "property '\(name)' requires property '\(required)', which is missing",
                        targets: [required]
                    )
                    isValid = false
                }
            case .schema(let node):
                if !evaluate(node, value, &collector) {
                    guard collector.isCollecting else { return false }
                    isValid = false
                }
            }
        }

        if let minimum = rules.minProperties, object.count < minimum {
            guard collector.isCollecting else { return false }
            let found = SchemaEvaluator.counted(object.count, "property", "properties")
            ownViolations.add("minProperties", "the object has \(found), expected at least \(minimum)")
            isValid = false
        }
        if let maximum = rules.maxProperties, object.count > maximum {
            guard collector.isCollecting else { return false }
            let found = SchemaEvaluator.counted(object.count, "property", "properties")
            ownViolations.add("maxProperties", "the object has \(found), expected at most \(maximum)")
            isValid = false
        }

        if ownViolations.count > 0 {
            collector.insert(ownViolations.pending, at: firstViolation)
        }
        return isValid
    }

    private static func object(_ object: JSONObject, has name: String) -> Bool {
        object.members.contains { $0.key.hasSameUTF8(as: name) }
    }

    private static func unexpectedMessage(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        let reason = "not defined in the schema and the schema does not allow additional properties"
        if names.count == 1 {
            return "property \(quoted[0]) is \(reason)"
        }
        return "properties \(listed(quoted, conjunction: "and")) are \(reason)"
    }

    // MARK: Arrays

    private func evaluateArray(_ elements: [JSONValue], _ rules: ArrayRules, _ collector: inout ViolationCollector)
        -> Bool
    {
        let firstViolation = collector.count
        var ownViolations = ViolationCollector(isCollecting: collector.isCollecting)
        var isValid = true

        switch rules.items {
        case .none:
            break
        case .all(let node):
            for (index, element) in elements.enumerated()
            where !evaluateChild(node, element, step: .index(index), &collector) {
                guard collector.isCollecting else { return false }
                isValid = false
            }
        case .tuple(let tuple):
            for (index, element) in elements.enumerated() {
                let node: Int
                if index < tuple.count {
                    node = tuple[index]
                } else if case .schema(let additionalNode) = rules.additionalItems {
                    node = additionalNode
                } else if case .forbidden = rules.additionalItems {
                    guard collector.isCollecting else { return false }
                    let found = SchemaEvaluator.counted(elements.count, "item", "items")
                    let defined = "the schema defines \(tuple.count) and does not allow additional items"
                    ownViolations.add("additionalItems", "the array has \(found), but \(defined)")
                    isValid = false
                    break
                } else {
                    break
                }
                if !evaluateChild(node, element, step: .index(index), &collector) {
                    guard collector.isCollecting else { return false }
                    isValid = false
                }
            }
        }

        if let minimum = rules.minItems, elements.count < minimum {
            guard collector.isCollecting else { return false }
            let found = SchemaEvaluator.counted(elements.count, "item", "items")
            ownViolations.add("minItems", "the array has \(found), expected at least \(minimum)")
            isValid = false
        }
        if let maximum = rules.maxItems, elements.count > maximum {
            guard collector.isCollecting else { return false }
            let found = SchemaEvaluator.counted(elements.count, "item", "items")
            ownViolations.add("maxItems", "the array has \(found), expected at most \(maximum)")
            isValid = false
        }
        if rules.uniqueItems, let (first, second) = SchemaEvaluator.firstDuplicate(in: elements) {
            guard collector.isCollecting else { return false }
            ownViolations.add("uniqueItems", "items \(first) and \(second) are equal, expected unique items")
            isValid = false
        }

        if ownViolations.count > 0 {
            collector.insert(ownViolations.pending, at: firstViolation)
        }
        return isValid
    }

    /// Finds the positions of the first pair of equal elements: pairwise for short arrays, through
    /// a hash table for long ones.
    private static func firstDuplicate(in elements: [JSONValue]) -> (Int, Int)? {
        guard elements.count > 1 else { return nil }
        if elements.count <= 16 {
            for second in 1..<elements.count {
                for first in 0..<second where elements[first].isSemanticallyEqual(to: elements[second]) {
                    return (first, second)
                }
            }
            return nil
        }

        var firstPositions: [SemanticJSONKey: Int] = [:]
        firstPositions.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            if let first = firstPositions[SemanticJSONKey(value: element)] {
                return (first, position)
            }
            firstPositions[SemanticJSONKey(value: element)] = position
        }
        return nil
    }

    // MARK: Strings

    private func evaluateString(
        _ string: String,
        _ value: JSONValue,
        _ rules: StringRules,
        _ collector: inout ViolationCollector
    ) -> Bool {
        var isValid = true

        // A code point takes one to four UTF-8 bytes, so the byte count often settles a length
        // check without counting code points.
        let byteCount = string.utf8.count
        if let maximum = rules.maxLength, byteCount > maximum {
            let length = string.unicodeScalars.count
            if length > maximum {
                guard collector.isCollecting else { return false }
                let found = SchemaEvaluator.counted(length, "character", "characters")
                collector.add("maxLength", "\(value.messageText) has \(found), expected at most \(maximum)")
                isValid = false
            }
        }
        if let minimum = rules.minLength, byteCount / 4 < minimum {
            let length = string.unicodeScalars.count
            if length < minimum {
                guard collector.isCollecting else { return false }
                let found = SchemaEvaluator.counted(length, "character", "characters")
                collector.add("minLength", "\(value.messageText) has \(found), expected at least \(minimum)")
                isValid = false
            }
        }

        if let pattern = rules.pattern, !pattern.matches(string) {
            guard collector.isCollecting else { return false }
            collector.add("pattern", "\(value.messageText) does not match the pattern '\(pattern.source)'")
            isValid = false
        }
        if let format = rules.format, !format.accepts(string) {
            guard collector.isCollecting else { return false }
            collector.add(
                "format",
                "\(value.messageText) is not a valid \(format.rawValue), expected \(format.expectation)"
            )
            isValid = false
        }
        return isValid
    }

    // MARK: Numbers

    private func evaluateNumber(
        _ number: JSONNumber,
        _ value: JSONValue,
        _ rules: NumberRules,
        _ collector: inout ViolationCollector
    ) -> Bool {
        guard let exact = ExactDecimal(literal: number.literal) else {
            guard collector.isCollecting else { return false }
            collector.add("type", "'\(number.literal)' is not a valid JSON number literal")
            return false
        }
        var isValid = true

        if let minimum = rules.minimum {
            let order = ExactDecimal.compare(exact, minimum.value)
            if order < 0 || (order == 0 && minimum.isExclusive) {
                guard collector.isCollecting else { return false }
                let bound = minimum.isExclusive ? "greater than \(minimum.literal)" : "at least \(minimum.literal)"
                collector.add("minimum", "\(value.messageText) is too small, expected \(bound)")
                isValid = false
            }
        }
        if let maximum = rules.maximum {
            let order = ExactDecimal.compare(exact, maximum.value)
            if order > 0 || (order == 0 && maximum.isExclusive) {
                guard collector.isCollecting else { return false }
                let bound = maximum.isExclusive ? "less than \(maximum.literal)" : "at most \(maximum.literal)"
                collector.add("maximum", "\(value.messageText) is too large, expected \(bound)")
                isValid = false
            }
        }
        if let divisor = rules.multipleOf, !exact.isMultiple(of: divisor.value) {
            guard collector.isCollecting else { return false }
            collector.add("multipleOf", "\(value.messageText) is not a multiple of \(divisor.literal)")
            isValid = false
        }
        return isValid
    }

    // MARK: Combinations

    private func evaluateCombinations(_ node: SchemaNode, _ value: JSONValue, _ collector: inout ViolationCollector)
        -> Bool
    {
        var isValid = true

        for subschema in node.allOf where !evaluate(subschema, value, &collector) {
            guard collector.isCollecting else { return false }
            isValid = false
        }

        if !node.anyOf.isEmpty && !node.anyOf.contains(where: { matches($0, value) }) {
            guard collector.isCollecting else { return false }
            collector.add(
                "anyOf",
                "the value matches none of the \(node.anyOf.count) schemas in anyOf, expected at least one"
            )
            isValid = false
        }

        if !node.oneOf.isEmpty {
            // Without recording, a second match settles the result. With recording, the message
            // reports the full count.
            var matchCount = 0
            for subschema in node.oneOf where matches(subschema, value) {
                matchCount += 1
                if matchCount > 1 && !collector.isCollecting { return false }
            }
            if matchCount != 1 {
                guard collector.isCollecting else { return false }
                let found = matchCount == 0 ? "none" : "\(matchCount)"
                collector.add(
                    "oneOf",
                    "the value matches \(found) of the \(node.oneOf.count) schemas in oneOf, expected exactly one"
                )
                isValid = false
            }
        }

        if let negated = node.negated, matches(negated, value) {
            guard collector.isCollecting else { return false }
            collector.add("not", "the value matches the schema in not, expected it not to match")
            isValid = false
        }
        return isValid
    }

    // MARK: Message helpers

    /// Words a type failure: `"13s" is a string, expected number or null`, or `value is null,
    /// expected string`.
    private static func typeMismatch(_ value: JSONValue, expected typeNames: [String]) -> String {
        let expected = typeNames.isEmpty ? "no type at all" : listed(typeNames, conjunction: "or")
        if case .null = value {
            return "value is null, expected \(expected)"
        }
        return "\(value.messageText) is \(value.kindDescription), expected \(expected)"
    }

    /// Joins items as `a`, `a or b` or `a, b or c`.
    private static func listed(_ items: [String], conjunction: String) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }
}
