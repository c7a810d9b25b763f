import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct JSONParserTests {
        let parser = JSONParser()

        // MARK: Valid documents

        @Test func parsesEveryKindOfValue() throws {
            let value = try parser.parse(#" {"a": [1, -2.5, "x", true, false, null, {}, []]} "#)
            #expect(value.compactText == #"{"a":[1,-2.5,"x",true,false,null,{},[]]}"#)
        }

        @Test(arguments: ["0", "-0", "1.0", "1e400", "-1E-7", "2.5e+3", "12345678910111213141516171819202122232425"])
        func keepsNumberLiterals(_ literal: String) throws {
            let value = try parser.parse(literal)
            #expect(value.numberValue?.literal == literal)
        }

        @Test func acceptsScalarsAtTopLevel() throws {
            #expect(try parser.parse("\"text\"").stringValue == "text")
            #expect(try parser.parse(" true ").boolValue == true)
            #expect(try parser.parse("null").isNull)
        }

        @Test func keepsMemberOrder() throws {
            let value = try parser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
            #expect(value.objectValue?.keys == ["z", "a", "m"])
        }

        @Test func duplicateKeyKeepsFirstPositionAndLastValue() throws {
            let value = try parser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
            #expect(value.compactText == #"{"a":3,"b":2}"#)
        }

        @Test func duplicateKeysInLargeObjectKeepFirstPosition() throws {
            var text = "{"
            for index in 0..<100 {
                text += "\"k\(index)\": \(index), "
            }
            text += "\"k5\": \"last\"}"
            let object = try #require(try parser.parse(text).objectValue)
            #expect(object.count == 100)
            #expect(object.keys[5] == "k5")
            #expect(object["k5"]?.stringValue == "last")
        }

        @Test func canonicallyEquivalentKeysStayDistinct() throws {
            let object = try #require(try parser.parse("{\"\u{E4}\": 1, \"a\u{308}\": 2}").objectValue)
            #expect(object.count == 2)
        }

        // MARK: Strings and escapes

        @Test func decodesSimpleEscapes() throws {
            let value = try parser.parse(#""\" \\ \/ \b \f \n \r \t""#)
            #expect(value.stringValue == "\" \\ / \u{08} \u{0C} \n \r \t")
        }

        @Test func decodesUnicodeEscapes() throws {
            #expect(try parser.parse(#""\u00e9\u20AC\u0000""#).stringValue == "é€\u{0}")
        }

        @Test func decodesSurrogatePairs() throws {
            #expect(try parser.parse(#""\ud83d\udca9""#).stringValue == "\u{1F4A9}")
            #expect(try parser.parse(#""a\uD834\uDD1Eb""#).stringValue == "a\u{1D11E}b")
        }

        @Test func keepsRawMultibyteText() throws {
            #expect(try parser.parse("\"Zürich – 東京 \u{1F600}\"").stringValue == "Zürich – 東京 \u{1F600}")
        }

        @Test func rejectsLoneHighSurrogate() {
            let error = parseError(#""ab\ud83d""#)
            #expect(error?.kind == .invalidEscape)
            #expect(error?.offset == 3)
            #expect(error?.detail.contains("\\uD83D") == true)
        }

        @Test func rejectsHighSurrogateFollowedByNonSurrogate() {
            let error = parseError(#""\ud83d\u0041""#)
            #expect(error?.kind == .invalidEscape)
            #expect(error?.offset == 1)
        }

        @Test func rejectsLoneLowSurrogate() {
            let error = parseError(#""\udca9""#)
            #expect(error?.kind == .invalidEscape)
            #expect(error?.offset == 1)
        }

        @Test func rejectsUnknownEscape() {
            let error = parseError(#""a\x""#)
            #expect(error?.kind == .invalidEscape)
            #expect(error?.offset == 2)
        }

        @Test func rejectsShortUnicodeEscape() {
            let error = parseError(#""\u12G4""#)
            #expect(error?.kind == .invalidEscape)
            #expect(error?.offset == 5)
        }

        @Test func rejectsRawControlCharacters() {
            let error = parseError("\"tab\there\"")
            #expect(error?.kind == .controlCharacter)
            #expect(error?.offset == 4)
            #expect(error?.detail.contains("0x09") == true)
        }

        @Test func rejectsControlCharacterAfterEscape() {
            let error = parseError("\"\\n\u{01}\"")
            #expect(error?.kind == .controlCharacter)
            #expect(error?.offset == 3)
        }

        @Test func rejectsUnterminatedString() {
            let error = parseError(#"["abc"#)
            #expect(error?.kind == .unexpectedEnd)
            #expect(error?.offset == 5)
            #expect(error?.detail.contains("starts at byte 1") == true)
        }

        @Test(
            arguments: [
                ([0x22, 0xFF, 0x22], 1),  // never valid in UTF-8
                ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
                ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),  // encoded surrogate U+D800
                ([0x22, 0xE2, 0x82, 0x22], 3),  // truncated three-byte sequence
                ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2),  // above U+10FFFF
            ] as [([UInt8], Int)])
        func rejectsMalformedUTF8(_ bytes: [UInt8], offset: Int) {
            #expect(throws: JSONParseError.self) { try parser.parse(bytes) }
            let error = parseError(bytes)
            #expect(error?.kind == .invalidUTF8)
            #expect(error?.offset == offset)
        }

        // MARK: Numbers

        @Test(arguments: [
            ("01", 1, "leading zero"),
            ("-", 1, "after '-'"),
            ("-a", 1, "after '-'"),
            ("1.", 2, "decimal point"),
            ("1.e3", 2, "decimal point"),
            ("1e", 2, "exponent"),
            ("1e+", 3, "exponent"),
            (".5", 0, "expected a JSON value"),
            ("+1", 0, "expected a JSON value"),
        ])
        func rejectsMalformedNumbers(_ text: String, offset: Int, detail: String) {
            let error = parseError(text)
            #expect(error?.offset == offset)
            #expect(error?.detail.contains(detail) == true, "\(error?.detail ?? "no error")")
        }

        @Test func rejectsNaNAndInfinity() {
            #expect(parseError("NaN")?.kind == .unexpectedByte)
            #expect(parseError("Infinity")?.kind == .unexpectedByte)
            #expect(parseError("-Infinity")?.kind == .invalidNumber)
        }

        // MARK: Structure

        @Test func rejectsTrailingCommaInArray() {
            let error = parseError("[1, 2,]")
            #expect(error?.kind == .unexpectedByte)
            #expect(error?.offset == 6)
            #expect(error?.description == "invalid JSON at byte 6: found ']', expected a JSON value")
        }

        @Test func rejectsTrailingCommaInObject() {
            let error = parseError(#"{"a": 1,}"#)
            #expect(error?.offset == 8)
            #expect(error?.detail == "found '}', expected a member name in double quotes")
        }

        @Test func rejectsMissingColon() {
            let error = parseError(#"{"a" 1}"#)
            #expect(error?.offset == 5)
            #expect(error?.detail.contains("expected ':'") == true)
        }

        @Test func rejectsMissingComma() {
            #expect(parseError("[1 2]")?.offset == 3)
            #expect(parseError(#"{"a": 1 "b": 2}"#)?.offset == 8)
        }

        @Test func rejectsSingleQuotesAndComments() {
            #expect(parseError("{'a': 1}")?.offset == 1)
            #expect(parseError("[1] // note")?.kind == .trailingContent)
        }

        @Test func rejectsTrailingContent() {
            let error = parseError("{} x")
            #expect(error?.kind == .trailingContent)
            #expect(error?.offset == 3)
        }

        @Test func rejectsEmptyInput() {
            let error = parseError("   ")
            #expect(error?.kind == .unexpectedEnd)
            #expect(error?.offset == 3)
        }

        @Test func rejectsByteOrderMark() {
            let error = parseError([0xEF, 0xBB, 0xBF, UInt8(ascii: "1")])
            #expect(error?.kind == .unexpectedByte)
            #expect(error?.offset == 0)
            #expect(error?.detail.contains("0xEF") == true)
        }

        @Test func rejectsMisspelledLiterals() {
            let error = parseError("[tru]")
            #expect(error?.offset == 4)
            #expect(error?.detail.contains("'true'") == true)
            #expect(parseError("nul")?.kind == .unexpectedEnd)
        }

        @Test func rejectsTruncatedContainers() {
            #expect(parseError("[1, 2")?.kind == .unexpectedEnd)
            #expect(parseError(#"{"a": "#)?.kind == .unexpectedEnd)
            #expect(parseError(#"{"a""#)?.kind == .unexpectedEnd)
        }

        // MARK: Depth limit

        @Test func acceptsNestingUpToTheLimit() throws {
            let limited = JSONParser(maximumDepth: 8)
            let text = String(repeating: "[", count: 8) + String(repeating: "]", count: 8)
            #expect(try limited.parse(text).arrayValue != nil)
        }

        @Test func rejectsNestingBeyondTheLimit() {
            let limited = JSONParser(maximumDepth: 8)
            let text = String(repeating: "[", count: 9) + String(repeating: "]", count: 9)
            #expect(
                throws: JSONParseError(
                    kind: .nestingTooDeep, offset: 8, detail: "arrays and objects are nested more than 8 levels deep")
            ) {
                try limited.parse(text)
            }
        }

        @Test func survivesHostileNesting() {
            let text = String(repeating: "[{\"a\":", count: 100_000)
            #expect(parseError(text)?.kind == .nestingTooDeep)
        }

        // MARK: Inputs

        @Test func parsesByteArraysAndSlices() throws {
            let bytes = Array(#"xx{"a":1}yy"#.utf8)
            #expect(try parser.parse(bytes[2..<9]).compactText == #"{"a":1}"#)
            #expect(
                try bytes.withUnsafeBufferPointer { try parser.parse(UnsafeBufferPointer(rebasing: $0[2..<9])) }["a"]
                    != nil)
        }

        // MARK: Helpers

        private func parseError(_ text: String) -> JSONParseError? {
            parseError(Array(text.utf8))
        }

        private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
            do {
                _ = try parser.parse(bytes)
                return nil
            } catch {
                return error
            }
        }
    }
}
