/// A schema position: a document and a JSON Pointer from that document's root.
struct SchemaLocation: Hashable {
    /// The index of the document in the compiler's list: 0 is the schema being compiled.
    let document: Int

    /// The JSON Pointer, with `~` written as `~0` and `/` as `~1` inside tokens; empty for the root.
    let pointer: String

    func appending(_ token: String) -> SchemaLocation {
        var escaped = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return SchemaLocation(document: document, pointer: pointer + "/" + escaped)
    }
}

/// Turns a schema document into ``SchemaNode``s, resolving `$ref` on the way.
///
/// Compilation runs in two passes. The first walks every subschema of a document and records the
/// base URI in effect there (changed by `id`), so that `id` values can name resources
/// (`http://example.com/node`) and plain-name fragments (`#foo`). The second compiles from the
/// root and follows each `$ref` to its target, compiling every schema location once, so that
/// recursive references become cycles of node indexes.
///
/// A `$ref` may point into the schema itself or to the draft-04 meta-schema
/// (`http://json-schema.org/draft-04/schema#`), which is built in. Other remote references are
/// compile errors.
struct SchemaCompiler {
    private var documentURIs: [String] = []
    private var resources: [String: SchemaLocation] = [:]
    private var anchors: [String: SchemaLocation] = [:]
    private var scopes: [SchemaLocation: String] = [:]
    private var values: [SchemaLocation: JSONValue] = [:]
    private var nodeIndexByLocation: [SchemaLocation: Int] = [:]
    private var nodes: [SchemaNode?] = []
    private var nodeLocations: [SchemaLocation] = []

    /// Compiles a schema whose own URI is `baseURI` (empty when it has none).
    /// - Returns: The nodes and the index of the root node among them.
    static func compile(_ schema: JSONValue, baseURI: String) throws(SchemaCompileError) -> (
        nodes: [SchemaNode], root: Int
    ) {
        var compiler = SchemaCompiler()
        let rootLocation = compiler.addDocument(schema, uri: baseURI)
        let rootScope = compiler.scopes[rootLocation] ?? URIReference(baseURI).textWithoutFragment
        let root = try compiler.compileNode(at: rootLocation, schema, scope: rootScope)

        let nodes = compiler.nodes.compactMap { $0 }
        guard nodes.count == compiler.nodes.count else {
            preconditionFailure("every reserved node index is filled before compileNode returns")
        }
        try compiler.rejectSameValueCycles(in: nodes)
        return (nodes, root)
    }

    // MARK: Indexing ids

    private mutating func addDocument(_ document: JSONValue, uri: String) -> SchemaLocation {
        let root = SchemaLocation(document: documentURIs.count, pointer: "")
        documentURIs.append(uri)
        let absolute = URIReference(uri).textWithoutFragment
        if resources[absolute] == nil {
            resources[absolute] = root
        }
        index(document, at: root, parentScope: absolute)
        return root
    }

    /// Records the base URI of every subschema, and the resources and anchors that `id` names.
    private mutating func index(_ value: JSONValue, at location: SchemaLocation, parentScope: String) {
        guard case .object(let object) = value else { return }
        values[location] = value

        let scope = SchemaCompiler.innerScope(of: object, parentScope: parentScope)
        scopes[location] = scope
        if SchemaCompiler.reference(in: object) == nil, case .string(let id)? = object["id"] {
            let resolved = URIReference(URIReference.resolve(id, against: parentScope))
            let absolute = resolved.textWithoutFragment
            if resources[absolute] == nil {
                resources[absolute] = location
            }
            if let fragment = resolved.fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
                anchors[resolved.text] == nil
            {
                anchors[resolved.text] = location
            }
        }

        SchemaCompiler.forEachSubschema(of: object, at: location) { childLocation, child in
            index(child, at: childLocation, parentScope: scope)
        }
    }

    /// Computes the base URI inside a schema object: its `id` resolved against the parent's base.
    ///
    /// A schema with a `$ref` keeps the parent's base, because in draft 4 a `$ref` voids every
    /// sibling keyword, `id` included.
    private static func innerScope(of object: JSONObject, parentScope: String) -> String {
        guard reference(in: object) == nil, case .string(let id)? = object["id"] else { return parentScope }
        return URIReference(URIReference.resolve(id, against: parentScope)).textWithoutFragment
    }

