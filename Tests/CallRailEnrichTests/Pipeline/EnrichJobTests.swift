import Foundation
import Testing

@testable import CallRailEnrich

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("callrail-enrich-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Gzip-compresses bytes as one member.
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let encoder = try GzipMemberEncoder(level: 6)
    var output: [UInt8] = []
    bytes.withUnsafeBytes { encoder.encode($0, appendingTo: &output) }
    return output
}

/// Decompresses a whole file, multi-member gzip or plain.
func readAll(_ path: String) throws -> [UInt8] {
    let input = try InputFile(path: path)
    defer { input.close() }
    var bytes: [UInt8] = []
    while try input.read(appendingTo: &bytes, maxBytes: 1 << 20) {}
    return bytes
}

/// Runs the job with test defaults.
func runJob(
    inputs: [String], output: String, jobs: Int = 1, configure: (inout EnrichJob.Configuration) -> Void = { _ in }
) throws -> RunReport {
    var configuration = EnrichJob.Configuration(options: testOptions(), inputs: inputs, outputPath: output)
    configuration.jobs = jobs
    configure(&configuration)
    return try EnrichJob(configuration: configuration).run()
}

@Suite struct EnrichJobTests {
    static let mixedLines: [String] = [
        "#Version: 1.0",
        workedExampleCloudFrontLine,
        workedExampleTomcatLine,
        "",
        cloudFrontLine("e=pv&page=Home", path: "/i"),
        tomcatLine("-"),
        "garbage line",
        tomcatLine("id=1&datetime=2014-10-09+16%3A23%3A45&callername=A%zzB"),
    ]

    static func corpus(repeating count: Int) -> [UInt8] {
        var text = ""
        for index in 0..<count {
            for line in mixedLines {
                text += line.replacingOccurrences(of: "305895151", with: String(305_000_000 + index)) + "\n"
            }
        }
        return Array(text.utf8)
    }

    @Test func runCommitsTheFolderLayout() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("in/log.gz", gzip(Self.corpus(repeating: 2)))
        let report = try runJob(inputs: [input], output: folder.path("run"))
        for name in ["enriched/part-00000.tsv.gz", "bad/part-00000.jsonl.gz", "report.json", "_SUCCESS"] {
            #expect(FileManager.default.fileExists(atPath: folder.path("run/" + name)), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        let totals = report.totals
        #expect(totals.read == 16)
        #expect(totals.enriched == 6)
        #expect(totals.headers == 2)
        #expect(totals.blank == 2)
        #expect(totals.skipped["/i"] == 2)
        #expect(totals.isBalanced)
        let rows = String(decoding: try readAll(folder.path("run/enriched/part-00000.tsv.gz")), as: UTF8.self)
        #expect(rows.split(separator: "\n").count == 6)
    }

