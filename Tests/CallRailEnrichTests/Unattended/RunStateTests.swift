import Foundation
import Testing

@testable import CallRailEnrich

/// `--state`: nightly runs over a growing folder of logs, run through the built executable.
@Suite(.serialized) struct RunStateTests {
    /// Runs the tool over `logs` with the state file, expecting it to commit `run`.
    private func nightlyRun(
        _ folder: TemporaryFolder, _ run: String, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CommandResult {
        let result = try runTool(
            ["enrich", "--state", folder.path("state.json"), "--output", folder.path(run)] + extra + [
                folder.path("logs")
            ])
        #expect(result.status == 0, "\(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    @Test func eachFileProcessedOnceAcrossNights() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/2024-01-01.gz", gzip(logBytes([callLine(id: 1), callLine(id: 2), callLine(id: 3)])))
        _ = try nightlyRun(folder, "night1")

        try folder.write("logs/2024-01-02.gz", gzip(logBytes([callLine(id: 4), callLine(id: 5)])))
        let second = try nightlyRun(folder, "night2")

        try folder.write("logs/2024-01-03.gz", gzip(logBytes([callLine(id: 6)])))
        _ = try nightlyRun(folder, "night3")

        #expect(try enrichedCallIDs(ofRun: folder.path("night1")) == [1, 2, 3])
        #expect(try enrichedCallIDs(ofRun: folder.path("night2")) == [4, 5])
        #expect(try enrichedCallIDs(ofRun: folder.path("night3")) == [6])
        #expect(try reportPaths(ofRun: folder.path("night2"), list: "inputs") == [folder.path("logs/2024-01-02.gz")])
        #expect(try reportPaths(ofRun: folder.path("night3"), list: "inputs") == [folder.path("logs/2024-01-03.gz")])
        #expect(
            try reportPaths(ofRun: folder.path("night3"), list: "already_processed")
                == [folder.path("logs/2024-01-01.gz"), folder.path("logs/2024-01-02.gz")])
        #expect(try reportTotals(ofRun: folder.path("night2"))["read"] as? Int == 2)
        #expect(try reportTotals(ofRun: folder.path("night3"))["enriched"] as? Int == 1)
        #expect(second.standardError.contains("1 input was already processed by earlier runs and skipped"))

        let state = try RunStateFile.parse(
            Array(try Data(contentsOf: folder.url.appendingPathComponent("state.json"))), path: "state.json")
        let run = try #require(state.records[try RunState.resolve(folder.path("logs/2024-01-02.gz"))]).run
        #expect(run == (try RunState.resolve(folder.path("night2"))))
        #expect(state.records.count == 3)
    }

    @Test func emptyNightCommitsEmptyRun() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/a.gz", gzip(logBytes([callLine(id: 1)])))
        _ = try nightlyRun(folder, "night1")

        let result = try nightlyRun(folder, "night2")

