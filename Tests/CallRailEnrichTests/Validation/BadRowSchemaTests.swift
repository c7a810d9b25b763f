import Foundation
import Testing

@testable import CallRailEnrich

extension ValidationTests {
    /// Compiles Iglu Central's bad-row schemas and checks hand-written adapter_failures bad rows.
    @Suite(.enabled(if: SharedFixtures.hasIgluSchemas, SharedFixtures.missingIgluComment))
    struct BadRowSchemaTests {
        static let badRowFolder = SharedFixtures.igluSchemas.appendingPathComponent(
            "com.snowplowanalytics.snowplow.badrows")

        /// A valid adapter_failures bad row for a CallRail request without CallRail parameters.
        static let validAdapterFailure = #"""
            {
              "processor": {"artifact": "callrail-enrich", "version": "0.1.0"},
              "failure": {
                "timestamp": "2024-01-01T00:00:00.000Z",
                "vendor": "com.callrail",
                "version": "v1",
                "messages": [{"field": "querystring", "value": null, "expectation": "no CallRail parameters"}]
              },
              "payload": {
                "vendor": "com.callrail",
                "version": "v1",
                "querystring": [{"name": "aid", "value": "bnb"}, {"name": "p", "value": null}],
                "contentType": null,
                "body": null,
                "collector": "clj-tomcat",
                "encoding": "UTF-8",
                "hostname": null,
                "timestamp": "2014-10-09T16:28:31.000Z",
                "ipAddress": "37.157.33.123",
                "useragent": "Mozilla/5.0",
                "refererUri": null,
                "headers": [],
                "networkUserId": null
              }
            }
            """#

        private func adapterFailuresSchema() throws -> CompiledSchema {
            let url = BadRowSchemaTests.badRowFolder.appendingPathComponent("adapter_failures/jsonschema/1-0-0")
            return try CompiledSchema(try SharedFixtures.parseJSONFile(url))
        }

        /// Returns the valid bad row with one member replaced, or removed when `value` is nil.
        private func adapterFailure(at path: [String], _ value: JSONValue?) throws -> JSONValue {
            let row = try JSONParser().parse(BadRowSchemaTests.validAdapterFailure)
            return BadRowSchemaTests.replacing(row, at: path[...], with: value)
        }

        private static func replacing(_ value: JSONValue, at path: ArraySlice<String>, with replacement: JSONValue?)
            -> JSONValue
        {
            guard let name = path.first, case .object(var object) = value else { return replacement ?? .null }
            if path.count == 1 {
                object[name] = replacement
            } else {
                object[name] = replacing(object[name] ?? .null, at: path.dropFirst(), with: replacement)
            }
            return .object(object)
        }

        @Test func everyBadRowSchemaCompiles() throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: BadRowSchemaTests.badRowFolder.path)
            #expect(!names.isEmpty)
            for name in names.sorted() {
                let versionsFolder = BadRowSchemaTests.badRowFolder.appendingPathComponent("\(name)/jsonschema")
                for version in try FileManager.default.contentsOfDirectory(atPath: versionsFolder.path) {
                    let schema = try SharedFixtures.parseJSONFile(versionsFolder.appendingPathComponent(version))
                    #expect(throws: Never.self, "\(name) \(version)") { try CompiledSchema(schema) }
                }
            }
        }

        @Test func validAdapterFailureIsAccepted() throws {
            let row = try JSONParser().parse(BadRowSchemaTests.validAdapterFailure)
            #expect(try adapterFailuresSchema().validate(row) == [])
        }

        @Test func missingProcessorIsRequired() throws {
            let found = try adapterFailuresSchema().validate(try adapterFailure(at: ["processor"], nil))
            #expect(found.map(\.keyword) == ["required"])
            #expect(found.map(\.targets) == [["processor"]])
        }

        @Test func processorVersionMustLookLikeSemver() throws {
            let found = try adapterFailuresSchema().validate(try adapterFailure(at: ["processor", "version"], "v1"))
            #expect(found.map(\.keyword) == ["pattern"])
            #expect(found.map(\.path) == ["$.processor.version"])
        }

        @Test func overlongVendorFailsMaxLength() throws {
            let vendor = JSONValue.string(String(repeating: "v", count: 65))
            let found = try adapterFailuresSchema().validate(try adapterFailure(at: ["failure", "vendor"], vendor))
            #expect(found.map(\.keyword) == ["maxLength"])
            #expect(found.map(\.path) == ["$.failure.vendor"])
        }

        @Test func failureTimestampMustBeDateTime() throws {
            let found = try adapterFailuresSchema().validate(
                try adapterFailure(at: ["failure", "timestamp"], "2024-01-01 00:00:00"))
            #expect(found.map(\.keyword) == ["format"])
            #expect(found.map(\.path) == ["$.failure.timestamp"])
        }

        @Test func unknownMessageShapeMatchesNoAlternative() throws {
            let messages: JSONValue = [["field": "querystring", "problem": "empty"]]
            let found = try adapterFailuresSchema().validate(try adapterFailure(at: ["failure", "messages"], messages))
            #expect(found.map(\.keyword) == ["anyOf"])
            #expect(found.map(\.path) == ["$.failure.messages[0]"])
        }

        @Test func unexpectedPayloadMemberIsReported() throws {
            let found = try adapterFailuresSchema().validate(try adapterFailure(at: ["payload", "extra"], "x"))
            #expect(found.map(\.keyword) == ["additionalProperties"])
            #expect(found.map(\.path) == ["$.payload"])
            #expect(found.map(\.targets) == [["extra"]])
        }
    }
}
