import Foundation
import Testing

@testable import CallRailEnrich

extension InputTests {
    /// The same inputs framed at many read and batch sizes, compared with splitting the whole text on LF.
    @Suite struct ChunkBoundaryTests {
        static let sizes = [1, 2, 3, 7, 64, 4096]
        static let maxLineLength = 24
        static let oversizedPrefixLength = 5

        /// Generates text with blank lines, CRs, invalid UTF-8, over-long lines and, when `endsWithLineFeed`
        /// is false, a final line without LF.
        static func makeText(seed: UInt64, endsWithLineFeed: Bool) -> [UInt8] {
            var random = SplitMix64(state: seed)
            let alphabet: [UInt8] = Array("abc \t,=\"".utf8) + [0x0d, 0xff, 0xc3, 0xa9, 0x00]
            var text: [UInt8] = []
            for _ in 0..<150 {
                let length: Int
                switch Int.random(in: 0..<10, using: &random) {
                case 0:
                    length = 0
                case 1:
                    length = Int.random(in: (maxLineLength - 1)...(maxLineLength + 2), using: &random)
                case 2:
                    length = Int.random(in: 30...300, using: &random)
                default:
                    length = Int.random(in: 1...20, using: &random)
                }
                for _ in 0..<length {
                    text.append(alphabet.randomElement(using: &random) ?? 0x61)
                }
                text.append(0x0a)
            }
            if !endsWithLineFeed {
                text += Array("tail\r".utf8)
            }
            return text
        }

        /// Compresses `text` as several gzip members split at pseudo-random points.
        static func makeMembers(of text: [UInt8], seed: UInt64) throws -> [UInt8] {
            var random = SplitMix64(state: seed)
            let fast = try GzipMemberEncoder(level: 1)
            let small = try GzipMemberEncoder(level: 9)
            var compressed: [UInt8] = []
            var start = 0
            while start < text.count {
                let end = min(text.count, start + Int.random(in: 0...1500, using: &random))
                let encoder = Bool.random(using: &random) ? fast : small
                encoder.encode(Array(text[start..<end]), appendingTo: &compressed)
                start = end
            }
            return compressed
        }

        @Test(arguments: sizes, sizes)
        func framingMatchesSplitOnLineFeed(compressedReadSize: Int, readSize: Int) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let terminated = Self.makeText(seed: 1, endsWithLineFeed: true)
            let unterminated = Self.makeText(seed: 2, endsWithLineFeed: false)
            let cases: [(name: String, text: [UInt8], file: [UInt8])] = [
                ("plain", terminated, terminated),
                ("plain without final LF", unterminated, unterminated),
                ("gzip members", terminated, try Self.makeMembers(of: terminated, seed: 3)),
                ("gzip members without final LF", unterminated, try Self.makeMembers(of: unterminated, seed: 4)),
            ]

            for (name, text, file) in cases {
                let path = try folder.write(file, to: "input")
                let expected = oracleLines(
                    of: text,
                    maxLineLength: Self.maxLineLength,
                    oversizedPrefixLength: Self.oversizedPrefixLength
                )
                for batchBytes in [1, 7, 100, 1 << 20] {
                    let framed = try frameAll(
                        path: path,
                        compressedReadSize: compressedReadSize,
                        readSize: readSize,
                        maxLineLength: Self.maxLineLength,
                        oversizedPrefixLength: Self.oversizedPrefixLength,
                        batchBytes: batchBytes
                    )
                    #expect(framed.lines == expected, "\(name), batch bytes \(batchBytes)")
                    #expect(framed.damage == nil, "\(name), batch bytes \(batchBytes)")
                }
            }
        }

        @Test(arguments: sizes)
        func truncatedMembersFrameAlikeAtEverySize(compressedReadSize: Int) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let text = Self.makeText(seed: 5, endsWithLineFeed: true)
            let members = try Self.makeMembers(of: text, seed: 6)
            let path = try folder.write(Array(members.prefix(members.count * 2 / 3)), to: "cut.gz")

            // The reference is what a single large read decodes, framed by the oracle.
            let reference = try decodeAll(path: path)
            try #require(reference.damage == .truncated)
            let expected = oracleLines(
                of: reference.bytes,
                maxLineLength: Self.maxLineLength,
                oversizedPrefixLength: Self.oversizedPrefixLength
            )
            #expect(expected.last?.kind == .unterminated || expected.last?.kind == .complete)

            for readSize in Self.sizes {
                let framed = try frameAll(
                    path: path,
                    compressedReadSize: compressedReadSize,
                    readSize: readSize,
                    maxLineLength: Self.maxLineLength,
                    oversizedPrefixLength: Self.oversizedPrefixLength,
                    batchBytes: 50
                )
                #expect(framed.lines == expected, "read size \(readSize)")
                #expect(framed.damage == .truncated, "read size \(readSize)")
            }
        }

        @Test func oracleSplitsAsDocumented() {
            let lines = oracleLines(of: Array("a\r\n\nbbbbbb\nc\r".utf8), maxLineLength: 5, oversizedPrefixLength: 2)
            #expect(
                lines == [
                    FramedLine(1, .complete, "a"),
                    FramedLine(2, .complete, ""),
                    FramedLine(3, .oversized(length: 6), "bb"),
                    FramedLine(4, .unterminated, "c\r"),
                ]
            )
            #expect(oracleLines(of: []).isEmpty)
        }
    }
}
