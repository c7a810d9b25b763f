import Testing
@testable import CallRailEnrich

@Suite struct JSONWriterTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let value = JSONValue.string("a\"b\\c\td\u{01}/é")
        #expect(value.compactText == #""a\"b\\c\td\u0001/é""#)
    }

    @Test func writesObjectsInMemberOrder() {
        let object = JSONObject([("b", .number(JSONNumber(1))), ("a", .null), ("b", .bool(true))])
        #expect(JSONValue.object(object).compactText == #"{"b":true,"a":null}"#)
    }
}
