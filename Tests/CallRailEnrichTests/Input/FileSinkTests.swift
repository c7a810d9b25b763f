import Foundation
import Glibc
import Testing

@testable import CallRailEnrich

extension InputTests {
    @Suite struct FileSinkTests {
        @Test func writesAllBytes() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = folder.path("out.tsv")
            let first = Array("a\tb\n".utf8)
            let second = [UInt8](repeating: 0x7a, count: 3 << 20)

            let sink = try FileSink(path: path)
            try sink.write(first)
            try second.withUnsafeBytes { try sink.write($0) }
            try sink.write([])
            #expect(sink.bytesWritten == first.count + second.count)
            try sink.close(synchronize: true)

            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == first + second)
        }

        @Test func newFileHasMode0644() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = folder.path("mode.tsv")

            let sink = try FileSink(path: path)
            try sink.close()

            // The process umask applies to the requested mode 0644; it is read without changing it.
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let umaskLine = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
            let umask = try #require(
                Int(umaskLine.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
            )
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let permissions = try #require(attributes[.posixPermissions] as? Int)
            #expect(permissions == 0o644 & ~umask)
        }

        @Test func existingFileIsTruncated() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = try folder.write(Array("old content that is longer\n".utf8), to: "out.tsv")

            let sink = try FileSink(path: path)
            try sink.write(Array("new\n".utf8))
            try sink.close()

            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == Array("new\n".utf8))
        }

        @Test func fullDeviceErrorNamesPath() throws {
            let sink = try FileSink(path: "/dev/full")
            defer { try? sink.close() }

            let error = #expect(throws: FileSinkError.self) { try sink.write(Array("row\n".utf8)) }
            #expect(error?.description == "cannot write '/dev/full': No space left on device")
            #expect(error?.errorNumber == ENOSPC)
        }

        @Test func missingFolderErrorNamesPath() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = folder.path("missing/out.tsv")

            let error = #expect(throws: FileSinkError.self) { try FileSink(path: path) }
            #expect(error?.description == "cannot create '\(path)': No such file or directory")
        }

        @Test func fileAsFolderErrorNamesPath() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = try folder.write([], to: "plain-file")
            let path = file + "/out.tsv"

            let error = #expect(throws: FileSinkError.self) { try FileSink(path: path) }
            #expect(error?.description == "cannot create '\(path)': Not a directory")
        }

        @Test(.disabled(if: geteuid() == 0, "root may write into a folder without write permission"))
        func readOnlyFolderErrorNamesPath() throws {
            let folder = try TemporaryDirectory()
            defer {
                chmod(folder.url.path, 0o755)
                folder.remove()
            }
            try #require(chmod(folder.url.path, 0o555) == 0)
            let path = folder.path("out.tsv")

            let error = #expect(throws: FileSinkError.self) { try FileSink(path: path) }
            #expect(error?.description == "cannot create '\(path)': Permission denied")
        }

        @Test func closingTwiceIsHarmless() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }

            let sink = try FileSink(path: folder.path("out.tsv"))
            try sink.close()
            try sink.close()
        }
    }
}
