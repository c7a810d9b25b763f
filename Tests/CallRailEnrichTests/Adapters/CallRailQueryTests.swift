import Testing

@testable import CallRailEnrich

@Suite struct CallRailQueryTests {
    func decode(_ querystring: String, table: QueryKeyTable = QueryKeyTable(extraNames: ["id", "callername"]))
        -> (query: CallRailQuery, warnings: DecodingWarnings)
    {
        var query = CallRailQuery()
        var warnings = DecodingWarnings()
        var bytes = Array(querystring.utf8)
        bytes.withUnsafeMutableBufferPointer { query.decode(UnsafeBufferPointer($0), table: table, warnings: &warnings) }
        return (query, warnings)
    }

    @Test func snowplowParametersAreTakenOff() {
        let (query, _) = decode("aid=acme&p=mob&cv=clj&nuid=-&tnuid=t&eid=e&ttm=1&url=u&id=5")
        #expect(query.snowplow.aid == "acme")
        #expect(query.snowplow.p == "mob")
        #expect(query.snowplow.cv == "clj")
        #expect(query.snowplow.nuid == "-")
        #expect(query.snowplow.tnuid == "t")
        #expect(query.snowplow.eid == "e")
        #expect(query.snowplow.ttm == "1")
        #expect(query.snowplow.url == "u")
        #expect(query.members.count == 1)
    }

    @Test func duplicatesOfKnownAndUnknownKeysKeepTheLastValue() {
        let table = QueryKeyTable(extraNames: ["id"])
        let (query, warnings) = decode("id=1&zz=a&id=2&zz=b&nuid=x&nuid=y", table: table)
        #expect(query.callData(table: table).isSemanticallyEqual(to: ["id": "2", "zz": "b"]))
        #expect(query.callData(table: table).keys == ["id", "zz"])
        #expect(query.snowplow.nuid == "y")
        #expect(warnings.duplicateKeys == 3)
    }

    @Test func matchesTheStringDecoderOnEveryCase() {
        let table = QueryKeyTable(extraNames: ["id", "callername"])
        for querystring in [
            "a=%zz&b=%2&c=%", "city=Montr%E9al&ok=%C3%A9", "a=1&&b=2&", "&cv=x", "a=b=c&d&=x", "n=JANE+ROE&m=%2B1",
            "k%41=v%42", "answered=TRUE&duration=+007&datetime=2014-10-09+16%3A23%3A45",
        ] {
            var stringWarnings = DecodingWarnings()
            let pairs = QueryString.decode(querystring, warnings: &stringWarnings).parameters(warnings: &stringWarnings)
            let (query, warnings) = decode(querystring, table: table)
            #expect(warnings == stringWarnings, "\(querystring)")
            let names = query.members.map { query.name(of: $0, table: table) }
            #expect(names == pairs.map(\.name).filter { !["aid", "p", "cv", "nuid", "tnuid", "eid", "ttm", "url"].contains($0) }, "\(querystring)")
        }
    }

    @Test func writtenCallDataParsesToTheSameObject() throws {
        let table = QueryKeyTable(extraNames: ["id"])
        let (query, _) = decode("id=1&q=%22quoted%22%09tab&answered=true&duration=12&datetime=bad&x=", table: table)
        var json = JSONWriter()
        query.writeCallData(into: &json, table: table)
        let parsed = try JSONParser().parse(json.bytes)
        #expect(parsed.isSemanticallyEqual(to: .object(query.callData(table: table))))
        #expect(parsed["q"]?.stringValue == "\"quoted\"\ttab")
        #expect(parsed["duration"]?.numberValue?.literal == "12")
        #expect(parsed["x"]?.isNull == true)
    }

    /// Checks that the flat check gives the full validator's verdict on every generated object.
    @Test(arguments: ["1-0-0", "1-0-1", "1-0-2"])
    func fastCheckAgreesWithTheValidator(version: String) throws {
        let validator = try CallCompleteValidator(registry: SchemaRegistry(), version: version)
        let flat = try #require(validator.flatSchema)
        let table = QueryKeyTable(extraNames: Array(flat.properties.keys).sorted() + flat.required)
        let check = FastCallDataCheck(schema: flat, table: table)
        let keys = ["id", "datetime", "answered", "first_call", "duration", "callername", "device_type", "customer_zip", "score"]
        let values = ["", "true", "TRUE", "12", "1.5", "2014-10-09+16%3A23%3A45", "2014-10-09T16%3A23%3A45Z", "x", "-3"]
        var generator = SystemRandomNumberGenerator()
        var agreed = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 0...6, using: &generator)
            let pieces = (0..<count).map { _ in
                keys.randomElement(using: &generator)! + "=" + values.randomElement(using: &generator)!
            }
            let (query, _) = decode((pieces + ["aid=a"]).joined(separator: "&"), table: table)
            let fast = check.isValid(query)
            let full = validator.validate(query.callData(table: table)).isEmpty
            #expect(fast == full, "\(pieces)")
            if fast == full { agreed += 1 }
        }
        #expect(agreed == 3000)
    }
}
