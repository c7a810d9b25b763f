import Foundation
import Testing

@testable import CallRailEnrich

/// Returns a 15-field Tomcat CallRail line for call `id`, logged at `date` and `time` (UTC), with
/// extra querystring parameters appended.
func callLine(id: Int, date: String = "2014-10-09", time: String = "16:28:31", extra: String = "") -> String {
    "\(date)\t\(time)\t-\t13\t203.0.113.10\tPOST\t203.0.113.10\t/com.callrail/v1\t404\t-\t-\t"
        + "aid=acme&answered=true&datetime=2014-10-09+16%3A23%3A45&duration=247&id=\(id)\(extra)\t-\t-\t-"
}

/// Returns lines as bytes, each ended by LF.
func logBytes(_ lines: [String]) -> [UInt8] {
    Array(lines.map { $0 + "\n" }.joined().utf8)
}

/// Returns a gzip input of `members` identical members of `linesPerMember` distinct call lines each,
/// so that a large input costs one compression.
func largeGzipInput(linesPerMember: Int, members: Int) throws -> [UInt8] {
    let member = try gzip(logBytes((0..<linesPerMember).map { callLine(id: 1_000_000 + $0) }))
    var bytes: [UInt8] = []
    bytes.reserveCapacity(member.count * members)
    for _ in 0..<members {
        bytes.append(contentsOf: member)
    }
    return bytes
}

/// Returns the names in a folder, sorted, or none when it cannot be listed.
func folderEntries(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

/// Checks that no run folder `name` and no `name.tmp-*` folder exist in `folder`.
func expectNothingCommitted(
    in folder: TemporaryFolder, name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let entries = folderEntries(folder.url.path)
    #expect(!entries.contains(name), "the run folder '\(name)' was committed", sourceLocation: sourceLocation)
    let temporary = entries.filter { $0.hasPrefix(name + ".tmp-") }
    #expect(temporary.isEmpty, "temporary folders were left: \(temporary)", sourceLocation: sourceLocation)
}

/// Reads the enriched rows of a committed run, split into fields.
func enrichedRows(ofRun path: String) throws -> [[Substring]] {
    let text = String(decoding: try readAll(path + "/enriched/part-00000.tsv.gz"), as: UTF8.self)
    return text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
}

/// Reads the `event_id` of every enriched row of a committed run.
func enrichedEventIDs(ofRun path: String) throws -> [String] {
    try enrichedRows(ofRun: path).map { String($0[EnrichedField.event_id.rawValue]) }
}

/// Reads the call id (`"id":"N"` in the call data) of every enriched row of a committed run.
func enrichedCallIDs(ofRun path: String) throws -> [Int] {
    try enrichedRows(ofRun: path).compactMap { row in
        let data = row[EnrichedField.unstruct_event.rawValue]
        guard let range = data.range(of: #""id":""#) else { return nil }
        return Int(data[range.upperBound...].prefix { $0.isNumber })
    }
}

/// Reads a run's `report.json` as a Foundation object.
func readReport(ofRun path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path + "/report.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Reads the `totals` object of a run's report.
func reportTotals(ofRun path: String) throws -> [String: Any] {
    try #require(try readReport(ofRun: path)["totals"] as? [String: Any])
}

/// Reads the paths of a report list such as `inputs` or `already_processed`.
func reportPaths(ofRun path: String, list key: String) throws -> [String] {
    let entries = try #require(try readReport(ofRun: path)[key] as? [[String: Any]])
    return entries.compactMap { $0["path"] as? String }
}

/// Runs a program to its end with standard input from /dev/null, reading its standard error on
/// another thread so that neither pipe can fill up and stall it.
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> CommandResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()

    let errorReader = ErrorReader()
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errorReader.data = error.fileHandleForReading.readDataToEndOfFile()
        finished.signal()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    finished.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorReader.data, as: UTF8.self))
}

/// The standard error bytes collected by ``runProgram(_:_:environment:)``'s reader thread; the
/// semaphore orders the write before the read.
private final class ErrorReader: @unchecked Sendable {
    var data = Data()
}

/// Returns the first of `candidates` that is an executable file.
func findProgram(_ candidates: [String]) -> String? {
    candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Polls `condition` every 10 ms until it is true or `timeout` seconds have passed, and returns its
/// last value.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() {
            return true
        }
        usleep(10_000)
    }
    return condition()
}

/// The tool started in the background, its standard error going to a file.
final class BackgroundTool {
    let process = Process()
    let errorPath: String
    /// The writing end of standard input when `holdStandardInput` was true; never written.
    let standardInput: Pipe?

    /// Starts the tool. With `holdStandardInput`, standard input is a pipe that stays open and
    /// empty, so reading `-` blocks; otherwise it is /dev/null.
    init(_ arguments: [String], errorPath: String, holdStandardInput: Bool = false) throws {
        let path = try #require(executablePath, "the callrail-enrich executable was not built")
        self.errorPath = errorPath
        try Data().write(to: URL(fileURLWithPath: errorPath))
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        standardInput = holdStandardInput ? Pipe() : nil
        process.standardInput = standardInput ?? FileHandle.nullDevice
        try process.run()
    }

    /// Sends a signal to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` seconds for the process to exit and returns its status and standard
    /// error. A process still running then is killed, and nil is returned.
    func wait(timeout: Double) -> (status: Int32, standardError: String)? {
        guard waitUntil(timeout: timeout, { !process.isRunning }) else {
            send(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, errorText)
    }
}
