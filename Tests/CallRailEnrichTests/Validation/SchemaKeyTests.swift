import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct SchemaKeyTests {
        @Test func parsesAndPrintsIgluURI() throws {
            let key = try SchemaKey(igluURI: "iglu:com.callrail/call_complete/jsonschema/1-0-2")
            #expect(key.vendor == "com.callrail")
            #expect(key.name == "call_complete")
            #expect(key.format == "jsonschema")
            #expect(key.version == SchemaVer(model: 1, revision: 0, addition: 2))
            #expect(key.igluURI == "iglu:com.callrail/call_complete/jsonschema/1-0-2")
            #expect("\(key)" == key.igluURI)
        }

        @Test(arguments: [
            ("com.callrail/call_complete/jsonschema/1-0-2", "does not start with 'iglu:'"),
            ("iglu:com.callrail/call_complete/1-0-2", "expected 4 parts"),
            ("iglu:com.callrail/call_complete/jsonschema/1-0", "is not a SchemaVer"),
            ("iglu:com callrail/call_complete/jsonschema/1-0-0", "the vendor 'com callrail'"),
            ("iglu:com.callrail/call.complete/jsonschema/1-0-0", "the name 'call.complete'"),
            ("iglu:com.callrail//jsonschema/1-0-0", "the name ''"),
        ])
        func rejectsMalformedURIs(_ text: String, reason: String) {
            do {
                _ = try SchemaKey(igluURI: text)
                Issue.record("'\(text)' was accepted")
            } catch {
                #expect(error.text == text)
                #expect(error.reason.contains(reason), "\(error)")
                #expect(error.description.hasPrefix("invalid Iglu schema URI '\(text)'"))
            }
        }

        @Test func ordersVersionsNumerically() throws {
            let texts = ["1-0-10", "1-0-9", "2-0-0", "1-1-0", "1-0-0", "10-0-0"]
            let versions = try texts.map { try #require(SchemaVer($0)) }
            #expect(versions.sorted().map(\.description) == ["1-0-0", "1-0-9", "1-0-10", "1-1-0", "2-0-0", "10-0-0"])
        }

        @Test(arguments: ["0-0-1", "1-0", "1-0-0-0", "1-00-1", "01-0-0", "a-0-0", "1--0", "-1-0-0", "1-0-+1", ""])
        func rejectsMalformedVersions(_ text: String) {
            #expect(SchemaVer(text) == nil)
        }

        @Test func ordersKeysByNameThenVersion() throws {
            let keys = try [
                "iglu:com.b/x/jsonschema/1-0-0", "iglu:com.a/y/jsonschema/1-0-10", "iglu:com.a/y/jsonschema/1-0-9",
                "iglu:com.a/x/jsonschema/2-0-0",
            ].map { try SchemaKey(igluURI: $0) }
            #expect(
                keys.sorted().map(\.igluURI) == [
                    "iglu:com.a/x/jsonschema/2-0-0", "iglu:com.a/y/jsonschema/1-0-9", "iglu:com.a/y/jsonschema/1-0-10",
                    "iglu:com.b/x/jsonschema/1-0-0",
                ])
        }
    }
}
