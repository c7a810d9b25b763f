import Foundation
import Testing

@testable import CallRailEnrich

/// The built `callrail-enrich` executable next to the test bundle.
let executablePath: String? = {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    for configuration in ["debug", "release"] {
        let path = packageRoot.appendingPathComponent(".build/\(configuration)/callrail-enrich").path
        if FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
    }
    return nil
}()

/// The result of running the executable.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs the executable with arguments and extra environment variables.
func runTool(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let path = try #require(executablePath, "the callrail-enrich executable was not built")
    return try runProgram(path, arguments, environment: environment)
}

@Suite(.serialized) struct CommandLineTests {
    @Test func runsAreByteIdenticalUnderAnyTimeZone() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("log.gz", gzip(EnrichJobTests.corpus(repeating: 20)))
        var outputs: [[Data]] = []
        for (index, zone) in ["UTC", "America/Los_Angeles", "Asia/Kolkata"].enumerated() {
            let result = try runTool(
                ["enrich", "--quiet", "--etl-timestamp", "2024-01-01T00:00:00Z", "--output", folder.path("run\(index)"), input],
                environment: ["TZ": zone])
            #expect(result.status == 0, "\(result.standardError)")
            outputs.append(
                try ["enriched/part-00000.tsv.gz", "bad/part-00000.jsonl.gz", "report.json"].map {
                    try Data(contentsOf: URL(fileURLWithPath: folder.path("run\(index)/" + $0)))
                })
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test func usageErrorsExitWithSixtyFour() throws {
        let folder = try TemporaryFolder()
        for arguments in [
            [], ["enrich"], ["enrich", "--output", folder.path("x")], ["frobnicate"],
            ["enrich", "--output", folder.path("x"), "--format", "xml", "in"],
            ["enrich", "--output", folder.path("x"), "--schema-version", "9-9-9", "in"],
            ["enrich", "--output", folder.path("x"), "--etl-timestamp", "noon", "in"],
        ] {
            let result = try runTool(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.contains("error:"), "\(arguments)")
        }
        let unknownVersion = try runTool(["enrich", "--output", folder.path("x"), "--schema-version", "9-9-9", "in"])
        #expect(unknownVersion.standardError.contains("1-0-0, 1-0-1, 1-0-2"))
    }

    @Test func overwriteNeverDeletesInputsOrOtherFolders() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("victim/log.gz", gzip(Array((workedExampleTomcatLine + "\n").utf8)))
        let inside = try runTool(["enrich", "--overwrite", "--output", folder.path("victim"), input])
        #expect(inside.status == 64)
        #expect(inside.standardError.contains("inside the --output folder"))
        #expect(FileManager.default.fileExists(atPath: input))
        try folder.write("plain/notes.txt", Array("x".utf8))
        let notRun = try runTool(["enrich", "--overwrite", "--output", folder.path("plain"), input])
        #expect(notRun.status == 64)
        #expect(notRun.standardError.contains("not a committed run folder"))
        #expect(FileManager.default.fileExists(atPath: folder.path("plain/notes.txt")))
        let missingParent = try runTool(["enrich", "--output", folder.path("no/such/run"), input])
        #expect(missingParent.status == 64)
        #expect(missingParent.standardError.contains("does not exist"))
    }

    @Test func recoverFindsRelativeInputsFromAnotherFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("night/logs/a.log", Array((workedExampleTomcatLine + "\n").utf8))
        try folder.write("elsewhere/logs/a.log", Array("#Version: 1.0\n#Version: 1.0\n".utf8))
        let tool = try #require(executablePath)
        func run(_ arguments: [String], in directory: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try run(["enrich", "--quiet", "--output", folder.path("run1"), "logs/a.log"], in: folder.path("night")) == 0)
        // From another folder holding a different logs/a.log, recovery must read the file the run read.
        let status = try run(
            ["enrich", "--quiet", "--recover", folder.path("run1"), "--output", folder.path("run2")], in: folder.path("elsewhere"))
        #expect(status == 0)
        let report = try JSONParser().parse(try Data(contentsOf: URL(fileURLWithPath: folder.path("run2/report.json"))))
        let input = try #require(report["inputs"]?.arrayValue?.first)
        #expect(input["absolute_path"]?.stringValue == folder.path("night/logs/a.log"))
        #expect(input["read"]?.numberValue?.literal == "1")
        #expect(input["enriched"]?.numberValue?.literal == "0")
    }

    @Test func helpAndVersionPrintToStandardOutput() throws {
        let help = try runTool(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Exit status"))
        let version = try runTool(["--version"])
        #expect(version.standardOutput.hasPrefix("callrail-enrich "))
    }

    @Test func damagedInputExitsWithThree() throws {
        let folder = try TemporaryFolder()
        let whole = try gzip(EnrichJobTests.corpus(repeating: 5))
        let input = try folder.write("cut.gz", Array(whole.prefix(whole.count / 2)))
        let result = try runTool(["enrich", "--output", folder.path("run"), input])
        #expect(result.status == 3)
        #expect(result.standardError.contains("cut.gz"))
        #expect(FileManager.default.fileExists(atPath: folder.path("run/_SUCCESS")))
    }

    @Test func failedRunExitsWithOneAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        let result = try runTool(["enrich", "--output", folder.path("run"), folder.path("missing.gz")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("missing.gz"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
