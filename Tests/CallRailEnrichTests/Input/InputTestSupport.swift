import Foundation
import Testing

@testable import CallRailEnrich

/// The tests of the input stage, grouped so that `swift test --filter Input` selects all of them.
@Suite struct InputTests {}

/// A fresh folder under the system temporary directory; call `remove()` in a `defer`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("callrail-enrich-input-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `bytes` to a new file in the folder and returns its path.
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// One framed line as the tests compare it: number, kind and stored bytes.
struct FramedLine: Equatable, CustomStringConvertible {
    var number: Int
    var kind: LineKind
    var bytes: [UInt8]

    init(_ number: Int, _ kind: LineKind, _ text: String) {
        self.init(number, kind, Array(text.utf8))
    }

    init(_ number: Int, _ kind: LineKind, _ bytes: [UInt8]) {
        self.number = number
        self.kind = kind
        self.bytes = bytes
    }

    var description: String {
        "\(number) \(kind) \(bytes.count) bytes \(String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription)"
    }
}

/// Everything a file decodes to, read with `InputFile.read` in pieces of `maxBytes`.
struct DecodedInput {
    var bytes: [UInt8]
    var isGzip: Bool
    var damage: InputDamage?
    var compressedBytesRead: Int
    var totalBytes: Int?
}

/// Everything a file frames to, with the batches kept for checks on their layout.
struct FramedInput {
    var lines: [FramedLine]
    var batches: [LineBatch]
    var damage: InputDamage?
}

enum TestFailure: Error {
    case commandFailed(String)
}

/// Returns the bytes written as hexadecimal digits, such as "1f8b08".
func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        // The hexadecimal strings are test constants, so a bad digit is a mistake in the test itself.
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}

/// `printf 'line1\nline2\n' | gzip -n`: a 10-byte header, 12 bytes of deflate data, an 8-byte trailer.
let twoLinesGzip = bytes(hex: "1f8b0800000000000003cbc9cc4b35e4ca0192465c00575d8d3a0c000000")

/// `printf 'lineA\n' | gzip -n`.
let lineAGzip = bytes(hex: "1f8b0800000000000003cbc9cc4b75e402001f6584c606000000")

/// `printf 'lineB\n' | gzip -n`.
let lineBGzip = bytes(hex: "1f8b0800000000000003cbc9cc4b75e20200dc36a9ed06000000")

/// An empty gzip member, as `gzip -n < /dev/null` writes it.
let emptyGzip = bytes(hex: "1f8b080000000000000303000000000000000000")

/// Decodes a whole file with `InputFile`.
func decodeAll(path: String, readSize: Int = 1 << 20, maxBytes: Int = 1 << 20) throws -> DecodedInput {
    let input = try InputFile(path: path, readSize: readSize)
    defer { input.close() }
    var bytes: [UInt8] = []
    while try input.read(appendingTo: &bytes, maxBytes: maxBytes) {}
    return DecodedInput(
        bytes: bytes,
        isGzip: input.isGzip,
        damage: input.damage,
        compressedBytesRead: input.compressedBytesRead,
        totalBytes: input.totalBytes
    )
}

/// Frames a whole file with `LineBatchReader` and checks the layout of every batch.
func frameAll(
    path: String,
    compressedReadSize: Int = 1 << 20,
    readSize: Int = 256 * 1024,
    maxLineLength: Int = 1 << 20,
    oversizedPrefixLength: Int = 64 * 1024,
    batchBytes: Int = 1 << 20,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> FramedInput {
    let input = try InputFile(path: path, readSize: compressedReadSize)
    defer { input.close() }
    let reader = LineBatchReader(
        input: input,
        maxLineLength: maxLineLength,
        oversizedPrefixLength: oversizedPrefixLength,
        batchBytes: batchBytes,
        readSize: readSize
    )
    var framed = FramedInput(lines: [], batches: [], damage: nil)
    while let batch = try reader.nextBatch() {
        framed.batches.append(batch)
        framed.lines += batch.records.map { FramedLine($0.number, $0.kind, Array(batch.bytes(of: $0))) }
    }
    #expect(try reader.nextBatch() == nil, "a finished reader keeps returning nil", sourceLocation: sourceLocation)
    framed.damage = input.damage
    checkLayout(of: framed.batches, sourceLocation: sourceLocation)
    return framed
}

/// Checks that records are non-empty per batch, back to back in storage, numbered in order, and
/// that only the last record of the last batch is unterminated.
func checkLayout(of batches: [LineBatch], sourceLocation: SourceLocation = #_sourceLocation) {
    var expectedNumber = 1
    for (batchIndex, batch) in batches.enumerated() {
        #expect(!batch.records.isEmpty, "batch \(batchIndex) is empty", sourceLocation: sourceLocation)
        var expectedOffset = 0
        for (recordIndex, record) in batch.records.enumerated() {
            #expect(record.offset == expectedOffset, "record offsets are back to back", sourceLocation: sourceLocation)
            #expect(record.number == expectedNumber, "line numbers count up from 1", sourceLocation: sourceLocation)
            let isLastRecord = batchIndex == batches.count - 1 && recordIndex == batch.records.count - 1
            if record.kind == .unterminated {
                #expect(isLastRecord, "only the last line can be unterminated", sourceLocation: sourceLocation)
            }
            expectedOffset += record.length
            expectedNumber += 1
        }
        #expect(
            batch.storage.count == expectedOffset,
            "storage holds exactly the records",
            sourceLocation: sourceLocation
        )
    }
}

/// Frames text the trivially correct way: splits it on LF, then applies the CR and length rules.
func oracleLines(of text: [UInt8], maxLineLength: Int = 1 << 20, oversizedPrefixLength: Int = 64 * 1024)
    -> [FramedLine]
{
    var parts = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
    let isTerminated = text.last == UInt8(ascii: "\n") || text.isEmpty
    // The split leaves an empty part after a final LF, and one empty part for empty text. Neither is a line.
    if isTerminated {
        parts.removeLast()
    }

    var lines: [FramedLine] = []
    for (index, part) in parts.enumerated() {
        let isLast = index == parts.count - 1
        var bytes = part
        if !(isLast && !isTerminated) && bytes.last == UInt8(ascii: "\r") {
            bytes.removeLast()
        }
        let kind: LineKind
        if bytes.count > maxLineLength {
            kind = .oversized(length: bytes.count)
            bytes = Array(bytes.prefix(min(oversizedPrefixLength, maxLineLength)))
        } else {
            kind = isLast && !isTerminated ? .unterminated : .complete
        }
        lines.append(FramedLine(index + 1, kind, bytes))
    }
    return lines
}

/// Runs the system `gzip` with `arguments` on a file holding `input` and returns its standard output.
func runGzip(_ arguments: [String], input: [UInt8], in folder: TemporaryDirectory) throws -> [UInt8] {
    let inputPath = try folder.write(input, to: "gzip-input-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(
        fileURLWithPath: FileManager.default.fileExists(atPath: "/bin/gzip") ? "/bin/gzip" : "/usr/bin/gzip"
    )
    process.arguments = arguments + [inputPath]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestFailure.commandFailed("gzip \(arguments) exited with status \(process.terminationStatus)")
    }
    return Array(data)
}

/// A small deterministic random number generator (SplitMix64), so that generated inputs repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