    private static func reference(in object: JSONObject) -> JSONValue? {
        object.members.first { $0.key == "$ref" }?.value
    }

    /// Calls `body` for every value in a draft-4 subschema position of a schema object.
    private static func forEachSubschema(
        of object: JSONObject,
        at location: SchemaLocation,
        _ body: (SchemaLocation, JSONValue) -> Void
    ) {
        for member in object.members {
            let keywordLocation = location.appending(member.key)
            switch (member.key, member.value) {
            case ("properties", .object(let map)), ("patternProperties", .object(let map)),
                ("definitions", .object(let map)), ("dependencies", .object(let map)):
                for entry in map.members {
                    body(keywordLocation.appending(entry.key), entry.value)
                }
            case ("items", .array(let list)), ("allOf", .array(let list)), ("anyOf", .array(let list)),
                ("oneOf", .array(let list)):
                for (position, element) in list.enumerated() {
                    body(keywordLocation.appending(String(position)), element)
                }
            case ("items", .object), ("additionalItems", .object), ("additionalProperties", .object), ("not", .object):
                body(keywordLocation, member.value)
            default:
                continue
            }
        }
    }

    // MARK: Resolving $ref

    private mutating func resolve(_ reference: String, scope: String, from location: SchemaLocation)
        throws(SchemaCompileError) -> (location: SchemaLocation, value: JSONValue, scope: String)
    {
        let resolved = URIReference.resolve(reference, against: scope)
        let uri = URIReference(resolved)
        let absolute = uri.textWithoutFragment
        let fragment = uri.fragment ?? ""

        if resources[absolute] == nil && absolute == DraftFourMetaSchema.uri {
            _ = addDocument(DraftFourMetaSchema.schema, uri: DraftFourMetaSchema.uri)
        }
        guard let resource = resources[absolute], let resourceValue = values[resource] else {
            throw failure(
                at: location,
                "$ref '\(reference)' (resolved to '\(resolved)') names no available schema; references must point into "
                    + "this schema or to the draft-04 meta-schema"
            )
        }
        let resourceScope = scopes[resource] ?? absolute

        if fragment.isEmpty {
            return (resource, resourceValue, resourceScope)
        }
        if !fragment.hasPrefix("/") {
            guard let anchor = anchors[resolved], let value = values[anchor] else {
                throw failure(at: location, "$ref '\(reference)': no schema has the id '#\(fragment)'")
            }
            return (anchor, value, scopes[anchor] ?? resourceScope)
        }

        var target = resource
        var value = resourceValue
        let tokens = SchemaCompiler.percentDecoded(fragment).dropFirst().split(
            separator: "/",
            omittingEmptySubsequences: false
        )
        for escapedToken in tokens {
            let token = SchemaCompiler.unescapedPointerToken(escapedToken)
            switch value {
            case .object(let object):
                guard let member = object.members.first(where: { $0.key.hasSameUTF8(as: token) }) else {
                    throw failure(at: location, "$ref '\(reference)': the JSON Pointer finds no member '\(token)'")
                }
                value = member.value
            case .array(let elements):
                guard let position = Int(token), position >= 0, position < elements.count, String(position) == token
                else {
                    throw failure(
                        at: location,
                        "$ref '\(reference)': the JSON Pointer finds no array element '\(token)'"
                    )
                }
                value = elements[position]
            default:
                throw failure(
                    at: location,
                    "$ref '\(reference)': the JSON Pointer reaches a \(value.schemaTypeName) before '\(token)'"
                )
            }
            target = target.appending(token)
        }

        let targetScope: String
        if let recorded = scopes[target] {
            targetScope = recorded
        } else if case .object(let object) = value {
            targetScope = SchemaCompiler.innerScope(of: object, parentScope: resourceScope)
        } else {
            targetScope = resourceScope
        }
        return (target, value, targetScope)
    }

