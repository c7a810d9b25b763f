import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct CompiledSchemaTests {
        private func compile(_ schemaText: String) throws -> CompiledSchema {
            try CompiledSchema(try JSONParser().parse(schemaText))
        }

        /// Parses a schema and returns the error that compiling it throws, or nil when it compiles.
        private func compileError(_ schemaText: String) throws -> SchemaCompileError? {
            let schema = try JSONParser().parse(schemaText)
            do {
                _ = try CompiledSchema(schema)
                return nil
            } catch {
                return error
            }
        }

        private func violations(_ schemaText: String, _ valueText: String) throws -> [ValidationViolation] {
            try compile(schemaText).validate(try JSONParser().parse(valueText))
        }

        // MARK: Paths and messages

        @Test func validValueHasNoViolations() throws {
            #expect(
                try violations(#"{"type": "object", "properties": {"a": {"type": "string"}}}"#, #"{"a": "x"}"#).isEmpty)
        }

        @Test func pathsNameNestedMembersAndElements() throws {
            let schema = #"{"properties": {"items": {"items": {"properties": {"name": {"type": "string"}}}}}}"#
            let found = try violations(schema, #"{"items": [{"name": "a"}, {"name": "b"}, {"name": 3}]}"#)
            #expect(found.map(\.path) == ["$.items[2].name"])
            #expect(found.first?.message == "$.items[2].name: 3 is an integer, expected string")
        }

        @Test func pathsQuoteNamesThatAreNotIdentifiers() throws {
            let schema = #"{"additionalProperties": {"type": "string"}}"#
            let found = try violations(schema, #"{"two words": 1, "it's": 2, "9lives": 3, "ok_1": 4}"#)
            #expect(found.map(\.path) == ["$['two words']", #"$['it\'s']"#, "$['9lives']", "$.ok_1"])
        }

        @Test func typeMessageNamesValueAndExpectedTypes() throws {
            let found = try violations(
                #"{"properties": {"duration": {"type": ["number", "null"]}}}"#, #"{"duration": "13s"}"#)
            #expect(
                found == [
                    ValidationViolation(
                        path: "$.duration", keyword: "type",
                        message: #"$.duration: "13s" is a string, expected number or null"#)
                ])
        }

        @Test func typeMessageForNull() throws {
            let found = try violations(#"{"properties": {"id": {"type": "string"}}}"#, #"{"id": null}"#)
            #expect(found.first?.message == "$.id: value is null, expected string")
        }

        @Test func longValuesAreCutInMessages() throws {
            let long = String(repeating: "x", count: 500)
            let found = try violations(#"{"type": "number"}"#, "\"\(long)\"")
            let message = try #require(found.first?.message)
            #expect(message.count < 140)
            #expect(message.contains("…"))
        }

        @Test func additionalPropertiesListsEveryUnexpectedName() throws {
            let schema = #"{"properties": {"id": {}}, "additionalProperties": false}"#
            let found = try violations(schema, #"{"score": 1, "id": "a", "tag": 2, "resource_id": 3}"#)
            #expect(found.count == 1)
            #expect(found.first?.keyword == "additionalProperties")
            #expect(found.first?.path == "$")
            #expect(found.first?.targets == ["score", "tag", "resource_id"])
            #expect(
                found.first?.message
                    == "$: properties 'score', 'tag' and 'resource_id' are not defined in the schema and the schema "
                    + "does not allow additional properties")
        }

        @Test func additionalPropertiesNamesSingleName() throws {
            let found = try violations(#"{"additionalProperties": false}"#, #"{"score": 1}"#)
            #expect(
                found.first?.message
                    == "$: property 'score' is not defined in the schema and the schema does not allow "
                    + "additional properties")
        }

        @Test func requiredGivesOneViolationPerMissingName() throws {
            let found = try violations(#"{"required": ["datetime", "id", "other"]}"#, #"{"other": 1}"#)
            #expect(found.map(\.keyword) == ["required", "required"])
            #expect(found.map(\.targets) == [["datetime"], ["id"]])
            #expect(
                found.map(\.message) == [
                    "$: required property 'datetime' is missing", "$: required property 'id' is missing",
                ])
        }

        @Test func objectViolationsComeBeforeMemberViolations() throws {
            let schema = #"{"properties": {"a": {"type": "string"}}, "required": ["b"], "additionalProperties": false}"#
            let found = try violations(schema, #"{"a": 1, "x": 2}"#)
            #expect(found.map(\.keyword) == ["required", "additionalProperties", "type"])
            #expect(found.map(\.path) == ["$", "$", "$.a"])
        }

        @Test func requiredNameMatchedByPatternStillCounts() throws {
            let schema = #"{"patternProperties": {"^x": {}}, "required": ["xa"], "additionalProperties": false}"#
            #expect(try violations(schema, #"{"xa": 1}"#).isEmpty)
            #expect(try violations(schema, #"{"xb": 1}"#).map(\.targets) == [["xa"]])
        }

        @Test func everyKeywordReportsItsName() throws {
            let cases: [(schema: String, value: String, keyword: String)] = [
                (#"{"enum": [1, 2]}"#, "3", "enum"),
                (#"{"minimum": 5}"#, "4", "minimum"),
                (#"{"maximum": 5, "exclusiveMaximum": true}"#, "5", "maximum"),
                (#"{"multipleOf": 2}"#, "3", "multipleOf"),
                (#"{"minLength": 2}"#, #""a""#, "minLength"),
                (#"{"maxLength": 1}"#, #""ab""#, "maxLength"),
                (#"{"pattern": "^a"}"#, #""b""#, "pattern"),
                (#"{"format": "date-time"}"#, #""yesterday""#, "format"),
                (#"{"minItems": 1}"#, "[]", "minItems"),
                (#"{"maxItems": 0}"#, "[1]", "maxItems"),
                (#"{"uniqueItems": true}"#, "[1, 1.0]", "uniqueItems"),
                (#"{"items": [{}], "additionalItems": false}"#, "[1, 2]", "additionalItems"),
                (#"{"minProperties": 1}"#, "{}", "minProperties"),
                (#"{"maxProperties": 0}"#, #"{"a": 1}"#, "maxProperties"),
                (#"{"dependencies": {"a": ["b"]}}"#, #"{"a": 1}"#, "dependencies"),
                (#"{"anyOf": [{"type": "string"}]}"#, "1", "anyOf"),
                (#"{"oneOf": [{}, {}]}"#, "1", "oneOf"),
                (#"{"not": {}}"#, "1", "not"),
            ]
            for testCase in cases {
                let found = try violations(testCase.schema, testCase.value)
                #expect(found.map(\.keyword) == [testCase.keyword], "\(testCase.schema) with \(testCase.value)")
                #expect(found.first?.message.hasPrefix("$: ") == true, "\(found)")
            }
        }

        @Test func formatMessageNamesTheFormat() throws {
            let found = try violations(#"{"format": "date-time"}"#, #""2014-10-09 16:23:45""#)
            #expect(
                found.first?.message
                    == #"$: "2014-10-09 16:23:45" is not a valid date-time, expected an RFC 3339 date-time such as "#
                    + "2014-10-09T16:23:45.000Z")
        }

        @Test func dependencyNamesMissingMember() throws {
            let found = try violations(#"{"dependencies": {"bar": ["foo"]}}"#, #"{"bar": 1}"#)
            #expect(found.first?.message == "$: property 'bar' requires property 'foo', which is missing")
            #expect(found.first?.targets == ["foo"])
        }

        @Test func isValidAgreesWithValidate() throws {
            let schema = try compile(#"{"type": "object", "required": ["a"], "properties": {"a": {"minimum": 2}}}"#)
            for text in [#"{"a": 2}"#, #"{"a": 1}"#, "{}", "[]", #"{"a": "x"}"#] {
                let value = try JSONParser().parse(text)
                #expect(schema.isValid(value) == schema.validate(value).isEmpty, "\(text)")
            }
        }

        @Test func lengthsCountCodePoints() throws {
            let schema = try compile(#"{"minLength": 2, "maxLength": 2}"#)
            #expect(schema.isValid(.string("é\u{1F4A9}")))
            #expect(schema.isValid(.string("e\u{301}")))
            #expect(!schema.isValid(.string("\u{1F4A9}")))
            #expect(!schema.isValid(.string("abc")))
        }

        @Test func largeUniqueItemsArraysUseHashing() throws {
            let schema = try compile(#"{"uniqueItems": true}"#)
            let distinct = JSONValue.array((0..<100).map { .number(JSONNumber($0)) })
            #expect(schema.isValid(distinct))
            let repeated = JSONValue.array(
                (0..<100).map { .number(JSONNumber($0)) } + [.number(JSONNumber(literal: "42.0"))])
            let found = schema.validate(repeated)
            #expect(found.first?.message == "$: items 42 and 100 are equal, expected unique items")
        }

        // MARK: Patterns

        @Test func patternsUseECMAScriptDigitsAndEnd() throws {
            let digits = try compile(#"{"pattern": "^\\d+$"}"#)
            #expect(digits.isValid(.string("123")))
            #expect(!digits.isValid(.string("١٢٣")))
            #expect(!digits.isValid(.string("123\n")))
        }

        @Test func patternClassesKeepLiteralCharacters() throws {
            let schema = try compile(#"{"pattern": "^[a-zA-Z0-9-_.\\d&[]+$"}"#)
            #expect(schema.isValid(.string("com.acme-x_1&[")))
            #expect(!schema.isValid(.string("a b")))
            #expect(try !compile(#"{"pattern": "[]"}"#).isValid(.string("a")))
            #expect(try compile(#"{"pattern": "^[^]$"}"#).isValid(.string("\n")))
        }

        @Test func regexTranslationRewritesOnlyDifferingConstructs() {
            #expect(RegexPattern.translateToICU(#"^\d\w\s$"#) == #"^[0-9][a-zA-Z0-9_]\s\z"#)
            #expect(RegexPattern.translateToICU(#"[\d\W$]"#) == #"[0-9[^a-zA-Z0-9_]\$]"#)
            #expect(RegexPattern.translateToICU(#"a\$b"#) == #"a\$b"#)
        }

        // MARK: Compile errors

        @Test func invalidKeywordValuesAreCompileErrors() throws {
            let cases: [(schema: String, location: String, detail: String)] = [
                (
                    #"{"properties": {"a": {"minLength": -1}}}"#, "#/properties/a/minLength",
                    "minLength must be a non-negative integer"
                ),
                (#"{"type": "text"}"#, "#/type", "is not a draft-4 type"),
                (#"{"pattern": "(unclosed"}"#, "#/pattern", "does not compile"),
                (#"{"required": "id"}"#, "#/required", "must be an array of strings"),
                (#"{"multipleOf": 0}"#, "#/multipleOf", "greater than 0"),
                (#"{"items": 5}"#, "#/items", "a schema must be a JSON object"),
                (#"{"anyOf": []}"#, "#/anyOf", "non-empty array"),
            ]
            for testCase in cases {
                let error = try compileError(testCase.schema)
                #expect(error?.location == testCase.location, "\(testCase.schema): \(String(describing: error))")
                #expect(
                    error?.detail.contains(testCase.detail) == true, "\(testCase.schema): \(String(describing: error))")
            }
        }

        @Test func unresolvableReferenceIsCompileError() throws {
            let missingPointer = try compileError(##"{"$ref": "#/definitions/missing"}"##)
            #expect(missingPointer?.detail.contains("finds no member 'definitions'") == true)
            let remote = try compileError(#"{"$ref": "http://example.com/other.json"}"#)
            #expect(remote?.detail.contains("names no available schema") == true)
            let anchor = try compileError(##"{"$ref": "#unknown-anchor"}"##)
            #expect(anchor?.detail.contains("no schema has the id '#unknown-anchor'") == true)
        }

        @Test(arguments: [
            ##"{"$ref": "#"}"##,
            ##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##,
            ##"""
            {"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"allOf": [{"$ref": "#/definitions/a"}]}},
             "not": {"$ref": "#/definitions/a"}}
            """##,
            ##"{"dependencies": {"a": {"$ref": "#"}}}"##,
        ])
        func referenceCyclesWithoutDescentAreRejected(_ schema: String) throws {
            let error = try compileError(schema)
            #expect(error?.detail.contains("would never end") == true, "\(String(describing: error))")
        }

        @Test func recursionThroughMembersIsAllowed() throws {
            let schema = try compile(##"{"properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##)
            #expect(schema.isValid(try JSONParser().parse(#"{"child": {"child": {}}}"#)))
            #expect(
                schema.validate(try JSONParser().parse(#"{"child": {"child": {"x": 1}}}"#)).map(\.path) == [
                    "$.child.child"
                ])
        }

        @Test func metaSchemaValidatesSchemas() throws {
            let meta = try compile(##"{"$ref": "http://json-schema.org/draft-04/schema#"}"##)
            #expect(meta.isValid(try JSONParser().parse(#"{"type": ["string", "null"], "maxLength": 3}"#)))
            let found = meta.validate(try JSONParser().parse(#"{"type": "text", "exclusiveMinimum": true}"#))
            #expect(Set(found.map(\.keyword)) == ["anyOf", "dependencies"])
        }
    }
}
