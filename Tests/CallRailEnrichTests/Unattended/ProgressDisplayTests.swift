import Foundation
import Testing

@testable import CallRailEnrich

/// `script` from util-linux, which runs a command on a new pseudo-terminal.
private let scriptPath = findProgram(["/usr/bin/script", "/bin/script"])

/// The progress line on standard error, checked in a real terminal.
@Suite(.serialized) struct ProgressDisplayTests {
    /// Runs a shell command line on a pseudo-terminal and returns everything the terminal received.
    private func runOnTerminal(_ command: String) throws -> CommandResult {
        let script = try #require(scriptPath)
        // -q: no start and end notes, -f: flush at once, -e: exit with the command's status.
        return try runProgram(script, ["-qfec", command, "/dev/null"])
    }

    private func makeInput(in folder: TemporaryFolder) throws -> String {
        try folder.write("log.gz", gzip(logBytes((0..<20_000).map { callLine(id: $0) })))
    }

    @Test(.enabled(if: scriptPath != nil, "script (util-linux) is missing, so the tool cannot be given a terminal"))
    func terminalShowsThenErasesProgress() throws {
        let folder = try TemporaryFolder()
        let input = try makeInput(in: folder)
        let tool = try #require(executablePath)

        let result = try runOnTerminal("'\(tool)' enrich --output '\(folder.path("run"))' '\(input)'")

        #expect(result.status == 0, "\(result.standardOutput)")
        let screen = result.standardOutput
        #expect(screen.contains("\rcallrail-enrich: "), "\(screen.debugDescription)")
        #expect(screen.contains(" lines/s, "), "\(screen.debugDescription)")
        #expect(screen.contains("input 1 of 1\u{1B}[K"), "\(screen.debugDescription)")
        #expect(
            screen.contains("\r\u{1B}[Kcallrail-enrich: 20000 lines read from 1 input"), "\(screen.debugDescription)")
        let summary = try #require(screen.range(of: "20000 lines read"))
        #expect(!screen[summary.lowerBound...].contains("lines/s"), "progress after the summary")
    }

    @Test(.enabled(if: scriptPath != nil, "script (util-linux) is missing, so the tool cannot be given a terminal"))
    func fileStandardErrorGetsNoProgress() throws {
        let folder = try TemporaryFolder()
        let input = try makeInput(in: folder)
        let tool = try #require(executablePath)
        let errorPath = folder.path("stderr.txt")

        let result = try runOnTerminal("'\(tool)' enrich --output '\(folder.path("run"))' '\(input)' 2>'\(errorPath)'")

        #expect(result.status == 0)
        let logged = try String(contentsOfFile: errorPath, encoding: .utf8)
        #expect(logged.hasPrefix("callrail-enrich: 20000 lines read from 1 input"), "\(logged.debugDescription)")
        #expect(!logged.contains("\r"))
        #expect(!logged.contains("lines/s"))
        #expect(!result.standardOutput.contains("lines/s"))
    }

    @Test(.enabled(if: scriptPath != nil, "script (util-linux) is missing, so the tool cannot be given a terminal"))
    func quietPrintsNothingOnTerminal() throws {
        let folder = try TemporaryFolder()
        let input = try makeInput(in: folder)
        let tool = try #require(executablePath)

        let result = try runOnTerminal("'\(tool)' enrich --quiet --output '\(folder.path("run"))' '\(input)'")

        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput.debugDescription)")
    }

    @Test func pipedStandardErrorGetsNoProgress() throws {
        let folder = try TemporaryFolder()
        let input = try makeInput(in: folder)

        let result = try runTool(["enrich", "--output", folder.path("run"), input])

        #expect(result.status == 0)
        #expect(!result.standardError.contains("\r"))
        #expect(!result.standardError.contains("lines/s"))
    }

    @Test func knownTotalShowsPercentAndTimeLeft() {
        var progress = RunProgress(paths: [])
        progress.inputCount = 5
        progress.inputNumber = 2
        progress.totalBytes = 40 << 20
        progress.bytesRead = 10 << 20
        progress.linesRead = 170_000

        let text = ProgressDisplay.text(for: progress, elapsedSeconds: 2)

        #expect(text == "callrail-enrich: 10.0 of 40.0 MiB (25%), 170000 lines, 85000 lines/s, 0:06 left, input 2 of 5")
    }

    @Test func unknownTotalShowsBytesAndRate() {
        var progress = RunProgress(paths: ["-"])
        progress.inputNumber = 1
        progress.bytesRead = 1_572_864
        progress.linesRead = 5000

        let text = ProgressDisplay.text(for: progress, elapsedSeconds: 0.5)

        #expect(progress.totalBytes == nil)
        #expect(text == "callrail-enrich: 1.5 MiB, 5000 lines, 10000 lines/s, input 1 of 1")
    }

    @Test(arguments: [(0.2, "0:01"), (59.0, "0:59"), (61.0, "1:01"), (3600.0, "1:00:00"), (3725.0, "1:02:05")])
    func durationsReadAsClockTime(seconds: Double, text: String) {
        #expect(ProgressDisplay.duration(seconds) == text)
    }

    @Test func skippedInputsLeaveTheTotal() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a", [UInt8](repeating: 0x41, count: 1000))
        let second = try folder.write("b", [UInt8](repeating: 0x41, count: 500))
        var progress = RunProgress(paths: [first, second])
        #expect(progress.totalBytes == 1500)

        progress.skipInput(at: 0)
        progress.startInput(at: 1, path: second)
        progress.addBatch(lines: 10, inputBytesRead: 500)

        #expect(progress.totalBytes == 500)
        #expect(progress.bytesRead == 500)
        #expect(progress.inputNumber == 2)
    }
}
