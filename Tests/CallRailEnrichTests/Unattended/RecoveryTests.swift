import Foundation
import Testing

@testable import CallRailEnrich

/// `--recover RUN_DIR`: a second run over the same inputs writes only the events that the first
/// run did not enrich.
@Suite(.serialized) struct RecoveryTests {
    static let etlTimestamp = "2024-01-01T00:00:00Z"

    static let goodLines = [callLine(id: 1), callLine(id: 2)]
    /// Calls with properties that only `call_complete` 1-0-3 (added in the test) allows.
    static let newPropertyLines = [callLine(id: 3, extra: "&score=87&tag=vip"), callLine(id: 4, extra: "&tag=new")]
    /// A call with a property that no schema allows.
    static let invalidLine = callLine(id: 5, extra: "&colour=red")
    /// A request with no call data, an `adapter_failures` bad row under any schema.
    static let adapterFailureLine = tomcatLine("cv=clj-0.6.0-tom-0.0.4&nuid=abc")

    static var allLines: [String] { goodLines + newPropertyLines + [invalidLine, adapterFailureLine] }

    /// Writes an Iglu folder with `call_complete` 1-0-3: 1-0-2 plus the nullable strings `score`
    /// and `tag`.
    static func writeSchema1_0_3(in folder: TemporaryFolder) throws -> String {
        var schema = try #require(
            CallCompleteSchema.schema(for: SchemaVer(model: 1, revision: 0, addition: 2))?.objectValue)
        var properties = try #require(schema["properties"]?.objectValue)
        properties["score"] = ["type": ["string", "null"]]
        properties["tag"] = ["type": ["string", "null"]]
        schema["properties"] = .object(properties)
        var selfDescription = try #require(schema["self"]?.objectValue)
        selfDescription["version"] = "1-0-3"
        schema["self"] = .object(selfDescription)