    @Test func outputIsIdenticalForOneAndFourJobs() throws {
        let folder = try TemporaryFolder()
        // Several megabytes, so that the input spans many batches.
        let input = try folder.write("log.gz", gzip(Self.corpus(repeating: 1500)))
        _ = try runJob(inputs: [input], output: folder.path("one"), jobs: 1)
        _ = try runJob(inputs: [input], output: folder.path("four"), jobs: 4)
        for name in ["enriched/part-00000.tsv.gz", "bad/part-00000.jsonl.gz", "report.json"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: folder.path("one/" + name)))
            let four = try Data(contentsOf: URL(fileURLWithPath: folder.path("four/" + name)))
            #expect(one == four, "\(name)")
        }
    }

    @Test func existingOutputIsNotTouchedWithoutOverwrite() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("log", Array((workedExampleTomcatLine + "\n").utf8))
        try folder.write("run/keep.txt", Array("keep".utf8))
        #expect(throws: OutputError.self) { try runJob(inputs: [input], output: folder.path("run")) }
        // A folder that is not a committed run is never replaced, even with overwrite.
        #expect(throws: OutputError.self) {
            try runJob(inputs: [input], output: folder.path("run")) { $0.overwrite = true }
        }
        #expect(FileManager.default.fileExists(atPath: folder.path("run/keep.txt")))
    }

    @Test func overwriteReplacesACommittedRun() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("log", Array((workedExampleTomcatLine + "\n").utf8))
        _ = try runJob(inputs: [input], output: folder.path("run"))
        try folder.write("run/old-marker", Array("old".utf8))
        _ = try runJob(inputs: [input], output: folder.path("run")) { $0.overwrite = true }
        #expect(!FileManager.default.fileExists(atPath: folder.path("run/old-marker")))
        #expect(FileManager.default.fileExists(atPath: folder.path("run/_SUCCESS")))
    }

    @Test func emptyPartsAreValidGzip() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("empty.log", [])
        _ = try runJob(inputs: [input], output: folder.path("run"))
        for name in ["enriched/part-00000.tsv.gz", "bad/part-00000.jsonl.gz"] {
            let path = folder.path("run/" + name)
            let file = try InputFile(path: path)
            defer { file.close() }
            var bytes: [UInt8] = []
            while try file.read(appendingTo: &bytes, maxBytes: 1 << 16) {}
            #expect(bytes.isEmpty, "\(name)")
            #expect(file.isGzip, "\(name)")
            #expect(file.damage == nil, "\(name)")
        }
    }

    @Test func missingInputFailsAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        #expect(throws: (any Error).self) {
            try runJob(inputs: [folder.path("absent.gz")], output: folder.path("run"))
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(entries.isEmpty)
    }

    @Test func truncatedGzipKeepsCompleteLinesAndReportsDamage() throws {
        let folder = try TemporaryFolder()
        // A second line of random text compresses poorly, so cutting the stream's tail cuts that line.
        var generator = SystemRandomNumberGenerator()
        let noise = String((0..<4000).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement(using: &generator)! })
        let whole = try gzip(Array((workedExampleTomcatLine + "\n" + tomcatLine("id=2&keywords=" + noise) + "\n").utf8))
        let input = try folder.write("cut.gz", Array(whole.prefix(whole.count - 1000)))
        let report = try runJob(inputs: [input], output: folder.path("run"))
        #expect(report.inputs[0].damage != nil)
        #expect(report.totals.enriched == 1)
        #expect(report.totals.bad[.collectorPayloadFormatViolation] == 1)
        let bad = String(decoding: try readAll(folder.path("run/bad/part-00000.jsonl.gz")), as: UTF8.self)
        #expect(bad.contains("truncated input"))
    }

    @Test func multiMemberGzipIsReadToTheEnd() throws {
        let folder = try TemporaryFolder()
        let first = try gzip(Array((workedExampleTomcatLine + "\n").utf8))
        let second = try gzip(Array((workedExampleCloudFrontLine + "\n").utf8))
        let input = try folder.write("two.gz", first + second)
        let report = try runJob(inputs: [input], output: folder.path("run"))
        #expect(report.totals.enriched == 2)
        #expect(report.inputs[0].damage == nil)
    }

    @Test func emptyInputsAreFine() throws {
        let folder = try TemporaryFolder()
        let zeroBytes = try folder.write("zero.gz", [])
        let emptyGzip = try folder.write(
            "empty.gz", [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let headersOnly = try folder.write("headers.gz", gzip(Array("#Version: 1.0\n#Fields: date time\n".utf8)))
        let report = try runJob(inputs: [zeroBytes, emptyGzip, headersOnly], output: folder.path("run"))
        #expect(report.totals.enriched == 0)
        #expect(report.totals.badTotal == 0)
        #expect(report.totals.headers == 2)
        #expect(report.damagedInputs.isEmpty)
        #expect(report.inputs[0].counts.warnings["empty_file"] == 1)
    }

    @Test func crlfLinesAndBlankCRLinesAreHandled() throws {
        let folder = try TemporaryFolder()
        let line = "2013-01-20\t04:28:31\t-\t13\t203.0.113.10\tGET\t203.0.113.10\t/com.callrail/v1\t200\t-\t-\tid=1&datetime=2013-01-20+16%3A28%3A00&cv=clj-0.5.0-tom-0.0.4&nuid=abc"
        let input = try folder.write("crlf.log", Array((line + "\r\n\r\n").utf8))
        let report = try runJob(inputs: [input], output: folder.path("run"))
        #expect(report.totals.enriched == 1)
        #expect(report.totals.blank == 1)
        let row = String(decoding: try readAll(folder.path("run/enriched/part-00000.tsv.gz")), as: UTF8.self)
        #expect(row.split(separator: "\t", omittingEmptySubsequences: false)[EnrichedField.network_userid.rawValue] == "abc")
    }

    @Test func overlongLineBecomesASizeViolation() throws {
        let folder = try TemporaryFolder()
        let long = tomcatLine("id=1&datetime=2014-10-09+16%3A23%3A45&transcription=" + String(repeating: "x", count: 5000))
        let input = try folder.write("long.log", Array((long + "\n" + workedExampleTomcatLine + "\n").utf8))
        let report = try runJob(inputs: [input], output: folder.path("run")) { $0.options.maximumLineLength = 1000 }
        #expect(report.totals.bad[.sizeViolation] == 1)
        #expect(report.totals.enriched == 1)
    }

    @Test func fileNamedTwiceIsReadOnce() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("logs/a.log", Array((workedExampleTomcatLine + "\n").utf8))
        let report = try runJob(inputs: [path, folder.path("logs"), path], output: folder.path("run"))
        #expect(report.inputs.count == 1)
        #expect(report.totals.enriched == 1)
    }

    @Test func foldersAreSearchedRecursivelyInSortedOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/b/2.log", Array((workedExampleTomcatLine + "\n").utf8))
        try folder.write("logs/a/1.log", Array((workedExampleTomcatLine + "\n").utf8))
        try folder.write("logs/.hidden/3.log", Array((workedExampleTomcatLine + "\n").utf8))
        let report = try runJob(inputs: [folder.path("logs")], output: folder.path("run"))
        #expect(report.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["1.log", "2.log"])
    }
}