    /// Turns `~1` into `/` and then `~0` into `~`, in that order, as RFC 6901 specifies.
    private static func unescapedPointerToken(_ token: Substring) -> String {
        guard token.contains("~") else { return String(token) }

        var result = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "1": result += "/"
            case "0": result += "~"
            case let other?:
                result += "~"
                result.unicodeScalars.append(other)
            case nil: result += "~"
            }
        }
        return result
    }

    /// Decodes `%XX` escapes, because a URI fragment contains a JSON Pointer in percent-encoded form.
    private static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }

        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    // MARK: Compiling nodes

    /// Compiles the schema at a location, or returns the node already compiled for it.
    private mutating func compileNode(at location: SchemaLocation, _ value: JSONValue, scope: String)
        throws(SchemaCompileError) -> Int
    {
        if let existing = nodeIndexByLocation[location] {
            return existing
        }
        guard case .object(let object) = value else {
            throw failure(
                at: location,
                "a schema must be a JSON object, found \(value.schemaTypeName) \(value.messageText)"
            )
        }

        // Reserving the index first lets a $ref back to this schema, directly or through
        // subschemas, find it while its keywords are still being compiled.
        let index = nodes.count
        nodes.append(nil)
        nodeLocations.append(location)
        nodeIndexByLocation[location] = index

        if let referenceValue = SchemaCompiler.reference(in: object) {
            guard case .string(let reference) = referenceValue else {
                throw failure(at: location, "$ref must be a string, found \(referenceValue.messageText)")
            }
            let target = try resolve(reference, scope: scope, from: location)
            let targetIndex = try compileNode(at: target.location, target.value, scope: target.scope)
            nodes[index] = SchemaNode(reference: targetIndex)
            return index
        }

        nodes[index] = try compileKeywords(of: object, at: location, scope: scope)
        return index
    }

    private mutating func compileChild(_ value: JSONValue, at location: SchemaLocation, parentScope: String)
        throws(SchemaCompileError) -> Int
    {
        let scope: String
        if let recorded = scopes[location] {
            scope = recorded
        } else if case .object(let object) = value {
            scope = SchemaCompiler.innerScope(of: object, parentScope: parentScope)
        } else {
            scope = parentScope
        }
        return try compileNode(at: location, value, scope: scope)
    }

    private mutating func compileKeywords(of object: JSONObject, at location: SchemaLocation, scope: String)
        throws(SchemaCompileError) -> SchemaNode
    {
        var keywords = KeywordValues()
        for member in object.members {
            let keywordLocation = location.appending(member.key)
            try compileKeyword(member.key, member.value, at: keywordLocation, scope: scope, into: &keywords)
        }
        return keywords.makeNode()
    }

    /// Compiles one keyword; annotations and unknown keywords are skipped.
    private mutating func compileKeyword(
        _ keyword: String,
        _ value: JSONValue,
        at location: SchemaLocation,
        scope: String,
        into keywords: inout KeywordValues
    ) throws(SchemaCompileError) {
        switch keyword {
        case "type":
            try compileType(value, at: location, into: &keywords)
        case "enum":
            guard case .array(let allowed) = value else {
                throw failure(at: location, "enum must be an array, found \(value.messageText)")
            }
            keywords.allowedValues = allowed

        case "properties":
            for (name, subschema) in try schemaMap(value, keyword: keyword, at: location) {
                keywords.propertyNodes.append(
                    (name, try compileChild(subschema, at: location.appending(name), parentScope: scope))
                )
            }
        case "patternProperties":
            for (source, subschema) in try schemaMap(value, keyword: keyword, at: location) {
                let pattern = try compilePattern(source, at: location)
                let node = try compileChild(subschema, at: location.appending(source), parentScope: scope)
                keywords.patternProperties.append((pattern, node))
            }
        case "additionalProperties":
            keywords.additionalProperties = try compileAdditional(value, at: location, scope: scope)
        case "required":
            keywords.required = try stringArray(value, keyword: keyword, at: location)
        case "dependencies":
            guard case .object(let map) = value else {
                throw failure(at: location, "dependencies must be an object, found \(value.messageText)")
            }
            for entry in map.members {
                if case .array = entry.value {
                    let names = try stringArray(
                        entry.value,
                        keyword: "dependencies/\(entry.key)",
                        at: location.appending(entry.key)
                    )
                    keywords.dependencies.append((entry.key, .members(names)))
                } else {
                    let node = try compileChild(entry.value, at: location.appending(entry.key), parentScope: scope)
                    keywords.dependencies.append((entry.key, .schema(node)))
                }
            }
        case "minProperties":
            keywords.minProperties = try count(value, keyword: keyword, at: location)
        case "maxProperties":
            keywords.maxProperties = try count(value, keyword: keyword, at: location)

        case "items":
            if case .array(let list) = value {
                var tuple: [Int] = []
                for (position, subschema) in list.enumerated() {
                    tuple.append(
                        try compileChild(subschema, at: location.appending(String(position)), parentScope: scope)
                    )
                }
                keywords.items = .tuple(tuple)
            } else {
                keywords.items = .all(try compileChild(value, at: location, parentScope: scope))
            }
        case "additionalItems":
            keywords.additionalItems = try compileAdditional(value, at: location, scope: scope)
        case "minItems":
            keywords.minItems = try count(value, keyword: keyword, at: location)
        case "maxItems":
            keywords.maxItems = try count(value, keyword: keyword, at: location)
        case "uniqueItems":
            keywords.uniqueItems = try flag(value, keyword: keyword, at: location)

        case "minLength":
            keywords.minLength = try count(value, keyword: keyword, at: location)
        case "maxLength":
            keywords.maxLength = try count(value, keyword: keyword, at: location)
        case "pattern":
            guard case .string(let source) = value else {
                throw failure(at: location, "pattern must be a string, found \(value.messageText)")
            }
            keywords.pattern = try compilePattern(source, at: location)
        case "format":
            guard case .string(let name) = value else {
                throw failure(at: location, "format must be a string, found \(value.messageText)")
            }
            keywords.format = StringFormat(rawValue: name)

        case "minimum":
            keywords.minimum = try number(value, keyword: keyword, at: location)
        case "maximum":
            keywords.maximum = try number(value, keyword: keyword, at: location)
        case "exclusiveMinimum":
            keywords.exclusiveMinimum = try flag(value, keyword: keyword, at: location)
        case "exclusiveMaximum":
            keywords.exclusiveMaximum = try flag(value, keyword: keyword, at: location)
        case "multipleOf":
            let divisor = try number(value, keyword: keyword, at: location)
            guard !divisor.value.isNegative && !divisor.value.isZero else {
                throw failure(at: location, "multipleOf must be greater than 0, found \(divisor.literal)")
            }
            keywords.multipleOf = divisor

        case "allOf":
            keywords.allOf = try compileSchemaArray(value, keyword: keyword, at: location, scope: scope)
        case "anyOf":
            keywords.anyOf = try compileSchemaArray(value, keyword: keyword, at: location, scope: scope)
        case "oneOf":
            keywords.oneOf = try compileSchemaArray(value, keyword: keyword, at: location, scope: scope)
        case "not":
            keywords.negated = try compileChild(value, at: location, parentScope: scope)

        default:
            // Annotations (title, description, default), definitions, id, $schema and unknown
            // keywords do not constrain the value.
            break
        }
    }

    private func compileType(_ value: JSONValue, at location: SchemaLocation, into keywords: inout KeywordValues)
        throws(SchemaCompileError)
    {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let list): names = list
        default:
            throw failure(
                at: location,
                "type must be a type name or an array of type names, found \(value.messageText)"
            )
        }

        var types: JSONTypeSet = []
        for name in names {
            guard case .string(let typeName) = name, let type = JSONTypeSet(typeName: typeName) else {
                throw failure(
                    at: location,
                    "type \(name.messageText) is not a draft-4 type, "
                        + "expected array, boolean, integer, null, number, object or string"
                )
            }
            types.insert(type)
            keywords.typeNames.append(typeName)
        }
        keywords.types = types
    }

    private mutating func compileAdditional(_ value: JSONValue, at location: SchemaLocation, scope: String)
        throws(SchemaCompileError) -> AdditionalRule
    {
        if case .bool(let isAllowed) = value {
            return isAllowed ? .allowed : .forbidden
        }
        return .schema(try compileChild(value, at: location, parentScope: scope))
    }

    private mutating func compileSchemaArray(
        _ value: JSONValue,
        keyword: String,
        at location: SchemaLocation,
        scope: String
    )
        throws(SchemaCompileError) -> [Int]
    {
        guard case .array(let list) = value, !list.isEmpty else {
            throw failure(at: location, "\(keyword) must be a non-empty array of schemas, found \(value.messageText)")
        }
        var indexes: [Int] = []
        for (position, subschema) in list.enumerated() {
            indexes.append(try compileChild(subschema, at: location.appending(String(position)), parentScope: scope))
        }
        return indexes
    }

    private func compilePattern(_ source: String, at location: SchemaLocation) throws(SchemaCompileError)
        -> RegexPattern
    {
        do {
            return try RegexPattern(ecmaScript: source)
        } catch {
            throw failure(at: location, "the pattern '\(source)' does not compile: \(error.reason)")
        }
    }

    private func schemaMap(_ value: JSONValue, keyword: String, at location: SchemaLocation) throws(SchemaCompileError)
        -> [(String, JSONValue)]
    {
        guard case .object(let map) = value else {
            throw failure(at: location, "\(keyword) must be an object of schemas, found \(value.messageText)")
        }
        return map.members.map { ($0.key, $0.value) }
    }

    private func stringArray(_ value: JSONValue, keyword: String, at location: SchemaLocation)
        throws(SchemaCompileError)
        -> [String]
    {
        guard case .array(let list) = value else {
            throw failure(at: location, "\(keyword) must be an array of strings, found \(value.messageText)")
        }
        var strings: [String] = []
        for element in list {
            guard case .string(let string) = element else {
                throw failure(at: location, "\(keyword) must contain only strings, found \(element.messageText)")
            }
            strings.append(string)
        }
        return strings
    }

    private func count(_ value: JSONValue, keyword: String, at location: SchemaLocation) throws(SchemaCompileError)
        -> Int
    {
        guard case .number(let number) = value, let exact = ExactDecimal(literal: number.literal), !exact.isNegative,
            let count = exact.intValue
        else {
            throw failure(at: location, "\(keyword) must be a non-negative integer, found \(value.messageText)")
        }
        return count
    }

    private func flag(_ value: JSONValue, keyword: String, at location: SchemaLocation) throws(SchemaCompileError)
        -> Bool
    {
        guard case .bool(let flag) = value else {
            throw failure(at: location, "\(keyword) must be true or false, found \(value.messageText)")
        }
        return flag
    }

    private func number(_ value: JSONValue, keyword: String, at location: SchemaLocation) throws(SchemaCompileError)
        -> (value: ExactDecimal, literal: String)
    {
        guard case .number(let number) = value, let exact = ExactDecimal(literal: number.literal) else {
            throw failure(at: location, "\(keyword) must be a number, found \(value.messageText)")
        }
        return (exact, number.literal)
    }

    // MARK: Cycles

    /// Rejects a schema that can reach itself without moving to a member or element, such as
    /// `{"$ref": "#"}` or `{"anyOf": [{"$ref": "#"}]}`, because validating it would never end.
    private func rejectSameValueCycles(in nodes: [SchemaNode]) throws(SchemaCompileError) {
        let successors = nodes.map(\.sameValueSuccessors)
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 unvisited, 1 on the path, 2 finished
        for start in nodes.indices where state[start] == 0 {
            var path: [(node: Int, nextSuccessor: Int)] = [(start, 0)]
            state[start] = 1
            while let top = path.last {
                let next = successors[top.node]
                if top.nextSuccessor == next.count {
                    state[top.node] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].nextSuccessor += 1
                let successor = next[top.nextSuccessor]
                if state[successor] == 1 {
                    throw failure(
                        at: nodeLocations[successor],
                        "this schema reaches itself again through $ref, allOf, anyOf, oneOf, not or dependencies "
                            + "without moving to a member or element, so validation would never end"
                    )
                }
                if state[successor] == 0 {
                    state[successor] = 1
                    path.append((successor, 0))
                }
            }
        }
    }

    private func failure(at location: SchemaLocation, _ detail: String) -> SchemaCompileError {
        SchemaCompileError(location: documentURIs[location.document] + "#" + location.pointer, detail: detail)
    }
}

