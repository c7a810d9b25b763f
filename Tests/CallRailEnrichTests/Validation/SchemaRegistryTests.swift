import Dispatch
import Foundation
import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct SchemaRegistryTests {
        static let callComplete102 = CallCompleteSchema.key(for: SchemaVer(model: 1, revision: 0, addition: 2))
        static let callComplete103 = CallCompleteSchema.key(for: SchemaVer(model: 1, revision: 0, addition: 3))

        /// A temporary Iglu repository folder that deletes itself.
        final class TemporaryIgluFolder {
            let root: URL

            init() throws {
                root = FileManager.default.temporaryDirectory.appendingPathComponent("iglu-\(UUID().uuidString)")
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent("schemas"), withIntermediateDirectories: true)
            }

            deinit {
                try? FileManager.default.removeItem(at: root)
            }

            /// Writes a file at a path relative to the `schemas` folder and returns its full path.
            @discardableResult
            func write(_ relativePath: String, _ text: String) throws -> String {
                let url = root.appendingPathComponent("schemas").appendingPathComponent(relativePath)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                return url.path
            }

            /// Writes a call_complete schema whose `self` matches its location.
            func writeCallComplete(_ version: String, additionalProperties: Bool, extraProperty: String? = nil) throws {
                let extra = extraProperty.map { #""\#($0)": {"type": "string"},"# } ?? ""
                try write(
                    "com.callrail/call_complete/jsonschema/\(version)",
                    #"""
                    {
                      "self": {"vendor": "com.callrail", "name": "call_complete", "format": "jsonschema",
                               "version": "\#(version)"},
                      "type": "object",
                      "properties": {
                        \#(extra) "id": {"type": "string"}, "datetime": {"type": "string", "format": "date-time"}
                      },
                      "required": ["datetime", "id"],
                      "additionalProperties": \#(additionalProperties)
                    }
                    """#)
            }
        }

        private func loadError(_ folder: TemporaryIgluFolder) -> SchemaRegistryError? {
            var registry = SchemaRegistry()
            do {
                try registry.loadIgluDirectory(folder.root.path)
                return nil
            } catch {
                #expect(registry.keys == SchemaRegistry().keys, "a failed load changed the registry")
                return error
            }
        }

        // MARK: Built-in schemas

        @Test func startsWithBuiltInCallComplete() {
            let registry = SchemaRegistry()
            let versions = registry.availableVersions(vendor: "com.callrail", name: "call_complete")
            #expect(versions.map(\.description) == ["1-0-0", "1-0-1", "1-0-2"])
            #expect(registry.validator(for: SchemaRegistryTests.callComplete102) != nil)
            #expect(
                registry.schema(for: SchemaRegistryTests.callComplete102)?["additionalProperties"]?.boolValue == false)
            #expect(registry.validator(for: SchemaRegistryTests.callComplete103) == nil)
        }

        @Test func unknownSchemaHasNoVersions() {
            #expect(SchemaRegistry().availableVersions(vendor: "com.acme", name: "call_complete").isEmpty)
        }

        // MARK: Loading

        @Test func loadingAddsAndOverridesSchemas() throws {
            let folder = try TemporaryIgluFolder()
            try folder.writeCallComplete("1-0-3", additionalProperties: true)
            try folder.writeCallComplete("1-0-2", additionalProperties: false, extraProperty: "score")

            var registry = SchemaRegistry()
            let loaded = try registry.loadIgluDirectory(folder.root.path)
            #expect(loaded == [SchemaRegistryTests.callComplete102, SchemaRegistryTests.callComplete103])
            #expect(
                registry.availableVersions(vendor: "com.callrail", name: "call_complete").map(\.description)
                    == ["1-0-0", "1-0-1", "1-0-2", "1-0-3"])

            let call: JSONObject = ["id": "1", "datetime": "2014-10-09T16:23:45.000Z", "score": "9", "tag": "a"]
            let added = try #require(registry.validator(for: SchemaRegistryTests.callComplete103))
            #expect(added.validate(call) == [])
            let overridden = try #require(registry.validator(for: SchemaRegistryTests.callComplete102))
            #expect(overridden.validate(call).map(\.targets) == [["tag"]])
        }

        @Test func versionsSortBySchemaVer() throws {
            let folder = try TemporaryIgluFolder()
            for version in ["1-0-9", "1-0-10", "2-0-0", "1-1-0"] {
                try folder.write("com.acme/event/jsonschema/\(version)", #"{"type": "object"}"#)
            }
            var registry = SchemaRegistry()
            try registry.loadIgluDirectory(folder.root.path)
            #expect(
                registry.availableVersions(vendor: "com.acme", name: "event").map(\.description)
                    == ["1-0-9", "1-0-10", "1-1-0", "2-0-0"])
        }

        @Test func hiddenFilesAreSkipped() throws {
            let folder = try TemporaryIgluFolder()
            try folder.write(".DS_Store", "junk")
            try folder.write("com.acme/event/jsonschema/.1-0-0.swp", "junk")
            try folder.write("com.acme/event/jsonschema/1-0-0", "{}")
            var registry = SchemaRegistry()
            #expect(
                try registry.loadIgluDirectory(folder.root.path).map(\.igluURI) == [
                    "iglu:com.acme/event/jsonschema/1-0-0"
                ])
        }

        // MARK: Load errors

        @Test func invalidJSONNamesFileAndOffset() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write("com.acme/event/jsonschema/1-0-0", #"{"type": "object",}"#)
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason.contains("invalid JSON at byte 18") == true, "\(String(describing: error))")
        }

        @Test func nonObjectSchemaIsRejected() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write("com.acme/event/jsonschema/1-0-0", "[1, 2]")
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason == "the file contains an array, expected a JSON schema object")
        }

        @Test func fileInPlaceOfFolderIsWrongLayout() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write("com.acme/event.json", "{}")
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason.contains("is a file where a schema name folder was expected") == true)
        }

        @Test func misnamedVersionFileIsRejected() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write("com.acme/event/jsonschema/1-0-0.json", "{}")
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason.contains("not a SchemaVer version") == true)
        }

        @Test func otherFormatFolderIsRejected() throws {
            let folder = try TemporaryIgluFolder()
            try folder.write("com.acme/event/avro/1-0-0", "{}")
            let error = loadError(folder)
            #expect(error?.path.hasSuffix("com.acme/event/avro") == true)
            #expect(error?.reason.contains("unsupported schema format 'avro'") == true)
        }

        @Test func mismatchedSelfIsRejected() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write(
                "com.acme/event/jsonschema/1-0-1",
                #"{"self": {"vendor": "com.acme", "name": "event", "format": "jsonschema", "version": "1-0-0"}}"#)
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason.contains("'self' describes iglu:com.acme/event/jsonschema/1-0-0") == true)
        }

        @Test func uncompilableSchemaIsRejected() throws {
            let folder = try TemporaryIgluFolder()
            let path = try folder.write(
                "com.acme/event/jsonschema/1-0-0", #"{"properties": {"a": {"minLength": "2"}}}"#)
            let error = loadError(folder)
            #expect(error?.path == path)
            #expect(error?.reason.contains("#/properties/a/minLength") == true, "\(String(describing: error))")
        }

        @Test func missingFoldersAreReported() throws {
            var registry = SchemaRegistry()
            let missing = "/nonexistent-\(UUID().uuidString)"
            #expect(
                throws: SchemaRegistryError(path: missing, reason: "no such folder; expected an Iglu repository folder")
            ) {
                try registry.loadIgluDirectory(missing)
            }

            let folder = try TemporaryIgluFolder()
            try FileManager.default.removeItem(at: folder.root.appendingPathComponent("schemas"))
            let error = loadError(folder)
            #expect(error?.reason.contains("no 'schemas' folder") == true)
        }

        @Test func addedSchemaMustCompile() throws {
            var registry = SchemaRegistry()
            let key = try SchemaKey(igluURI: "iglu:com.acme/event/jsonschema/1-0-0")
            #expect(throws: SchemaRegistryError.self) { try registry.add(["type": "text"], for: key) }
            try registry.add(["type": "object"], for: key)
            #expect(registry.validator(for: key)?.isValid(["a": 1]) == true)
        }

        // MARK: Iglu Central

        @Test(.enabled(if: SharedFixtures.hasIgluSchemas, SharedFixtures.missingIgluComment))
        func igluCentralSchemasLoadAndAreSelfDescribing() throws {
            var registry = SchemaRegistry()
            let loaded = try registry.loadIgluDirectory(SharedFixtures.igluSchemas.deletingLastPathComponent().path)
            #expect(loaded.count >= 10)

            let selfDescribing = try #require(
                registry.validator(
                    for: try SchemaKey(igluURI: "iglu:com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0")))
            for key in loaded {
                let schema = try #require(registry.schema(for: key))
                #expect(selfDescribing.validate(schema) == [], "\(key)")
            }
        }

        // MARK: Sharing

        @Test func validatorIsSafeToShareAcrossThreads() throws {
            let validator = try #require(SchemaRegistry().validator(for: SchemaRegistryTests.callComplete102))
            let valid: JSONObject = ["id": "1", "datetime": "2014-10-09T16:23:45.000Z", "duration": 13]
            let invalid: JSONObject = ["id": .null, "datetime": "yesterday", "score": 1]
            let versionPattern = try CompiledSchema(["type": "string", "pattern": #"^\d+\.\d+\.\d+"#])
            let failures = Counter()
            DispatchQueue.concurrentPerform(iterations: 64) { iteration in
                for _ in 0..<200 {
                    let isExpected: Bool
                    switch iteration % 3 {
                    case 0: isExpected = validator.validate(valid).isEmpty
                    case 1: isExpected = validator.validate(invalid).count == 3
                    default: isExpected = versionPattern.isValid("0.1.0") && !versionPattern.isValid("v1")
                    }
                    if !isExpected { failures.increment() }
                }
            }
            #expect(failures.value == 0)
        }

        /// A thread-safe counter for the sharing test.
        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var count = 0

            func increment() {
                lock.lock()
                count += 1
                lock.unlock()
            }

            var value: Int {
                lock.lock()
                defer { lock.unlock() }
                return count
            }
        }
    }
}
