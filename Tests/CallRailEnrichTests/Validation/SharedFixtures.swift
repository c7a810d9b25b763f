import Foundation
import Testing

@testable import CallRailEnrich

/// The shared test data next to the package: Iglu Central's schemas and the official
/// JSON-Schema-Test-Suite.
///
/// Tests that read it are skipped, with a comment saying why, when the
/// folder is not there, as on a user's machine.
enum SharedFixtures {
    /// The package root: this file is `Tests/CallRailEnrichTests/Validation/SharedFixtures.swift`.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// `<package root>/../shared`.
    static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static let igluSchemas = folder.appendingPathComponent("iglu/schemas")
    static let testSuiteDraft4 = folder.appendingPathComponent("json-schema-test-suite/draft4")

    static var hasIgluSchemas: Bool { isDirectory(igluSchemas) }
    static var hasTestSuite: Bool { isDirectory(testSuiteDraft4) }

    static let missingIgluComment: Comment =
        "Skipped: Iglu Central's schemas are not at ../shared/iglu/schemas next to the package."
    static let missingTestSuiteComment: Comment =
        "Skipped: the JSON-Schema-Test-Suite is not at ../shared/json-schema-test-suite/draft4 next to the package."

    /// Reads and parses a JSON file with the project's own parser.
    static func parseJSONFile(_ url: URL) throws -> JSONValue {
        let data = try Data(contentsOf: url)
        return try JSONParser().parse(Array(data))
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
