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

        @Test(arguments: [0, 1, 2, 3, 9, -1] as [Int32])
        func largeInputRoundTripsAtEveryLevel(level: Int32) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // Pseudo-random bytes barely compress, and ISA-L's level 0 expands them, which takes
            // several isal_deflate calls per member.
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

        @Test func headerHasModificationTimeZero() throws {
            let encoder = try GzipMemberEncoder()
            var compressed: [UInt8] = []
            encoder.encode(Array("x\n".utf8), appendingTo: &compressed)

            // Magic bytes, method 8 (deflate), no flags, modification time 0, extra flags 0, and
            // operating system 255 (unknown).
            #expect(Array(compressed.prefix(10)) == [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff])
        }

        @Test(arguments: [(-1, 3), (0, 0), (1, 1), (2, 2), (3, 3), (6, 3), (9, 3)] as [(Int32, UInt32)])
        func levelMapsToIsalLevel(level: Int32, expected: UInt32) throws {
            let encoder = try GzipMemberEncoder(level: level)
            #expect(encoder.level == level)
            #expect(encoder.isalLevel == expected)
        }

        @Test(arguments: [0, 1, 2, 3] as [Int32])
        func eventTextRoundTripsAndShrinks(level: Int32) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let text = Self.makeEventText(lines: 3000, seed: UInt64(level) + 20)
            let encoder = try GzipMemberEncoder(level: level)
            var compressed: [UInt8] = []
            encoder.encode(text, appendingTo: &compressed)
            let path = try folder.write(compressed, to: "events.gz")

            #expect(text.count > 3_000_000)
            #expect(compressed.count < text.count / 4)
            let decoded = try decodeAll(path: path)
            #expect(decoded.bytes == text)
            #expect(decoded.damage == nil)
            #expect(try runGzip(["-dc"], input: compressed, in: folder) == text)
        }

        @Test(arguments: [0, 1, 2, 3] as [Int32])
        func outputIgnoresEarlierInput(level: Int32) throws {
            let text = Self.makeEventText(lines: 200, seed: 30)
            var random = SplitMix64(state: 31)
            let noise = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
            let used = try GzipMemberEncoder(level: level)
            var discarded: [UInt8] = []
            used.encode(noise, appendingTo: &discarded)
            used.encode(Array(text.reversed()), appendingTo: &discarded)

            var fromUsed: [UInt8] = []
            used.encode(text, appendingTo: &fromUsed)
            var fromFresh: [UInt8] = []
            try GzipMemberEncoder(level: level).encode(text, appendingTo: &fromFresh)
            #expect(fromUsed == fromFresh)
        }

        @Test func mixedMembersDecodeAsOneFile() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            var random = SplitMix64(state: 40)
            let randomBytes = { (count: Int) in (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
            // Stored blocks hold at most 65,535 bytes, so random pieces of that size and one more
            // end exactly at a block boundary and just past it.
            let pieces: [[UInt8]] = [
                [], [0x0a], randomBytes(65_535), randomBytes(65_536), Self.makeEventText(lines: 300, seed: 41),
                [], randomBytes(200_000), Array(String(repeating: "a", count: 100_000).utf8),
                Self.makeEventText(lines: 50, seed: 42),
            ]
            let encoders = try (0...3).map { try GzipMemberEncoder(level: $0) }
            var compressed: [UInt8] = []
            for (index, piece) in pieces.enumerated() {
                encoders[index % encoders.count].encode(piece, appendingTo: &compressed)
            }
            let path = try folder.write(compressed, to: "mixed.gz")

            let expected = pieces.flatMap { $0 }
            #expect(try runGzip(["-dc"], input: compressed, in: folder) == expected)
            for readSize in [4096, 1 << 20] {
                let decoded = try decodeAll(path: path, readSize: readSize, maxBytes: 100_000)
                #expect(decoded.bytes == expected, "read size \(readSize)")
                #expect(decoded.damage == nil, "read size \(readSize)")
            }
        }

        /// Generates lines shaped like enriched events: 131 tab-separated fields, most of them empty,
        /// and a call-data JSON field of about 1 KB whose values vary from line to line.
        static func makeEventText(lines: Int, seed: UInt64) -> [UInt8] {
            var random = SplitMix64(state: seed)
            let cities = ["AUSTIN", "BAKERSFIELD", "DENVER", "MIAMI", "SEATTLE"]
            let sources = ["google_paid", "keyword", "direct", "facebook_paid"]
            var text: [UInt8] = []
            for line in 0..<lines {
                var fields = [String](repeating: "", count: 131)
                fields[0] = "acme"
                fields[1] = "srv"
                fields[3] = "2019-12-04 00:\(10 + line % 50):\(10 + line % 49).000"
                fields[5] = "unstruct"
                fields[6] = String(UInt64.random(in: 0...UInt64.max, using: &random), radix: 16)
                fields[13] = "203.0.113.\(Int.random(in: 0...255, using: &random))"
                let city = cities[Int.random(in: 0..<cities.count, using: &random)]
                let source = sources[Int.random(in: 0..<sources.count, using: &random)]
                let gclid = (0..<40).map { _ in String(Int.random(in: 0..<36, using: &random), radix: 36) }.joined()
                let call = [
                    #""answered":\#(Bool.random(using: &random))"#,
                    #""callercity":"\#(city)""#,
                    #""callernum":"+1555555\#(Int.random(in: 1000...9999, using: &random))""#,
                    #""callsource":"\#(source)""#,
                    #""duration":\#(Int.random(in: 0...3600, using: &random))"#,
                    #""gclid":"\#(gclid)""#,
                    #""id":\#(700_000_000 + line)"#,
                    #""landingpage":"http://example.com/\#(String(line, radix: 36))?utm_source=google""#,
                    #""recording":"http://app.callrail.com/calls/\#(700_000_000 + line)/recording""#,
                ]
                let padding = String(repeating: #","utm_term":null"#, count: 30)
                fields[58] =
                    #"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":"#
                    + #"{"schema":"iglu:com.callrail/call_complete/jsonschema/1-0-2","data":{"#
                    + call.joined(separator: ",") + padding + "}}}"
                text += Array(fields.joined(separator: "\t").utf8)
                text.append(0x0a)
            }
            return text
        }
    }
}
