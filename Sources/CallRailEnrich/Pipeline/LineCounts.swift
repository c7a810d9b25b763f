/// The destinations of a file's lines. Every line read ends in exactly one place, so
/// `read == enriched + bad + skipped + headers + blank` always holds.
public struct LineCounts: Sendable, Equatable {
    /// The maximum number of distinct skipped paths tracked one by one; further paths are counted together.
    public static let maximumDistinctSkippedPaths = 1000
    /// The key under which skipped paths beyond the limit are counted.
    public static let otherPathsKey = "(other paths)"

    public var read = 0
    public var enriched = 0
    public var headers = 0
    public var blank = 0
    public var bad: [BadRowKind: Int] = [:]
    public var skipped: [String: Int] = [:]
    public var warnings: [String: Int] = [:]

    public init() {}

    public var badTotal: Int { bad.values.reduce(0, +) }
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Whether every line read is accounted for.
    public var isBalanced: Bool {
        read == enriched + badTotal + skippedTotal + headers + blank
    }

    mutating func countSkipped(path: String) {
        if skipped[path] == nil && skipped.count >= LineCounts.maximumDistinctSkippedPaths {
            skipped[LineCounts.otherPathsKey, default: 0] += 1
        } else {
            skipped[path, default: 0] += 1
        }
    }

    mutating func countWarnings(_ decoding: DecodingWarnings) {
        guard !decoding.isEmpty else { return }
        if decoding.invalidPercentEscapes > 0 {
            warnings["invalid_percent_escape", default: 0] += decoding.invalidPercentEscapes
        }
        if decoding.invalidUTF8 > 0 {
            warnings["invalid_utf8", default: 0] += decoding.invalidUTF8
        }
        if decoding.duplicateKeys > 0 {
            warnings["duplicate_key", default: 0] += decoding.duplicateKeys
        }
    }

    /// Adds another set of counts to this one.
    public mutating func merge(_ other: LineCounts) {
        read += other.read
        enriched += other.enriched
        headers += other.headers
        blank += other.blank
        bad.merge(other.bad, uniquingKeysWith: +)
        for (path, count) in other.skipped {
            if skipped[path] == nil && skipped.count >= LineCounts.maximumDistinctSkippedPaths
                && !LineCounts.skipReasonKeys.contains(path)
            {
                skipped[LineCounts.otherPathsKey, default: 0] += count
            } else {
                skipped[path, default: 0] += count
            }
        }
        warnings.merge(other.warnings, uniquingKeysWith: +)
    }
}