/// The keywords of one schema object as they are compiled, before they become a ``SchemaNode``.
private struct KeywordValues {
    var types: JSONTypeSet?
    var typeNames: [String] = []
    var allowedValues: [JSONValue]?

    var propertyNodes: [(String, Int)] = []
    var patternProperties: [(pattern: RegexPattern, node: Int)] = []
    var additionalProperties: AdditionalRule?
    var required: [String]?
    var dependencies: [(name: String, dependency: PropertyDependency)] = []
    var minProperties: Int?
    var maxProperties: Int?

    var items: ItemsRule?
    var additionalItems: AdditionalRule?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems: Bool?

    var minLength: Int?
    var maxLength: Int?
    var pattern: RegexPattern?
    var format: StringFormat?

    var minimum: (value: ExactDecimal, literal: String)?
    var maximum: (value: ExactDecimal, literal: String)?
    var exclusiveMinimum = false
    var exclusiveMaximum = false
    var multipleOf: (value: ExactDecimal, literal: String)?

    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var negated: Int?

    func makeNode() -> SchemaNode {
        SchemaNode(
            types: types,
            typeNames: typeNames,
            allowedValues: allowedValues,
            objectRules: makeObjectRules(),
            arrayRules: makeArrayRules(),
            stringRules: makeStringRules(),
            numberRules: makeNumberRules(),
            allOf: allOf,
            anyOf: anyOf,
            oneOf: oneOf,
            negated: negated
        )
    }

