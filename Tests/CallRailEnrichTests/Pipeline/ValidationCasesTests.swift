import Foundation
import Testing

@testable import CallRailEnrich

/// Options with the built-in schema of a version validating call data.
func validatingOptions(version: String = "1-0-2", _ configure: (inout EnrichOptions) -> Void = { _ in }) throws
    -> EnrichOptions
{
    var options = testOptions(configure)
    options.schemaVersion = version
    options.validator = try CallCompleteValidator(registry: SchemaRegistry(), version: version)
    return options
}

/// Returns the data reports of the one schema_violations bad row in the output.
func dataReports(_ output: ProcessedLines, schema: String = "iglu:com.callrail/call_complete/jsonschema/1-0-2") throws
    -> [JSONValue]
{
    let row = try #require(badRows(output).first)
    let json = try JSONParser().parse(row)
    #expect(json["schema"]?.stringValue == BadRowKind.schemaViolations.schemaURI)
    let messages = try #require(json["data"]?["failure"]?["messages"]?.arrayValue)
    let message = try #require(messages.first { $0["schemaKey"]?.stringValue == schema })
    return try #require(message["error"]?["dataReports"]?.arrayValue)
}

/// Returns the targets of every report with a keyword.
func targets(_ reports: [JSONValue], keyword: String) -> [String] {
    reports.filter { $0["keyword"]?.stringValue == keyword }.flatMap { $0["targets"]?.arrayValue ?? [] }
        .compactMap(\.stringValue)
}

@Suite struct ValidationCasesTests {
    static let base = "id=111111111&datetime=2016-03-07+15%3A04%3A05"

    @Test func validEventIsEnriched() throws {
        let output = process([workedExampleTomcatLine], options: try validatingOptions())
        #expect(output.counts.enriched == 1)
        #expect(output.bad.isEmpty)
    }

    // Renamed fields are valid under 1-0-2; legacy keys are not in any schema.
    @Test func unknownKeysAreListedAndNamedUnder102() throws {
        let querystring =
            "id=111111111&datetime=2016-03-07+15%3A04%3A05&device_type=mobile&customer_name=JANE+ROE&customer_phone_number=%2B15555550123&customer_city=Rochester&customer_state=PA&customer_zip=&customer_country=US&score=1&tag=&campaign=&timestamp=2016-03-07T10%3A04%3A05.236-05%3A00"
        let output = process([tomcatLine(querystring)], options: try validatingOptions())
        #expect(output.counts.enriched == 0)
        #expect(output.counts.bad[.schemaViolations] == 1)
        let reports = try dataReports(output)
        #expect(Set(targets(reports, keyword: "additionalProperties")) == ["score", "tag", "campaign", "timestamp"])
        #expect(reports.count == 1)
        let row = try #require(badRows(output).first)
        for key in ["score", "tag", "campaign", "timestamp"] {
            #expect(row.contains(key))
        }
    }

    @Test func renamedKeysAreUnknownUnder100() throws {
        let querystring = Self.base + "&device_type=mobile&customer_name=JANE+ROE"
        let output = process([tomcatLine(querystring)], options: try validatingOptions(version: "1-0-0"))
        let reports = try dataReports(output, schema: "iglu:com.callrail/call_complete/jsonschema/1-0-0")
        #expect(Set(targets(reports, keyword: "additionalProperties")) == ["device_type", "customer_name"])
        let under101 = process([tomcatLine(Self.base + "&device_type=mobile")], options: try validatingOptions(version: "1-0-1"))
        #expect(under101.counts.enriched == 1)
        #expect(enrichedRows(under101).first.map { field($0, .event_version) } == "1-0-1")
    }

    // CallRail renamed id to resource_id in 2021.
    @Test func missingIDAndUnexpectedResourceIDAreBothReported() throws {
        let querystring = "datetime=2021-10-01+12%3A00%3A00&resource_id=CALb14811eb573645c6989000cf426b9772"
        let reports = try dataReports(process([tomcatLine(querystring)], options: try validatingOptions()))
        #expect(targets(reports, keyword: "required") == ["id"])
        #expect(targets(reports, keyword: "additionalProperties") == ["resource_id"])
    }

    // Values of the wrong type or format.
    @Test(arguments: [
        ("answered=TRUE", "$.answered", "type"), ("answered=1", "$.answered", "type"),
        ("duration=13s", "$.duration", "type"), ("duration=12.5", "$.duration", "type"),
    ])
    func wronglyTypedValuesAreNamed(parameter: String, path: String, keyword: String) throws {
        let output = process([tomcatLine(Self.base + "&" + parameter)], options: try validatingOptions())
        let reports = try dataReports(output)
        let report = reports.first { $0["path"]?.stringValue == path }
        #expect(report != nil, "\(parameter): no report at \(path)")
        #expect(report?["keyword"]?.stringValue == keyword, "\(parameter)")
    }

