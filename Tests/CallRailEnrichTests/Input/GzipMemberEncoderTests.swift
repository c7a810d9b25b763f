import Foundation
import Testing

@testable import CallRailEnrich

extension InputTests {
    @Suite struct GzipMemberEncoderTests {
        @Test func memberDecodesWithGzipCommand() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let text = Array("event\tone\nevent\ttwo\n".utf8)
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode(text, appendingTo: &compressed)

            #expect(compressed.starts(with: [0x1f, 0x8b, 0x08]))
            #expect(try runGzip(["-dc"], input: compressed, in: folder) == text)
        }

        @Test func concatenatedMembersDecodeAsOneFile() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let pieces = [Array("first\n".utf8), [], Array("second\nthird\n".utf8), [0xff, 0x00, 0x0a]]
            let encoder = try GzipMemberEncoder(level: 6)
            var compressed: [UInt8] = []
            for piece in pieces {
                encoder.encode(piece, appendingTo: &compressed)
            }
            let path = try folder.write(compressed, to: "members.gz")

            let expected = pieces.flatMap { $0 }
            #expect(try runGzip(["-dc"], input: compressed, in: folder) == expected)
            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == expected)
            #expect(decoded.damage == nil)
        }

        @Test func emptyInputGivesEmptyMember() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode([], appendingTo: &compressed)
            let path = try folder.write(compressed, to: "empty.gz")

            #expect(compressed.count == 20)
            let decoded = try decodeAll(path: path)
            #expect(decoded.isGzip)
            #expect(decoded.bytes.isEmpty)
            #expect(decoded.damage == nil)
        }

        @Test func reusedEncoderRepeatsOutput() throws {
            let text = Array(String(repeating: "repeat me\n", count: 500).utf8)
            let encoder = try GzipMemberEncoder()
            var first: [UInt8] = []
            var second: [UInt8] = []
            encoder.encode(text, appendingTo: &first)
            encoder.encode(text, appendingTo: &second)

            #expect(first == second)
            #expect(first.count < text.count / 10)
        }

        @Test func existingOutputIsKept() throws {
            let encoder = try GzipMemberEncoder()
            var output: [UInt8] = Array("prefix".utf8)
            encoder.encode(Array("x\n".utf8), appendingTo: &output)

            #expect(output.starts(with: Array("prefix".utf8)))
            #expect(output.dropFirst(6).starts(with: [0x1f, 0x8b]))
        }

        @Test(arguments: [0, 1, 9, -1] as [Int32])
        func largeInputRoundTripsAtEveryLevel(level: Int32) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // Pseudo-random bytes barely compress, so deflate needs its full output estimate.
            var random = SplitMix64(state: UInt64(level + 10))
            let text = (0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &random) }
            let encoder = try GzipMemberEncoder(level: level)
            var compressed: [UInt8] = []
            text.withUnsafeBytes { encoder.encode($0, appendingTo: &compressed) }
            let path = try folder.write(compressed, to: "random.gz")

            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == text)
            #expect(decoded.damage == nil)
            #expect(try runGzip(["-dc"], input: compressed, in: folder) == text)
        }
    }
}