        #expect(FileManager.default.fileExists(atPath: folder.path("night2/_SUCCESS")))
        #expect(try enrichedCallIDs(ofRun: folder.path("night2")).isEmpty)
        #expect(try reportPaths(ofRun: folder.path("night2"), list: "inputs").isEmpty)
        #expect(try reportPaths(ofRun: folder.path("night2"), list: "already_processed") == [folder.path("logs/a.gz")])
        #expect(result.standardError.contains("0 lines read from 0 inputs"))
    }

    @Test func changedFilesAreProcessedAgain() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/grown.log", logBytes([callLine(id: 1)]))
        try folder.write("logs/rewritten.log", logBytes([callLine(id: 6)]))
        try folder.write("logs/same.log", logBytes([callLine(id: 9)]))
        _ = try nightlyRun(folder, "night1")

        try folder.write("logs/grown.log", logBytes([callLine(id: 1), callLine(id: 2)]))
        // Same length, other bytes: only the checksum can tell.
        try folder.write("logs/rewritten.log", logBytes([callLine(id: 8)]))
        let result = try nightlyRun(folder, "night2")

        #expect(try enrichedCallIDs(ofRun: folder.path("night2")) == [1, 2, 8])
        #expect(
            try reportPaths(ofRun: folder.path("night2"), list: "already_processed") == [folder.path("logs/same.log")])
        let reprocessed = try #require(try readReport(ofRun: folder.path("night2"))["reprocessed"] as? [[String: Any]])
        #expect(reprocessed.compactMap { $0["reason"] as? String } == ["size_changed", "content_changed"])
        #expect(reprocessed.first?["previous_run"] as? String == (try RunState.resolve(folder.path("night1"))))
        #expect(result.standardError.contains("warning: '\(folder.path("logs/grown.log"))' was processed by the run"))
        #expect(result.standardError.contains("Processed again: '\(folder.path("logs/grown.log"))' (size_changed)"))

        _ = try nightlyRun(folder, "night3")
        #expect(try enrichedCallIDs(ofRun: folder.path("night3")).isEmpty)
    }

    @Test func damagedFileIsRecordedWhole() throws {
        let folder = try TemporaryFolder()
        // Decoding stops at the garbage after the member, 2 MiB before the end of the file, so the
        // rest must be checksummed separately for the record to match the file.
        let garbage = [UInt8](repeating: 0x41, count: 2 << 20)
        let path = try folder.write("logs/damaged.gz", try gzip(logBytes([callLine(id: 1)])) + garbage)
        let first = try runTool(
            ["enrich", "--state", folder.path("state.json"), "--output", folder.path("night1"), folder.path("logs")])
        #expect(first.status == 3, "\(first.standardError)")

        _ = try nightlyRun(folder, "night2")

        let state = try RunStateFile.parse(
            Array(try Data(contentsOf: folder.url.appendingPathComponent("state.json"))), path: "state.json")
        let record = try #require(state.records[try RunState.resolve(path)])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(record.size == size)
        #expect(try reportPaths(ofRun: folder.path("night2"), list: "already_processed") == [path])
    }

    @Test func reprocessStillUpdatesState() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/a.gz", gzip(logBytes([callLine(id: 1)])))
        _ = try nightlyRun(folder, "night1")

        _ = try nightlyRun(folder, "again", extra: ["--reprocess"])

        #expect(try enrichedCallIDs(ofRun: folder.path("again")) == [1])
        let reprocessed = try #require(try readReport(ofRun: folder.path("again"))["reprocessed"] as? [[String: Any]])
        #expect(reprocessed.first?["reason"] as? String == "reprocess_requested")
        let state = try String(contentsOfFile: folder.path("state.json"), encoding: .utf8)
        #expect(state.contains(try RunState.resolve(folder.path("again"))))
    }

    @Test func otherWindowProcessesFileAgain() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "logs/a.log", logBytes([callLine(id: 1, time: "10:00:00"), callLine(id: 2, time: "12:00:00")]))
        _ = try nightlyRun(folder, "morning", extra: ["--until", "2014-10-09 11:00:00"])

        _ = try nightlyRun(folder, "rest", extra: ["--since", "2014-10-09 11:00:00"])

        #expect(try enrichedCallIDs(ofRun: folder.path("morning")) == [1])
        #expect(try enrichedCallIDs(ofRun: folder.path("rest")) == [2])
    }

    @Test func unparsableStateFileFailsAndIsKept() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/a.gz", gzip(logBytes([callLine(id: 1)])))
        let garbage = Array("{\"format\": \"callrail-enrich-state/1\", \"inputs\": [".utf8)
        try folder.write("state.json", garbage)

        let result = try runTool(
            ["enrich", "--state", folder.path("state.json"), "--output", folder.path("run"), folder.path("logs")])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("state file '\(folder.path("state.json"))': invalid state file"))
        #expect(result.standardError.contains("remove it to process every input again"))
        #expect(Array(try Data(contentsOf: folder.url.appendingPathComponent("state.json"))) == garbage)
        expectNothingCommitted(in: folder, name: "run")
    }

    @Test func stateInUseByAnotherRunFails() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/a.gz", gzip(logBytes([callLine(id: 1)])))
        let lock = open(folder.path("state.json.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(lock >= 0)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)

        let result = try runTool(
            ["enrich", "--state", folder.path("state.json"), "--output", folder.path("run"), folder.path("logs")])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("another run is using it"), "\(result.standardError)")
        expectNothingCommitted(in: folder, name: "run")
    }

    @Test func missingStateFolderFailsEarly() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/a.gz", gzip(logBytes([callLine(id: 1)])))

        let result = try runTool(
            [
                "enrich", "--state", folder.path("missing/state.json"), "--output", folder.path("run"),
                folder.path("logs"),
            ])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("check that its folder exists"), "\(result.standardError)")
        expectNothingCommitted(in: folder, name: "run")
    }

    @Test func reprocessWithoutStateIsAUsageError() throws {
        let folder = try TemporaryFolder()
        let result = try runTool(["enrich", "--reprocess", "--output", folder.path("run"), folder.path("logs")])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--reprocess needs --state FILE"))
    }
}

@Suite struct RunStateFileTests {
    static let record = ProcessedInputRecord(
        path: "/logs/a \"quoted\".gz", size: 1234, sha256: String(repeating: "ab", count: 32),
        window: ReplayWindow(since: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), until: nil),
        run: "/out/night1", committedAt: "2024-01-02T03:00:00.000Z")

    @Test func writtenStateParsesBackUnchanged() throws {
        let file = RunStateFile(records: [Self.record.path: Self.record])
        let parsed = try RunStateFile.parse(file.jsonText(), path: "state.json")
        #expect(parsed == file)
    }

    @Test(arguments: [
        ("", "invalid JSON at byte 0"),
        ("[]", "expected a JSON object"),
        ("{\"inputs\": []}", "missing \"format\""),
        ("{\"format\": \"other/2\", \"inputs\": []}", "unsupported format 'other/2'"),
        ("{\"format\": \"callrail-enrich-state/1\"}", "missing \"inputs\""),
        ("{\"format\": \"callrail-enrich-state/1\", \"inputs\": [{\"path\": \"relative\"}]}", "not an absolute path"),
        (
            "{\"format\": \"callrail-enrich-state/1\", \"inputs\": [{\"path\": \"/a\", \"size\": -1}]}",
            "inputs[0].size is missing"
        ),
        (
            "{\"format\": \"callrail-enrich-state/1\", \"inputs\": [{\"path\": \"/a\", \"size\": 1, \"sha256\": \"xyz\"}]}",
            "is not 64 lower-case hex digits"
        ),
    ])
    func invalidStateNamesTheProblem(text: String, expected: String) {
        #expect {
            try RunStateFile.parse(Array(text.utf8), path: "state.json")
        } throws: { error in
            let description = "\(error)"
            return description.contains(expected)
                && description.hasPrefix("state file 'state.json': invalid state file")
        }
    }
}
