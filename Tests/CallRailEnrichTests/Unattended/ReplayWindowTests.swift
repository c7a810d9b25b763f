import Foundation
import Testing

@testable import CallRailEnrich

/// `--since` (inclusive) and `--until` (exclusive) on the collector timestamp.
@Suite struct ReplayWindowTests {
    static func at(_ text: String) -> Timestamp {
        // The test texts are valid timestamps.
        Timestamp.parseCallRailDateTime(text)!
    }

    /// Five calls logged one after another, with ids 1 to 5.
    static let lines = [
        callLine(id: 1, time: "16:28:29"),
        callLine(id: 2, time: "16:28:30"),
        callLine(id: 3, time: "16:28:31"),
        callLine(id: 4, time: "16:29:59"),
        callLine(id: 5, time: "16:30:00"),
    ]

    private func run(
        _ lines: [String], since: String?, until: String?, in folder: TemporaryFolder, name: String = "run"
    ) throws -> RunReport {
        let input = try folder.write(name + ".log", logBytes(lines))
        return try runJob(inputs: [input], output: folder.path(name)) { configuration in
            configuration.options.replayWindow = ReplayWindow(
                since: since.map(Self.at), until: until.map(Self.at))
        }
    }

    @Test func sinceIsInclusiveAndUntilExclusive() throws {
        let folder = try TemporaryFolder()
        let report = try run(Self.lines, since: "2014-10-09 16:28:30", until: "2014-10-09 16:30:00", in: folder)

        #expect(try enrichedCallIDs(ofRun: folder.path("run")) == [2, 3, 4])
        #expect(report.totals.skipped[ReplayWindow.skippedKey] == 2)
        #expect(report.totals.read == 5)
        #expect(report.totals.isBalanced)
    }

    @Test func singleBoundsKeepTheirSide() throws {
        let folder = try TemporaryFolder()
        _ = try run(Self.lines, since: "2014-10-09 16:28:31", until: nil, in: folder, name: "since")
        _ = try run(Self.lines, since: nil, until: "2014-10-09 16:28:31", in: folder, name: "until")

        #expect(try enrichedCallIDs(ofRun: folder.path("since")) == [3, 4, 5])
        #expect(try enrichedCallIDs(ofRun: folder.path("until")) == [1, 2])
    }

    @Test func adjacentWindowsDoNotOverlap() throws {
        let folder = try TemporaryFolder()
        let bound = "2014-10-09 16:28:31"
        let first = try run(Self.lines, since: nil, until: bound, in: folder, name: "first")
        let second = try run(Self.lines, since: bound, until: nil, in: folder, name: "second")

        let ids = try enrichedCallIDs(ofRun: folder.path("first")) + enrichedCallIDs(ofRun: folder.path("second"))
        #expect(ids == [1, 2, 3, 4, 5])
        #expect(first.totals.enriched + second.totals.enriched == 5)
    }

    @Test func otherLineKindsKeepTheirCounts() throws {
        let folder = try TemporaryFolder()
        let lines = [
            "#Version: 1.0",
            "",
            callLine(id: 1, time: "16:28:29"),
            callLine(id: 2, date: "2014-13-45"),
            cloudFrontLine("e=pv", path: "/i"),
            "garbage line",
        ]

        let report = try run(lines, since: "2014-10-09 16:28:30", until: nil, in: folder)

        let totals = report.totals
        #expect(totals.headers == 1)
        #expect(totals.blank == 1)
        #expect(totals.skipped[ReplayWindow.skippedKey] == 1)
        // A request for another path is skipped under its path whatever its time.
        #expect(totals.skipped["/i"] == 1)
        // An unparsable timestamp cannot be placed in the window, so the line stays a bad row.
        #expect(totals.bad[.collectorPayloadFormatViolation] == 2)
        #expect(totals.enriched == 0)
        #expect(totals.isBalanced)
    }

    @Test func windowKeyIsNeverFolded() throws {
        var counts = LineCounts()
        for index in 0..<LineCounts.maximumDistinctSkippedPaths {
            counts.countSkipped(path: "/path\(index)")
        }
        var more = LineCounts()
        more.countSkipped(reason: ReplayWindow.skippedKey)
        more.read = 1
        counts.merge(more)

        #expect(counts.skipped[ReplayWindow.skippedKey] == 1)
        #expect(counts.skipped[LineCounts.otherPathsKey] == nil)
    }

    @Test func dateAloneMeansItsMidnight() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "a.log",
            logBytes([callLine(id: 1, date: "2014-10-08", time: "23:59:59"), callLine(id: 2, time: "00:00:00")]))

        let result = try runTool(["enrich", "--since", "2014-10-09", "--output", folder.path("run"), input])

        #expect(result.status == 0, "\(result.standardError)")
        #expect(try readReport(ofRun: folder.path("run"))["since"] as? String == "2014-10-09 00:00:00.000")
        #expect(try enrichedCallIDs(ofRun: folder.path("run")) == [2])
    }

    @Test func reportAndSummaryShowTheWindow() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("a.log", logBytes(Self.lines))

        let result = try runTool(
            [
                "enrich", "--since", "2014-10-09T16:28:30Z", "--until", "2014-10-09 16:30:00", "--output",
                folder.path("run"), input,
            ])

        #expect(result.status == 0, "\(result.standardError)")
        let report = try readReport(ofRun: folder.path("run"))
        #expect(report["since"] as? String == "2014-10-09 16:28:30.000")
        #expect(report["until"] as? String == "2014-10-09 16:30:00.000")
        #expect(result.standardError.contains("2 skipped (2 outside --since/--until)"), "\(result.standardError)")
    }

    @Test(arguments: [
        (["--since", "yesterday"], "invalid --since 'yesterday'"),
        (["--until", "2014-10"], "invalid --until '2014-10'"),
        (["--until", "2014-02-30"], "invalid --until '2014-02-30'"),
        (["--since", "2014-10-09 16:00:00", "--until", "2014-10-09 16:00:00"], "is not before --until"),
    ])
    func invalidWindowsAreUsageErrors(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let result = try runTool(["enrich", "--output", folder.path("run")] + arguments + [folder.path("in")])
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