    @Test(arguments: ["datetime=", "datetime=yesterday", "datetime=2014-10-09+16%3A23%3A45.123"])
    func invalidDatetimeIsNamed(parameter: String) throws {
        let output = process([tomcatLine("id=1&" + parameter)], options: try validatingOptions())
        let reports = try dataReports(output)
        #expect(reports.contains { $0["path"]?.stringValue == "$.datetime" }, "\(parameter)")
    }

    @Test func missingOrEmptyIDIsNamed() throws {
        for querystring in ["datetime=2014-10-09+16%3A23%3A45", "id=&datetime=2014-10-09+16%3A23%3A45"] {
            let reports = try dataReports(process([tomcatLine(querystring)], options: try validatingOptions()))
            #expect(
                reports.contains { $0["path"]?.stringValue == "$.id" || targets([$0], keyword: "required") == ["id"] },
                "\(querystring)")
        }
    }

    @Test func invalidAtomicValuesAreSchemaViolations() throws {
        let querystring = Self.base + "&p=spaceship&eid=not-a-uuid&ttm=yesterday"
        let output = process([tomcatLine(querystring)], options: try validatingOptions())
        let reports = try dataReports(output, schema: SchemaViolation.atomicSchemaKey)
        #expect(Set(reports.compactMap { $0["path"]?.stringValue }) == ["platform", "event_id", "true_tstamp"])
    }

    @Test func overlongAtomicFieldIsAViolationNotTruncated() throws {
        let querystring = Self.base + "&aid=" + String(repeating: "a", count: 300)
        let output = process([tomcatLine(querystring)], options: try validatingOptions())
        let reports = try dataReports(output, schema: SchemaViolation.atomicSchemaKey)
        #expect(reports.first?["path"]?.stringValue == "app_id")
        #expect(reports.first?["keyword"]?.stringValue == "atomic_field_length_exceeded")
        let row = try #require(badRows(output).first)
        #expect(row.contains(String(repeating: "a", count: 300)))
    }

    @Test func failedEventDropsTheUnstructEventFromTheEnrichedPayload() throws {
        let output = process([tomcatLine(Self.base + "&score=1")], options: try validatingOptions())
        let json = try JSONParser().parse(try #require(badRows(output).first))
        let enriched = try #require(json["data"]?["payload"]?["enriched"])
        #expect(enriched["unstruct_event"]?.isNull == true)
        #expect(enriched["app_id"]?.isNull == true)
        #expect(enriched["collector_tstamp"]?.stringValue == "2014-10-09 16:28:31.000")
        let parameters = try #require(json["data"]?["payload"]?["raw"]?["parameters"]?.arrayValue)
        #expect(parameters.contains { $0["name"]?.stringValue == "ue_pr" })
    }
}

@Suite struct BadRowSchemaTests {
    /// Lines that produce one bad row of every kind the tool writes.
    static func everyKindOfBadRow() throws -> [String] {
        var lines = [
            tomcatLine("-"),
            tomcatLine("&cv=clj-1.1.0-tom-0.2.0&nuid=-"),
            "garbage",
            cloudFrontLine("id=1", method: "DELETE"),
            tomcatLine("id=1&datetime=2014-10-09+16%3A23%3A45&score=1&aid=" + String(repeating: "é", count: 300)),
            tomcatLine("datetime=x&p=zz&eid=1&ttm=z&" + String(repeating: "k", count: 600) + "=" + String(repeating: "v", count: 600)),
        ]
        lines.append(cloudFrontLine("e=pv", path: "/com.example/v9"))
        var output = process(lines, options: try validatingOptions { $0.unsupportedPaths = .bad })
        var processor = LineProcessor(options: try validatingOptions())
        var long = Array(repeating: UInt8(ascii: "x"), count: 2000)
        long.withUnsafeMutableBufferPointer { processor.process(UnsafeBufferPointer($0), arrival: .oversized(length: 5_000_000), into: &output) }
        long.withUnsafeMutableBufferPointer { processor.process(UnsafeBufferPointer($0), arrival: .truncated, into: &output) }
        return badRows(output)
    }

    @Test func everyBadRowValidatesAgainstItsIgluSchema() throws {
        guard let shared = sharedFolder else {
            print("skipped: the shared folder with Iglu's bad-row schemas is not beside the package")
            return
        }
        let rows = try Self.everyKindOfBadRow()
        var kinds: Set<String> = []
        for row in rows {
            let json = try JSONParser().parse(row)
            let uri = try #require(json["schema"]?.stringValue)
            let key = try SchemaKey(igluURI: uri)
            let schemaPath = shared.appendingPathComponent(
                "iglu/schemas/\(key.vendor)/\(key.name)/\(key.format)/\(key.version)").path
            let schema = try JSONParser().parse(try Data(contentsOf: URL(fileURLWithPath: schemaPath)))
            let violations = try CompiledSchema(schema).validate(try #require(json["data"]))
            #expect(violations.isEmpty, "\(key.name): \(violations.map(\.message))")
            kinds.insert(key.name)
        }
        #expect(kinds == Set(BadRowKind.allCases.map(\.rawValue)))
    }
}