        var json = JSONWriter(capacity: 4096)
        json.append(.object(schema))
        try folder.write("iglu/schemas/com.callrail/call_complete/jsonschema/1-0-3", json.bytes)
        return folder.path("iglu")
    }

    static func eventID(of line: String) -> String {
        Array(line.utf8).withUnsafeBufferPointer { EventID.nameBased($0) }
    }

    @Test func recoveryWritesOnlyFailedEvents() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("logs/a.gz", gzip(logBytes(Self.allLines)))
        let first = try runTool(
            ["enrich", "--etl-timestamp", Self.etlTimestamp, "--output", folder.path("first"), input])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try enrichedCallIDs(ofRun: folder.path("first")) == [1, 2])
        let iglu = try Self.writeSchema1_0_3(in: folder)

        let recovery = try runTool([
            "enrich", "--etl-timestamp", Self.etlTimestamp, "--iglu-dir", iglu, "--schema-version", "1-0-3",
            "--recover", folder.path("first"), "--output", folder.path("recovered"),
        ])

        #expect(recovery.status == 0, "\(recovery.standardError)")
        #expect(try enrichedCallIDs(ofRun: folder.path("recovered")) == [3, 4])
        let recoveredIDs = try enrichedEventIDs(ofRun: folder.path("recovered"))
        #expect(recoveredIDs == Self.newPropertyLines.map(Self.eventID))
        #expect(Set(recoveredIDs).isDisjoint(with: try enrichedEventIDs(ofRun: folder.path("first"))))

        let totals = try reportTotals(ofRun: folder.path("recovered"))
        let skipped = try #require(totals["skipped"] as? [String: Int])
        let bad = try #require(totals["bad"] as? [String: Int])
        #expect(skipped[RecoveredRun.skippedKey] == 2)
        #expect(bad["schema_violations"] == 1, "the call with an unknown property is still bad")
        #expect(bad["adapter_failures"] == 1, "bad rows are written again")
        let recovered = try #require(try readReport(ofRun: folder.path("recovered"))["recovered_run"] as? [String: Any])
        #expect(recovered["enriched_event_ids"] as? Int == 2)
        #expect(try reportPaths(ofRun: folder.path("recovered"), list: "inputs") == [input])
    }

    @Test func recoveredRowsMatchFullRun() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("a.log", logBytes(Self.allLines))
        let iglu = try Self.writeSchema1_0_3(in: folder)
        let newSchema = ["--etl-timestamp", Self.etlTimestamp, "--iglu-dir", iglu, "--schema-version", "1-0-3"]
        #expect(
            try runTool(["enrich", "--etl-timestamp", Self.etlTimestamp, "--output", folder.path("first"), input])
                .status == 0)
        #expect(try runTool(["enrich"] + newSchema + ["--output", folder.path("full"), input]).status == 0)

        let recovery = try runTool(
            ["enrich"] + newSchema + ["--recover", folder.path("first"), "--output", folder.path("recovered"), input])

        #expect(recovery.status == 0, "\(recovery.standardError)")
        let firstIDs = Set(try enrichedEventIDs(ofRun: folder.path("first")))
        let expected = try enrichedRows(ofRun: folder.path("full")).filter {
            !firstIDs.contains(String($0[EnrichedField.event_id.rawValue]))
        }
        #expect(try enrichedRows(ofRun: folder.path("recovered")) == expected)
        #expect(expected.count == 2)
    }

    @Test func recoveryIgnoresTheStateRecords() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("logs/a.log", logBytes(Self.allLines))
        let state = folder.path("state.json")
        #expect(try runTool(["enrich", "--state", state, "--output", folder.path("first"), input]).status == 0)
        let iglu = try Self.writeSchema1_0_3(in: folder)

        let recovery = try runTool([
            "enrich", "--state", state, "--iglu-dir", iglu, "--schema-version", "1-0-3", "--recover",
            folder.path("first"), "--output", folder.path("recovered"),
        ])

        #expect(recovery.status == 0, "\(recovery.standardError)")
        #expect(try enrichedCallIDs(ofRun: folder.path("recovered")) == [3, 4])
        let reprocessed = try #require(
            try readReport(ofRun: folder.path("recovered"))["reprocessed"] as? [[String: Any]])
        #expect(reprocessed.first?["reason"] as? String == "reprocess_requested")
    }

    @Test func plainTextRunsCanBeRecovered() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("a.log", logBytes(Self.allLines))
        let iglu = try Self.writeSchema1_0_3(in: folder)
        #expect(try runTool(["enrich", "--compression", "none", "--output", folder.path("first"), input]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("first/enriched/part-00000.tsv")))

        var registry = SchemaRegistry()
        _ = try registry.loadIgluDirectory(iglu)
        let validator = try CallCompleteValidator(registry: registry, version: "1-0-3")
        let recoveredRun = try RecoveredRun(path: folder.path("first"))

        let report = try runJob(inputs: [input], output: folder.path("recovered")) { configuration in
            configuration.options.schemaVersion = "1-0-3"
            configuration.options.validator = validator
            configuration.recoveredRun = recoveredRun
        }

        #expect(report.totals.enriched == 2)
        #expect(report.totals.skipped[RecoveredRun.skippedKey] == 2)
        #expect(report.selection.recoveredEventIDCount == 2)
        #expect(try enrichedCallIDs(ofRun: folder.path("recovered")) == [3, 4])
    }

    @Test func rowWithoutEventIDFailsRecovery() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("a.log", logBytes(Self.goodLines))
        #expect(try runTool(["enrich", "--compression", "none", "--output", folder.path("first"), input]).status == 0)
        let rows = try String(contentsOfFile: folder.path("first/enriched/part-00000.tsv"), encoding: .utf8)
        try folder.write("first/enriched/part-00000.tsv", Array((rows + "not\tan\tenriched\tevent\n").utf8))

        let result = try runTool(["enrich", "--recover", folder.path("first"), "--output", folder.path("recovered")])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardError.contains("'\(folder.path("first"))/enriched/part-00000.tsv': line 3 has no UUID"),
            "\(result.standardError)")
        expectNothingCommitted(in: folder, name: "recovered")
    }

    @Test func misusedRecoveryIsUsageError() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("a.log", logBytes(Self.goodLines))
        #expect(try runTool(["enrich", "--output", folder.path("first"), input]).status == 0)
        try folder.write("uncommitted/report.json", Array("{\"inputs\": []}".utf8))

        let cases: [([String], String)] = [
            (["--recover", folder.path("uncommitted")], "no _SUCCESS file"),
            (["--recover", folder.path("absent")], "not a folder"),
            (["--recover", folder.path("first"), "--event-id", "random"], "--recover needs --event-id deterministic"),
            (
                ["--recover", folder.path("first"), "--overwrite", "--output", folder.path("first")],
                "is the --recover run folder"
            ),
        ]
        for (arguments, message) in cases {
            let result = try runTool(["enrich", "--output", folder.path("recovered")] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path("first/_SUCCESS")))
    }
}
