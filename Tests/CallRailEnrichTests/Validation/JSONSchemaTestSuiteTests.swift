import Foundation
import Testing

@testable import CallRailEnrich

extension ValidationTests {
    /// Runs the official JSON-Schema-Test-Suite for draft 4 against ``CompiledSchema``.
    ///
    /// Every file runs except `refRemote.json`, which needs a server for remote references. Of the
    /// optional files, the format checks this validator enforces and the number edge cases run.
    @Suite struct JSONSchemaTestSuiteTests {
        static let files = [
            "additionalItems.json", "additionalProperties.json", "allOf.json", "anyOf.json", "default.json",
            "definitions.json", "dependencies.json", "enum.json", "format.json", "infinite-loop-detection.json",
            "items.json", "maxItems.json", "maxLength.json", "maxProperties.json", "maximum.json", "minItems.json",
            "minLength.json", "minProperties.json", "minimum.json", "multipleOf.json", "not.json", "oneOf.json",
            "pattern.json", "patternProperties.json", "properties.json", "ref.json", "required.json", "type.json",
            "uniqueItems.json", "optional/bignum.json", "optional/zeroTerminatedFloats.json",
            "optional/format/date-time.json", "optional/format/ipv4.json", "optional/format/ipv6.json",
            "optional/format/uri.json",
        ]

        /// The outcome of running one suite file.
        struct FileOutcome {
            var caseCount = 0
            var failures: [String] = []
        }

        /// Runs every case of a suite file through both `validate` and `isValid`.
        static func run(_ file: String) throws -> FileOutcome {
            let url = SharedFixtures.testSuiteDraft4.appendingPathComponent(file)
            guard case .array(let groups) = try SharedFixtures.parseJSONFile(url) else {
                return FileOutcome(caseCount: 0, failures: ["\(file): the file is not a JSON array of test groups"])
            }

            var outcome = FileOutcome()
            for group in groups {
                let groupDescription = group["description"]?.stringValue ?? "?"
                let schema: CompiledSchema
                do {
                    schema = try CompiledSchema(group["schema"] ?? .null)
                } catch {
                    outcome.failures.append("\(file) / \(groupDescription): the schema does not compile: \(error)")
                    continue
                }

                for testCase in group["tests"]?.arrayValue ?? [] {
                    outcome.caseCount += 1
                    let caseDescription = testCase["description"]?.stringValue ?? "?"
                    let data = testCase["data"] ?? .null
                    let expected = testCase["valid"]?.boolValue ?? false
                    let violations = schema.validate(data)
                    let quickResult = schema.isValid(data)

                    if violations.isEmpty != expected || quickResult != expected {
                        let verdict =
                            expected
                            ? "expected valid, found \(violations.map(\.message))" : "expected invalid, found valid"
                        outcome.failures.append(
                            "\(file) / \(groupDescription) / \(caseDescription): \(verdict) (isValid: \(quickResult))")
                    }
                }
            }
            return outcome
        }

        @Test(.enabled(if: SharedFixtures.hasTestSuite, SharedFixtures.missingTestSuiteComment), arguments: files)
        func suiteFilePasses(_ file: String) throws {
            let outcome = try JSONSchemaTestSuiteTests.run(file)
            #expect(outcome.caseCount > 0, "\(file) contains no test cases")
            for failure in outcome.failures {
                Issue.record(Comment(rawValue: failure))
            }
        }

        @Test(.enabled(if: SharedFixtures.hasTestSuite, SharedFixtures.missingTestSuiteComment))
        func wholeSuitePasses() throws {
            var caseCount = 0
            var failureCount = 0
            for file in JSONSchemaTestSuiteTests.files {
                let outcome = try JSONSchemaTestSuiteTests.run(file)
                caseCount += outcome.caseCount
                failureCount += outcome.failures.count
            }
            #expect(caseCount > 0, "the suite folder exists but no test case ran")
            #expect(failureCount == 0, "\(failureCount) of \(caseCount) cases failed; see suiteFilePasses for each")
            print("JSON-Schema-Test-Suite draft4: \(caseCount - failureCount) of \(caseCount) cases passed")
        }
    }
}