    private func makeObjectRules() -> ObjectRules? {
        let hasObjectKeyword =
            !propertyNodes.isEmpty || !patternProperties.isEmpty || additionalProperties != nil || required != nil
            || !dependencies.isEmpty || minProperties != nil || maxProperties != nil
        guard hasObjectKeyword else { return nil }

        // Property names are unique because they come from one JSON object; required names may repeat.
        var requiredNames: [String] = []
        var requiredSet: Set<ExactStringKey> = []
        for name in required ?? [] where requiredSet.insert(ExactStringKey(name)).inserted {
            requiredNames.append(name)
        }
        var properties: [(name: String, value: ObjectRules.Property)] = []
        var declared: Set<ExactStringKey> = []
        for (name, node) in propertyNodes {
            declared.insert(ExactStringKey(name))
            let isRequired = requiredSet.contains(ExactStringKey(name))
            properties.append((name, ObjectRules.Property(node: node, isRequired: isRequired)))
        }
        for name in requiredNames where !declared.contains(ExactStringKey(name)) {
            properties.append((name, ObjectRules.Property(node: nil, isRequired: true)))
        }

        return ObjectRules(
            properties: PropertyTable(properties),
            patternProperties: patternProperties,
            additionalProperties: additionalProperties ?? .allowed,
            required: requiredNames,
            dependencies: dependencies,
            minProperties: minProperties,
            maxProperties: maxProperties
        )
    }

    private func makeArrayRules() -> ArrayRules? {
        guard items != nil || additionalItems != nil || minItems != nil || maxItems != nil || uniqueItems == true else {
            return nil
        }
        return ArrayRules(
            items: items ?? .none,
            additionalItems: additionalItems ?? .allowed,
            minItems: minItems,
            maxItems: maxItems,
            uniqueItems: uniqueItems ?? false
        )
    }

    private func makeStringRules() -> StringRules? {
        guard minLength != nil || maxLength != nil || pattern != nil || format != nil else { return nil }
        return StringRules(minLength: minLength, maxLength: maxLength, pattern: pattern, format: format)
    }

    private func makeNumberRules() -> NumberRules? {
        guard minimum != nil || maximum != nil || multipleOf != nil else { return nil }
        return NumberRules(
            minimum: minimum.map { NumericBound(value: $0.value, literal: $0.literal, isExclusive: exclusiveMinimum) },
            maximum: maximum.map { NumericBound(value: $0.value, literal: $0.literal, isExclusive: exclusiveMaximum) },
            multipleOf: multipleOf
        )
    }
}
