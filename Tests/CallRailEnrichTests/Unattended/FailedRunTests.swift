import Foundation
import Testing

@testable import CallRailEnrich

/// `setpriv` from util-linux, which runs a command as another user.
private let setprivPath = findProgram(["/usr/bin/setpriv", "/bin/setpriv"])

/// The unprivileged user and group `nobody` on Debian.
private let nobodyID = "65534"

/// Whether a folder can be made unwritable for the tool: as root through `setpriv` (root ignores
/// permissions), otherwise by removing write permission.
private let canDropWritePermission: Bool = {
    guard getuid() == 0 else { return true }
    guard let setpriv = setprivPath, let tool = executablePath else { return false }
    // The executable must be reachable by that user; a checkout below a private home folder is not.
    let probe = try? runProgram(setpriv, ["--reuid=\(nobodyID)", "--regid=\(nobodyID)", "--clear-groups", tool, "--version"])
    return probe?.status == 0
}()

/// Runs the tool as `nobody` when the tests run as root, so that file permissions apply to it.
private func runToolWithoutPrivileges(_ arguments: [String]) throws -> CommandResult {
    guard getuid() == 0 else {
        return try runTool(arguments)
    }
    let setpriv = try #require(setprivPath)
    let tool = try #require(executablePath, "the callrail-enrich executable was not built")
    return try runProgram(
        setpriv, ["--reuid=\(nobodyID)", "--regid=\(nobodyID)", "--clear-groups", tool] + arguments)
}

/// Each test causes a real failure in the built executable and checks that it exits with status 1,
/// names the cause and the file, and leaves neither a run folder nor a temporary folder.
@Suite(.serialized) struct FailedRunTests {
    @Test(
        .enabled(
            if: canDropWritePermission,
            "tests run as root and setpriv (util-linux) is missing or cannot run the executable as nobody, so no folder can be read-only for the tool"))
    func readOnlyOutputFolderFailsWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("log", logBytes([callLine(id: 1)]))
        try folder.write("readonly/keep", [])
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path("readonly"))
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path("readonly"))
        }

        let result = try runToolWithoutPrivileges(["enrich", "--output", folder.path("readonly/run"), input])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("Permission denied"), "\(result.standardError)")
        #expect(result.standardError.contains(folder.path("readonly/run")), "\(result.standardError)")
        #expect(result.standardError.contains("nothing was committed"))
        #expect(folderEntries(folder.path("readonly")) == ["keep"])
    }

    @Test func outputInsideAFileFailsWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("log", logBytes([callLine(id: 1)]))
        try folder.write("plain-file", [])

        let result = try runTool(["enrich", "--output", folder.path("plain-file/run"), input])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("Not a directory"), "\(result.standardError)")
        #expect(result.standardError.contains("plain-file/run"))
        #expect(folderEntries(folder.url.path) == ["log", "plain-file"])
    }

    @Test(arguments: [1, 2])
    func fileSizeLimitFailsWithoutLeftovers(jobs: Int) throws {
        let folder = try TemporaryFolder()
        // About 3 MB of enriched output against a limit of 64 blocks of 512 bytes.
        let input = try folder.write("big.gz", largeGzipInput(linesPerMember: 20_000, members: 1))
        let tool = try #require(executablePath, "the callrail-enrich executable was not built")
        let command =
            "ulimit -f 64; exec '\(tool)' enrich --jobs \(jobs) --state '\(folder.path("state.json"))' "
            + "--output '\(folder.path("run"))' '\(input)'"

        let result = try runProgram("/bin/sh", ["-c", command])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("File too large"), "\(result.standardError)")
        #expect(result.standardError.contains("part-00000"), "the message names the file: \(result.standardError)")
        expectNothingCommitted(in: folder, name: "run")
        #expect(!FileManager.default.fileExists(atPath: folder.path("state.json")), "the state was written")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func signalMidRunStopsWithoutLeftovers(signal: Int32) throws {
        let folder = try TemporaryFolder()
        // 400,000 lines: tens of seconds for a debug build, so the signal arrives mid-run.
        let input = try folder.write("big.gz", largeGzipInput(linesPerMember: 20_000, members: 20))
        let tool = try BackgroundTool(
            ["enrich", "--jobs", "2", "--state", folder.path("state.json"), "--output", folder.path("run"), input],
            errorPath: folder.path("stderr.txt"))

        let started = waitUntil(timeout: 60) { folderEntries(folder.url.path).contains { $0.hasPrefix("run.tmp-") } }
        #expect(started, "no temporary folder appeared")
        usleep(200_000)
        let signalTime = Date()
        tool.send(signal)
        let finished = try #require(tool.wait(timeout: 60), "the tool did not exit within 60 s of the signal")
        let secondsToExit = Date().timeIntervalSince(signalTime)

        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        #expect(finished.status == 1, "\(finished.standardError)")
        #expect(
            finished.standardError.contains("interrupted by \(name) while reading '\(input)'"),
            "\(finished.standardError)")
        #expect(finished.standardError.contains("nothing was committed to '\(folder.path("run"))'"))
        #expect(secondsToExit < 30, "took \(secondsToExit) s to stop")
        expectNothingCommitted(in: folder, name: "run")
        #expect(!FileManager.default.fileExists(atPath: folder.path("state.json")), "the state was written")
    }

    @Test func secondSignalStopsBlockedRun() throws {
        let folder = try TemporaryFolder()
        // Standard input stays open and empty, so the reader blocks and never checks for the first signal.
        let tool = try BackgroundTool(
            ["enrich", "--output", folder.path("run"), "-"], errorPath: folder.path("stderr.txt"),
            holdStandardInput: true)

        let started = waitUntil(timeout: 60) { folderEntries(folder.url.path).contains { $0.hasPrefix("run.tmp-") } }
        #expect(started, "no temporary folder appeared")
        tool.send(SIGTERM)
        let acknowledged = waitUntil(timeout: 10) {
            ((try? String(contentsOfFile: folder.path("stderr.txt"), encoding: .utf8)) ?? "").contains(
                "SIGTERM received")
        }
        #expect(acknowledged, "the first signal was not acknowledged")
        #expect(tool.process.isRunning, "a blocked read should keep the run going after one signal")
        tool.send(SIGTERM)
        let finished = try #require(tool.wait(timeout: 10), "the tool did not exit after the second signal")

        #expect(finished.status == 1, "\(finished.standardError)")
        #expect(finished.standardError.contains("interrupted again by SIGTERM; removed '"), "\(finished.standardError)")
        expectNothingCommitted(in: folder, name: "run")
    }

    @Test func missingInputFailsWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        let present = try folder.write("a.log", logBytes([callLine(id: 1)]))

        let result = try runTool(["enrich", "--output", folder.path("run"), present, folder.path("b.log")])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("'\(folder.path("b.log"))': input not found"), "\(result.standardError)")
        expectNothingCommitted(in: folder, name: "run")
    }

    @Test(
        .enabled(
            if: canDropWritePermission,
            "tests run as root and setpriv (util-linux) is missing or cannot run the executable as nobody, so no file can be unreadable for the tool"))
    func unreadableSecondInputFailsWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.log", logBytes([callLine(id: 1)]))
        let second = try folder.write("b.log", logBytes([callLine(id: 2)]))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: second)
        try FileManager.default.createDirectory(atPath: folder.path("out"), withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path("out"))

        let result = try runToolWithoutPrivileges(["enrich", "--output", folder.path("out/run"), first, second])

        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("cannot open '\(second)': Permission denied"), "\(result.standardError)")
        #expect(folderEntries(folder.path("out")).isEmpty)
    }
}
