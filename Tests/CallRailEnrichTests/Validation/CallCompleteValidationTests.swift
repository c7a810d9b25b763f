import Testing

@testable import CallRailEnrich

extension ValidationTests {
    /// Validates CallRail call data, built the way the adapter builds it (strings, null for empty
    /// values, booleans for `answered` and `first_call`, a number for `duration`), against the
    /// built-in call_complete schemas.
    @Suite struct CallCompleteValidationTests {
        static let version100 = SchemaVer(model: 1, revision: 0, addition: 0)
        static let version101 = SchemaVer(model: 1, revision: 0, addition: 1)
        static let version102 = SchemaVer(model: 1, revision: 0, addition: 2)

        /// A complete call as CallRail reports it, valid under every version.
        static let validCall: JSONObject = [
            "id": "201202",
            "datetime": "2014-10-09T16:23:45.000Z",
            "answered": true,
            "callercity": "Baltimore",
            "callercountry": "US",
            "callername": "SNOWPLOW ANALYTICS",
            "callernum": "+12612230240",
            "callerstate": "MD",
            "callerzip": "21201",
            "callsource": "keyword",
            "destinationnum": "2012032051",
            "duration": 247,
            "first_call": false,
            "ga": .null,
            "gclid": .null,
            "ip": "86.178.183.7",
            "keywords": "callrail",
            "kissmetrics_id": .null,
            "landingpage": "http://acme.com/",
            "recording": "http://app.callrail.com/calls/201202/recording/9f59ad59ba1cfa264312",
            "referrer": "direct",
            "referrermedium": "Direct",
            "trackingnum": "+12012311668",
            "transcription": .null,
            "utm_campaign": .null,
            "utm_content": .null,
            "utm_medium": .null,
            "utm_source": .null,
            "utm_term": .null,
            "utma": .null,
            "utmb": .null,
            "utmc": .null,
            "utmv": .null,
            "utmx": .null,
            "utmz": .null,
        ]

        private func validator(_ version: SchemaVer) throws -> CompiledSchema {
            try #require(SchemaRegistry().validator(for: CallCompleteSchema.key(for: version)))
        }

        private func call(_ changes: [(String, JSONValue?)]) -> JSONObject {
            var object = CallCompleteValidationTests.validCall
            for (name, value) in changes {
                object[name] = value
            }
            return object
        }

        @Test(arguments: CallCompleteSchema.versions)
        func validCallIsAccepted(_ version: SchemaVer) throws {
            #expect(try validator(version).validate(CallCompleteValidationTests.validCall) == [])
        }

        @Test func minimalCallIsAccepted() throws {
            let minimal: JSONObject = ["id": "1", "datetime": "2014-10-09T16:23:45Z"]
            #expect(try validator(CallCompleteValidationTests.version102).validate(minimal) == [])
        }

        @Test func unknownKeysAreListedTogether() throws {
            let data = call([("score", "9"), ("tag", "a"), ("resource_id", "CAL1")])
            let found = try validator(CallCompleteValidationTests.version102).validate(data)
            #expect(found.count == 1)
            #expect(found.first?.keyword == "additionalProperties")
            #expect(found.first?.path == "$")
            #expect(found.first?.targets == ["score", "tag", "resource_id"])
            for name in ["score", "tag", "resource_id"] {
                #expect(found.first?.message.contains("'\(name)'") == true)
            }
        }

        @Test func missingIdIsRequired() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("id", nil)]))
            #expect(
                found == [
                    ValidationViolation(
                        path: "$", keyword: "required", message: "$: required property 'id' is missing", targets: ["id"]
                    )
                ])
        }

        @Test func nullIdIsWrongType() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("id", .null)]))
            #expect(found.map(\.keyword) == ["type"])
            #expect(found.map(\.path) == ["$.id"])
            #expect(found.first?.message == "$.id: value is null, expected string")
        }

        @Test func missingDatetimeIsRequired() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("datetime", nil)]))
            #expect(found.map(\.keyword) == ["required"])
            #expect(found.map(\.targets) == [["datetime"]])
        }

        @Test func missingIdAndDatetimeGiveTwoViolations() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(
                call([("id", nil), ("datetime", nil)]))
            #expect(found.map(\.targets) == [["datetime"], ["id"]])
        }

        @Test func nullDatetimeIsWrongType() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("datetime", .null)]))
            #expect(found.map(\.keyword) == ["type"])
            #expect(found.map(\.path) == ["$.datetime"])
        }

        @Test(arguments: [
            "yesterday", "2014-10-09 16:23:45", "2014-13-09T16:23:45Z", "2014-10-32T16:23:45Z",
            "2014-10-09T25:23:45Z", "2014-10-09T16:23:45", "",
        ])
        func malformedDatetimeFailsFormat(_ datetime: String) throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(
                call([("datetime", .string(datetime))]))
            #expect(found.map(\.keyword) == ["format"])
            #expect(found.map(\.path) == ["$.datetime"])
            #expect(found.first?.message.contains("\"\(datetime)\"") == true)
        }

        @Test func textAnsweredIsWrongType() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("answered", "TRUE")]))
            #expect(found.map(\.path) == ["$.answered"])
            #expect(found.first?.message == #"$.answered: "TRUE" is a string, expected boolean or null"#)
        }

        @Test func textDurationIsWrongType() throws {
            let found = try validator(CallCompleteValidationTests.version102).validate(call([("duration", "13s")]))
            #expect(
                found == [
                    ValidationViolation(
                        path: "$.duration", keyword: "type",
                        message: #"$.duration: "13s" is a string, expected number or null"#)
                ])
        }

        @Test func deviceTypeNeedsVersion101() throws {
            let data = call([("device_type", "Mobile")])
            let found = try validator(CallCompleteValidationTests.version100).validate(data)
            #expect(found.map(\.targets) == [["device_type"]])
            #expect(try validator(CallCompleteValidationTests.version101).validate(data) == [])
            #expect(try validator(CallCompleteValidationTests.version102).validate(data) == [])
        }

        @Test func customerNameNeedsVersion102() throws {
            let data = call([("customer_name", "Jane Doe")])
            #expect(
                try validator(CallCompleteValidationTests.version100).validate(data).map(\.targets) == [
                    ["customer_name"]
                ])
            #expect(
                try validator(CallCompleteValidationTests.version101).validate(data).map(\.targets) == [
                    ["customer_name"]
                ])
            #expect(try validator(CallCompleteValidationTests.version102).validate(data) == [])
        }

        @Test func everyProblemIsReported() throws {
            let data = call([("id", nil), ("score", "1"), ("duration", "13s"), ("datetime", "yesterday")])
            let found = try validator(CallCompleteValidationTests.version102).validate(data)
            #expect(found.map(\.keyword) == ["required", "additionalProperties", "format", "type"])
            #expect(found.map(\.path) == ["$", "$", "$.datetime", "$.duration"])
        }
    }
}
