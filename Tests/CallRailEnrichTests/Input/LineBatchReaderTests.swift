import Foundation
import Testing

@testable import CallRailEnrich

extension InputTests {
    @Suite struct LineBatchReaderTests {
        @Test func truncatedGzipEndsWithUnterminatedLine() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array(twoLinesGzip.prefix(20)), to: "cut.gz")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, "line1"), FramedLine(2, .unterminated, "line2")])
            #expect(framed.damage == .truncated)
        }

        @Test func streamCutAtLineEndHasNoPartialLine() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array(twoLinesGzip.dropLast(8)), to: "no-trailer.gz")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, "line1"), FramedLine(2, .complete, "line2")])
            #expect(framed.damage == .truncated)
        }

        @Test func concatenatedMembersGiveAllLines() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(lineAGzip + lineBGzip, to: "two.gz")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, "lineA"), FramedLine(2, .complete, "lineB")])
            #expect(framed.damage == nil)
        }

        @Test func partialLineBeforeCorruptDataIsUnterminated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode(Array("whole\npart".utf8), appendingTo: &compressed)
            // A gzip header followed by a deflate block of the reserved type 3.
            compressed += emptyGzip.prefix(10) + [0x07, 0, 0, 0, 0, 0, 0, 0, 0]
            let path = try folder.write(compressed, to: "corrupt.gz")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, "whole"), FramedLine(2, .unterminated, "part")])
            #expect(framed.damage == .corrupt(message: "invalid block type"))
        }

        @Test func emptyInputsGiveNoBatches() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let zeroBytes = try folder.write([], to: "zero")
            let emptyMember = try folder.write(emptyGzip, to: "empty.gz")

            for path in [zeroBytes, emptyMember] {
                let framed = try frameAll(path: path)
                #expect(framed.batches.isEmpty, "\(path)")
                #expect(framed.damage == nil, "\(path)")
            }
        }

        @Test func headerOnlyLogGivesHeaderLines() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let header = "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method\n"
            let compressed = try runGzip(["-c"], input: Array(header.utf8), in: folder)
            let path = try folder.write(compressed, to: "header-only.gz")

            let framed = try frameAll(path: path)
            #expect(
                framed.lines == [
                    FramedLine(1, .complete, "#Version: 1.0"),
                    FramedLine(2, .complete, "#Fields: date time x-edge-location sc-bytes c-ip cs-method"),
                ]
            )
            #expect(framed.damage == nil)
        }

        @Test func crlfEndingsLoseTheirCR() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("a\r\nbb\r\n\r\nc\n".utf8), to: "crlf.log")

            let framed = try frameAll(path: path)
            #expect(
                framed.lines == [
                    FramedLine(1, .complete, "a"),
                    FramedLine(2, .complete, "bb"),
                    FramedLine(3, .complete, ""),
                    FramedLine(4, .complete, "c"),
                ]
            )
        }

        @Test func onlyOneCRIsRemoved() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("a\r\r\nb\rc\n\r\r\n".utf8), to: "cr.log")

            let framed = try frameAll(path: path, readSize: 1)
            #expect(
                framed.lines == [
                    FramedLine(1, .complete, "a\r"),
                    FramedLine(2, .complete, "b\rc"),
                    FramedLine(3, .complete, "\r"),
                ]
            )
        }

        @Test func blankLinesAreDelivered() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("\n\nx\n\n".utf8), to: "blank.log")

            let framed = try frameAll(path: path)
            #expect(
                framed.lines == [
                    FramedLine(1, .complete, ""),
                    FramedLine(2, .complete, ""),
                    FramedLine(3, .complete, "x"),
                    FramedLine(4, .complete, ""),
                ]
            )
        }

        @Test func missingFinalNewlineIsUnterminatedWithoutDamage() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("a\nlast\r".utf8), to: "no-newline.log")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, "a"), FramedLine(2, .unterminated, "last\r")])
            #expect(framed.damage == nil)
        }

        @Test func lineAtMaximumIsCompleteAndLongerIsOversized() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let text = "12345678\n123456789\nnext\n12345678\r\n123456789\r\n12345678901234"
            let path = try folder.write(Array(text.utf8), to: "long.log")

            for readSize in [1, 3, 1 << 16] {
                let framed = try frameAll(path: path, readSize: readSize, maxLineLength: 8, oversizedPrefixLength: 3)
                #expect(
                    framed.lines == [
                        FramedLine(1, .complete, "12345678"),
                        FramedLine(2, .oversized(length: 9), "123"),
                        FramedLine(3, .complete, "next"),
                        FramedLine(4, .complete, "12345678"),
                        FramedLine(5, .oversized(length: 9), "123"),
                        FramedLine(6, .oversized(length: 14), "123"),
                    ],
                    "read size \(readSize)"
                )
            }
        }

        @Test func prefixLongerThanMaximumIsClamped() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("abcdefgh\n".utf8), to: "long.log")

            let framed = try frameAll(path: path, maxLineLength: 5, oversizedPrefixLength: 100)
            #expect(framed.lines == [FramedLine(1, .oversized(length: 8), "abcde")])
        }

        @Test func zeroMaximumMakesEveryNonBlankLineOversized() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("\nab\n".utf8), to: "short.log")

            let framed = try frameAll(path: path, maxLineLength: 0, oversizedPrefixLength: 10)
            #expect(framed.lines == [FramedLine(1, .complete, ""), FramedLine(2, .oversized(length: 2), "")])
        }

        @Test func hugeLineKeepsMemoryBounded() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // A 50 MiB line written as 50 gzip members of 1 MiB each, between two short lines.
            let hugeLength = 50 << 20
            var block = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
            while block.count < 1 << 20 {
                block += block
            }
            block.removeLast(block.count - (1 << 20))
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode(Array("before\n".utf8), appendingTo: &compressed)
            for _ in 0..<50 {
                encoder.encode(block, appendingTo: &compressed)
            }
            encoder.encode(Array("\r\nafter\n".utf8), appendingTo: &compressed)
            let path = try folder.write(compressed, to: "huge.gz")

            let framed = try frameAll(path: path, maxLineLength: 1 << 20, oversizedPrefixLength: 64 * 1024)
            #expect(
                framed.lines == [
                    FramedLine(1, .complete, "before"),
                    FramedLine(2, .oversized(length: hugeLength), Array(block.prefix(64 * 1024))),
                    FramedLine(3, .complete, "after"),
                ]
            )
            // Buffering the whole line would need at least 50 MiB of storage.
            let largestCapacity = framed.batches.map(\.storage.capacity).max() ?? 0
            #expect(largestCapacity <= 4 << 20)
            #expect(framed.damage == nil)
        }

        @Test func invalidUTF8PassesThrough() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let line: [UInt8] = [0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80, 0xed, 0xa0, 0x80]
            let compressed = try runGzip(["-c"], input: line + [0x0a] + line, in: folder)
            let path = try folder.write(compressed, to: "binary.gz")

            let framed = try frameAll(path: path)
            #expect(framed.lines == [FramedLine(1, .complete, line), FramedLine(2, .unterminated, line)])
        }

        @Test func smallBatchesKeepLineNumbers() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // Lines of 30 bytes, so that a batch of 100 bytes ends after its fourth line.
            let lines = (1...50).map { "line \($0)".padding(toLength: 30, withPad: ".", startingAt: 0) }
            let path = try folder.write(Array(lines.map { $0 + "\n" }.joined().utf8), to: "numbers.log")

            let framed = try frameAll(path: path, readSize: 5, batchBytes: 100)
            #expect(framed.lines.map(\.number) == Array(1...50))
            #expect(framed.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == lines)
            #expect(framed.batches.map(\.records.count) == Array(repeating: 4, count: 12) + [2])
        }

        @Test func blankLinesAlsoEndBatches() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write([UInt8](repeating: 0x0a, count: 10_000), to: "blank.log")

            let framed = try frameAll(path: path, batchBytes: 1024)
            #expect(framed.lines.count == 10_000)
            // A batch contains at most batchBytes / 16 records, so 64 here.
            #expect(framed.batches.allSatisfy { $0.records.count <= 64 })
            #expect(framed.batches.count == 157)
        }
    }
}
