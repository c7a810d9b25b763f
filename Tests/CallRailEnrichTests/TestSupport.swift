import Foundation
import Testing

@testable import CallRailEnrich

/// The ETL timestamp every test run pins.
let testETLTimestamp = Timestamp(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0)

/// Options as the command line's defaults, with the ETL timestamp pinned.
func testOptions(_ configure: (inout EnrichOptions) -> Void = { _ in }) -> EnrichOptions {
    var options = EnrichOptions(etlTimestamp: testETLTimestamp)
    configure(&options)
    return options
}

/// Runs lines through one processor, as one file.
func process(_ lines: [String], options: EnrichOptions = testOptions()) -> ProcessedLines {
    var processor = LineProcessor(options: options)
    var output = ProcessedLines()
    for line in lines {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            processor.process(UnsafeBufferPointer(buffer), arrival: .complete, into: &output)
        }
    }
    return output
}

/// Returns the enriched rows written, each split into its 131 fields.
func enrichedRows(_ output: ProcessedLines) -> [[String]] {
    String(decoding: output.enriched, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
}

/// Returns the bad rows written, as text.
func badRows(_ output: ProcessedLines) -> [String] {
    String(decoding: output.bad, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// Returns a field of a row by name.
func field(_ row: [String], _ name: EnrichedField) -> String {
    row[name.rawValue]
}

/// The folder of material shared with the project (Iglu schemas, reference test suites), beside the
/// package root; nil on machines that do not have it.
let sharedFolder: URL? = {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
}()

/// The test fixtures folder.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

