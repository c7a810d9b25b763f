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

/// Everything a file decodes to, read with `InputFile.read` in pieces of `maxBytes`.
struct DecodedInput {
    var bytes: [UInt8]
    var isGzip: Bool
    var damage: InputDamage?
    var compressedBytesRead: Int
    var totalBytes: Int?
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
