import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct SemanticEqualityTests {
        private func parsed(_ text: String) throws -> JSONValue {
            try JSONParser().parse(text)
        }

        @Test(arguments: [
            ("1", "1.0"), ("1", "1e0"), ("100", "1e2"), ("0.5", "5e-1"), ("-0", "0"), ("0.0", "-0e5"),
            ("12345678901234567890123", "12345678901234567890123.000"), ("1.50", "1.5"),
        ])
        func equalNumbersByValue(_ lhs: String, _ rhs: String) throws {
            #expect(try parsed(lhs).isSemanticallyEqual(to: parsed(rhs)))
            #expect(try parsed(rhs).isSemanticallyEqual(to: parsed(lhs)))
        }

        @Test(arguments: [
            ("1", "1.0000000000000001"), ("9007199254740993", "9007199254740992"),
            ("12345678901234567890123", "12345678901234567890124"), ("1", "-1"), ("1e400", "1e401"),
        ])
        func unequalNumbersStayApart(_ lhs: String, _ rhs: String) throws {
            #expect(try !parsed(lhs).isSemanticallyEqual(to: parsed(rhs)))
        }

        @Test func objectsIgnoreMemberOrder() throws {
            #expect(
                try parsed(#"{"a": 1, "b": [1, {"c": null}]}"#).isSemanticallyEqual(
                    to: parsed(#"{"b": [1.0, {"c": null}], "a": 1}"#)))
        }

        @Test func largeObjectsIgnoreMemberOrder() throws {
            let names = (0..<20).map { "k\($0)" }
            let forward = JSONValue.object(JSONObject(names.map { (key: $0, value: .string($0)) }))
            let backward = JSONValue.object(JSONObject(names.reversed().map { (key: $0, value: .string($0)) }))
            #expect(forward.isSemanticallyEqual(to: backward))
        }

        @Test func objectsWithDifferentMembersDiffer() throws {
            #expect(try !parsed(#"{"a": 1}"#).isSemanticallyEqual(to: parsed(#"{"a": 1, "b": 2}"#)))
            #expect(try !parsed(#"{"a": 1}"#).isSemanticallyEqual(to: parsed(#"{"b": 1}"#)))
            #expect(try !parsed(#"{"a": 1}"#).isSemanticallyEqual(to: parsed(#"{"a": 2}"#)))
        }

        @Test func arraysCompareInOrder() throws {
            #expect(try parsed("[1, 2]").isSemanticallyEqual(to: parsed("[1.0, 2e0]")))
            #expect(try !parsed("[1, 2]").isSemanticallyEqual(to: parsed("[2, 1]")))
            #expect(try !parsed("[1]").isSemanticallyEqual(to: parsed("[1, 1]")))
        }

        @Test func booleansAreNotNumbers() {
            #expect(!JSONValue.bool(true).isSemanticallyEqual(to: .number(JSONNumber(1))))
            #expect(!JSONValue.bool(false).isSemanticallyEqual(to: .number(JSONNumber(0))))
            #expect(!JSONValue.null.isSemanticallyEqual(to: .bool(false)))
        }

        @Test func stringsCompareByCodePoints() {
            #expect(JSONValue.string("é").isSemanticallyEqual(to: .string("\u{E9}")))
            #expect(!JSONValue.string("\u{E9}").isSemanticallyEqual(to: .string("e\u{301}")))
        }

        @Test func semanticKeysHashEqualValuesAlike() throws {
            let keys: Set<SemanticJSONKey> = [
                SemanticJSONKey(value: try parsed(#"{"a": 1, "b": 2}"#)),
                SemanticJSONKey(value: try parsed(#"{"b": 2.0, "a": 1e0}"#)),
                SemanticJSONKey(value: try parsed("[1, true]")),
                SemanticJSONKey(value: try parsed("[1.0, true]")),
                SemanticJSONKey(value: try parsed("[true, 1]")),
            ]
            #expect(keys.count == 3)
        }
    }
}
