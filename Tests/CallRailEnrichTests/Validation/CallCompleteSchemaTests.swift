import Foundation
import Testing

@testable import CallRailEnrich

extension ValidationTests {
    /// Compares the built-in call_complete schemas with Iglu Central's published files on every
    /// keyword that affects validation.
    @Suite struct CallCompleteSchemaTests {
        static let versions = CallCompleteSchema.versions.map(\.description)

        @Test(.enabled(if: SharedFixtures.hasIgluSchemas, SharedFixtures.missingIgluComment), arguments: versions)
        func builtInSchemaMatchesIgluCentral(_ versionText: String) throws {
            let version = try #require(SchemaVer(versionText))
            let url = SharedFixtures.igluSchemas.appendingPathComponent(
                "com.callrail/call_complete/jsonschema/\(versionText)")
            let published = try #require(try SharedFixtures.parseJSONFile(url).objectValue)
            let builtIn = try #require(CallCompleteSchema.schema(for: version)?.objectValue)

            for keyword in ["type", "required", "additionalProperties", "self"] {
                let expected = try #require(published[keyword], "Iglu Central's \(versionText) has no \(keyword)")
                let actual = try #require(builtIn[keyword], "the built-in \(versionText) has no \(keyword)")
                #expect(actual.isSemanticallyEqual(to: expected), "\(keyword): \(actual.compactText)")
            }

            let publishedProperties = try #require(published["properties"]?.objectValue)
            let builtInProperties = try #require(builtIn["properties"]?.objectValue)
            #expect(Set(builtInProperties.keys) == Set(publishedProperties.keys))
            for name in publishedProperties.keys {
                let expected = publishedProperties[name]
                let actual = builtInProperties[name]
                for keyword in ["type", "format"] {
                    let matches =
                        switch (actual?[keyword], expected?[keyword]) {
                        case (nil, nil): true
                        case (let lhs?, let rhs?): lhs.isSemanticallyEqual(to: rhs)
                        default: false
                        }
                    #expect(matches, "\(versionText) property \(name), keyword \(keyword)")
                }
            }
        }

        @Test func builtInSchemasPassTheMetaSchema() throws {
            let metaSchema = try CompiledSchema(DraftFourMetaSchema.schema)
            for version in CallCompleteSchema.versions {
                let schema = try #require(CallCompleteSchema.schema(for: version))
                #expect(metaSchema.validate(schema).isEmpty, "\(version)")
            }
        }

        @Test func unknownVersionHasNoSchema() {
            #expect(CallCompleteSchema.schema(for: SchemaVer(model: 1, revision: 0, addition: 3)) == nil)
        }
    }
}
