import Testing

@testable import CallRailEnrich

@Suite struct QueryStringTests {
    private func decode(_ raw: String) -> (pairs: [String], warnings: DecodingWarnings) {
        var warnings = DecodingWarnings()
        let query = QueryString.decode(raw, warnings: &warnings)
        return (query.pairs.map { "\($0.name)=\($0.value)" }, warnings)
    }

    @Test func splitsOnAmpersandAndDropsEmptyPieces() {
        #expect(decode("a=1&&b=2&").pairs == ["a=1", "b=2"])
        #expect(decode("&cv=clj&nuid=-").pairs == ["cv=clj", "nuid=-"])
        #expect(decode("").pairs == [])
    }

    @Test func splitsAtTheFirstEqualsSign() {
        #expect(decode("a=b=c&d&=x").pairs == ["a=b=c", "d=", "=x"])
    }

    @Test func semicolonDoesNotSeparate() {
        #expect(decode("a=1;b=2").pairs == ["a=1;b=2"])
    }

    @Test func plusIsSpaceAndEscapedPlusIsPlus() {
        #expect(decode("name=JANE+ROE&num=%2B1555&t=2014-10-09+16%3A23%3A45").pairs == [
            "name=JANE ROE", "num=+1555", "t=2014-10-09 16:23:45",
        ])
    }

    @Test func decodesExactlyOnce() {
        #expect(decode("a=%252B").pairs == ["a=%2B"])
    }

    @Test func rawSpecialCharactersAreAccepted() {
        #expect(decode("a=|{}^&b=é").pairs == ["a=|{}^", "b=é"])
    }

    @Test func invalidEscapesStayLiteralAndAreCounted() {
        let result = decode("a=%zz&b=%2&c=%")
        #expect(result.pairs == ["a=%zz", "b=%2", "c=%"])
        #expect(result.warnings.invalidPercentEscapes == 3)
    }

    @Test func nonUTF8BytesBecomeReplacementCharacters() {
        let result = decode("city=Montr%E9al&ok=%C3%A9")
        #expect(result.pairs == ["city=Montr\u{FFFD}al", "ok=é"])
        #expect(result.warnings.invalidUTF8 == 1)
    }

    @Test func duplicatesKeepFirstPositionAndLastValue() {
        var warnings = DecodingWarnings()
        let query = QueryString.decode("a=1&b=2&a=3&a=4", warnings: &warnings)
        let parameters = query.parameters(warnings: &warnings)
        #expect(parameters.map { "\($0.name)=\($0.value)" } == ["a=4", "b=2"])
        #expect(warnings.duplicateKeys == 2)
    }

    @Test func cloudFrontUnwrapRewritesOnlyPercentTwentyFiveBeforeHex() {
        for (input, expected) in [
            ("Celestial%25Tarot", "Celestial%25Tarot"), ("Dreaming%2520Way%2520Tarot", "Dreaming%20Way%20Tarot"),
            ("loading 30%2525 complete", "loading 30%25 complete"), ("%2588 is", "%88 is"),
            ("Loading - 70%25 Complete", "Loading - 70%25 Complete"), ("%252520", "%2520"),
        ] {
            var bytes = Array(input.utf8)
            var output: [UInt8] = []
            bytes.withUnsafeMutableBufferPointer { PercentDecoding.unwrapCloudFrontEscapes(UnsafeBufferPointer($0), into: &output) }
            #expect(String(decoding: output, as: UTF8.self) == expected, "\(input)")
        }
    }
}
