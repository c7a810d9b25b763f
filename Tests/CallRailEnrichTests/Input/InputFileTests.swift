import Foundation
import Glibc
import Testing

@testable import CallRailEnrich

extension InputTests {
    @Suite struct InputFileTests {
        @Test func gzipDetectedByMagicBytesNotName() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let plainNamedGz = try folder.write(Array("plain\n".utf8), to: "plain.gz")
            let gzipNamedTxt = try folder.write(lineAGzip, to: "compressed.txt")

            let plain = try decodeAll(path: plainNamedGz)
            #expect(!plain.isGzip)
            #expect(plain.bytes == Array("plain\n".utf8))
            #expect(plain.damage == nil)

            let compressed = try decodeAll(path: gzipNamedTxt)
            #expect(compressed.isGzip)
            #expect(compressed.bytes == Array("lineA\n".utf8))
            #expect(compressed.damage == nil)
        }

        @Test func concatenatedMembersAllDecoded() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip, to: "two.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("lineA\nlineB\n".utf8))
            #expect(decoded.damage == nil)
        }

        @Test func membersFromGzipCommandAllDecoded() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let first = try runGzip(["-c"], input: Array("first\n".utf8), in: folder)
            let empty = try runGzip(["-c"], input: [], in: folder)
            let last = try runGzip(["-c", "-9"], input: Array("last line\n".utf8), in: folder)
            let path = try folder.write(first + empty + last, to: "three.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("first\nlast line\n".utf8))
            #expect(decoded.damage == nil)
        }

        @Test func streamCutInDeflateDataIsTruncated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array(twoLinesGzip.prefix(20)), to: "cut.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("line1\nline2".utf8))
            #expect(decoded.damage == .truncated)
            #expect(decoded.damage?.description == "truncated gzip stream")
        }

        @Test func streamWithoutTrailerIsTruncated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array(twoLinesGzip.dropLast(8)), to: "no-trailer.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("line1\nline2\n".utf8))
            #expect(decoded.damage == .truncated)
        }

        @Test func matchPendingAtEndOfFileIsDelivered() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // Long repeats become deflate matches of up to 258 bytes, which small outputs split.
            let text = Array((String(repeating: "x", count: 5000) + "\n" + String(repeating: "abc", count: 900)).utf8)
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode(text, appendingTo: &compressed)
            let path = try folder.write(Array(compressed.dropLast(8)), to: "no-trailer.gz")

            for maxBytes in [1, 7, 100, 1 << 20] {
                let decoded = try decodeAll(path: path, maxBytes: maxBytes)
                #expect(decoded.bytes == text, "max bytes \(maxBytes)")
                #expect(decoded.damage == .truncated, "max bytes \(maxBytes)")
            }
        }

        @Test(arguments: 2..<30)
        func streamCutAnywhereIsTruncated(length: Int) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array(twoLinesGzip.prefix(length)), to: "cut.gz")

            let decoded = try decodeAll(path: path, readSize: 3, maxBytes: 5)
            #expect(decoded.isGzip)
            #expect(decoded.damage == .truncated)
            #expect(Array("line1\nline2\n".utf8).starts(with: decoded.bytes))
        }

        @Test func secondMemberCutIsTruncated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip.prefix(12), to: "cut-second.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes.starts(with: Array("lineA\n".utf8)))
            #expect(decoded.damage == .truncated)
        }

        @Test func loneMagicByteAfterMemberIsTruncated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let oneByte = try folder.write(lineAGzip + [0x1f], to: "one-byte.gz")
            let twoBytes = try folder.write(lineAGzip + [0x1f, 0x8b], to: "two-bytes.gz")

            let first = try decodeAll(path: oneByte, readSize: 1)
            #expect(first.bytes == Array("lineA\n".utf8))
            #expect(first.damage == .truncated)

            let second = try decodeAll(path: twoBytes, readSize: 1)
            #expect(second.bytes == Array("lineA\n".utf8))
            #expect(second.damage == .truncated)
        }

        @Test(
            arguments: [
                ("text after member", Array("garbage\n".utf8)),
                ("zero bytes", [0, 0, 0, 0]),
                ("one byte", [0x41]),
                ("magic byte then other", [0x1f, 0x00]),
            ] as [(String, [UInt8])]
        )
        func bytesAfterMemberAreTrailingGarbage(label: String, trailer: [UInt8]) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip + trailer, to: "garbage.gz")
            let garbageOffset = lineAGzip.count + lineBGzip.count

            for readSize in [1, 2, 7, 1 << 20] {
                let decoded = try decodeAll(path: path, readSize: readSize)
                #expect(decoded.bytes == Array("lineA\nlineB\n".utf8), "\(label), read size \(readSize)")
                #expect(decoded.damage == .trailingGarbage(offset: garbageOffset), "\(label), read size \(readSize)")
            }
            #expect(InputDamage.trailingGarbage(offset: garbageOffset).description == "trailing garbage at byte 52")
        }

        @Test func invalidBlockTypeIsCorrupt() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // A gzip header, then a final deflate block of the reserved type 3 (bits 1, 11 give 0x07).
            let header = Array(emptyGzip.prefix(10))
            let path = try folder.write(lineAGzip + header + [0x07, 0, 0, 0, 0, 0, 0, 0, 0], to: "corrupt.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("lineA\n".utf8))
            #expect(decoded.damage == .corrupt(message: "invalid block type"))
            #expect(decoded.damage?.description == "corrupt gzip data: invalid block type")
        }

        @Test func crcMismatchIsCorruptAfterItsData() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            var damaged = twoLinesGzip
            // The CRC-32 is the first 4 bytes of the 8-byte trailer.
            damaged[damaged.count - 8] ^= 0xff
            let path = try folder.write(damaged, to: "bad-crc.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == Array("line1\nline2\n".utf8))
            #expect(decoded.damage == .corrupt(message: "incorrect data check"))
        }

        @Test func zeroByteFileIsPlainAndEmpty() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write([], to: "empty")

            let input = try InputFile(path: path)
            defer { input.close() }
            var buffer: [UInt8] = []
            #expect(try !input.read(appendingTo: &buffer, maxBytes: 1024))
            #expect(buffer.isEmpty)
            #expect(!input.isGzip)
            #expect(input.damage == nil)
            #expect(input.totalBytes == 0)
            #expect(input.compressedBytesRead == 0)
            #expect(try !input.read(appendingTo: &buffer, maxBytes: 1024), "the end is reported again")
        }

        @Test func emptyGzipMemberIsSound() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(emptyGzip, to: "empty.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes.isEmpty)
            #expect(decoded.isGzip)
            #expect(decoded.damage == nil)
            #expect(decoded.compressedBytesRead == 20)
        }

        @Test func plainTextPassesThroughUnchanged() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let text: [UInt8] =
                Array("a\tb\r\n".utf8) + [0xff, 0xc3, 0x28, 0x00, 0x80, 0x0a] + Array("no newline".utf8)
            let path = try folder.write(text, to: "plain.log")

            for readSize in [1, 2, 1 << 20] {
                for maxBytes in [1, 3, 1 << 20] {
                    let decoded = try decodeAll(path: path, readSize: readSize, maxBytes: maxBytes)
                    #expect(decoded.bytes == text, "read size \(readSize), max bytes \(maxBytes)")
                    #expect(!decoded.isGzip)
                    #expect(decoded.damage == nil)
                }
            }
        }

        @Test func singleMagicByteFileIsPlain() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write([0x1f], to: "one-byte")

            let decoded = try decodeAll(path: path)
            #expect(!decoded.isGzip)
            #expect(decoded.bytes == [0x1f])
            #expect(decoded.damage == nil)
        }

        @Test func readNeverExceedsMaxBytes() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip, to: "two.gz")

            let input = try InputFile(path: path)
            defer { input.close() }
            var buffer: [UInt8] = [0x2a]
            var pieces = 0
            while try input.read(appendingTo: &buffer, maxBytes: 5) {
                pieces += 1
                #expect(buffer.count <= 1 + 5 * pieces)
            }
            #expect(buffer == [0x2a] + Array("lineA\nlineB\n".utf8), "existing bytes are kept")
            #expect(pieces == 3)
        }

        @Test func readIntoFillsReusedBuffer() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip, to: "two.gz")

            let input = try InputFile(path: path)
            defer { input.close() }
            var buffer = [UInt8](repeating: 0, count: 5)
            var decoded: [UInt8] = []
            var counts: [Int] = []
            while true {
                let count = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
                counts.append(count)
                guard count > 0 else {
                    break
                }
                decoded += buffer.prefix(count)
            }
            #expect(decoded == Array("lineA\nlineB\n".utf8))
            #expect(counts == [5, 5, 2, 0])
        }

        @Test func progressCountsReachFileSize() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let compressed = lineAGzip + lineBGzip
            let path = try folder.write(compressed, to: "two.gz")

            let input = try InputFile(path: path, readSize: 7)
            defer { input.close() }
            #expect(input.totalBytes == compressed.count)
            #expect(input.compressedBytesRead == 0)
            var buffer: [UInt8] = []
            while try input.read(appendingTo: &buffer, maxBytes: 1) {
                #expect(input.compressedBytesRead <= compressed.count)
            }
            #expect(input.compressedBytesRead == compressed.count)
        }

        @Test func missingFileErrorNamesPath() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = folder.path("missing.gz")

            let error = #expect(throws: InputError.self) { try InputFile(path: path) }
            #expect(error?.description == "cannot open '\(path)': No such file or directory")
            #expect(error?.errorNumber == ENOENT)
        }

        @Test func directoryIsRejected() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }

            let error = #expect(throws: InputError.self) { try InputFile(path: folder.url.path) }
            #expect(error?.description == "cannot read '\(folder.url.path)': Is a directory")
        }

        @Test func readErrorNamesPath() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip, to: "write-only.gz")
            // A descriptor opened for writing only makes read(2) fail with EBADF.
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            try #require(descriptor >= 0)

            let input = try InputFile(descriptor: descriptor, path: path, ownsDescriptor: true)
            defer { input.close() }
            var buffer: [UInt8] = []
            let error = #expect(throws: InputError.self) { try input.read(appendingTo: &buffer, maxBytes: 16) }
            #expect(error?.description == "cannot read '\(path)': Bad file descriptor")
        }

        @Test func pipeDeliveringOneByteFirstIsDetected() throws {
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            let (readEnd, writeEnd) = (ends[0], ends[1])
            let compressed = lineAGzip + lineBGzip

            // The writer sends the first magic byte alone, so the first read(2) most likely returns one byte.
            let writer = Thread {
                _ = compressed.withUnsafeBytes { write(writeEnd, $0.baseAddress, 1) }
                usleep(20_000)
                _ = compressed.withUnsafeBytes { write(writeEnd, $0.baseAddress! + 1, $0.count - 1) }
                close(writeEnd)
            }
            writer.start()

            let input = try InputFile(descriptor: readEnd, path: "pipe", ownsDescriptor: true)
            defer { input.close() }
            var bytes: [UInt8] = []
            while try input.read(appendingTo: &bytes, maxBytes: 1 << 16) {}
            #expect(input.isGzip)
            #expect(input.totalBytes == nil)
            #expect(bytes == Array("lineA\nlineB\n".utf8))
            #expect(input.damage == nil)
        }

        @Test func dashReadsStandardInput() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip, to: "stdin.gz")
            let file = open(path, O_RDONLY | O_CLOEXEC)
            try #require(file >= 0)
            let savedStandardInput = dup(STDIN_FILENO)
            try #require(savedStandardInput >= 0)
            try #require(dup2(file, STDIN_FILENO) == STDIN_FILENO)
            close(file)
            defer {
                dup2(savedStandardInput, STDIN_FILENO)
                close(savedStandardInput)
            }

            let decoded = try decodeAll(path: "-")
            #expect(decoded.isGzip)
            #expect(decoded.bytes == Array("lineA\nlineB\n".utf8))
            #expect(decoded.damage == nil)
            #expect(fcntl(STDIN_FILENO, F_GETFD) >= 0, "closing the input leaves standard input open")
        }
    }
}
