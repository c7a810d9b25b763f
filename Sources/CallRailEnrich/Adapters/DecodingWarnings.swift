/// Counts of recoverable oddities met while decoding one line; each ends up in the run report.
public struct DecodingWarnings: Sendable, Equatable {
    /// `%` not followed by two hex digits, kept literally.
    public var invalidPercentEscapes = 0
    /// Decoded values that were not UTF-8 and got U+FFFD replacements.
    public var invalidUTF8 = 0
    /// Querystring keys that appeared more than once; the last value was kept.
    public var duplicateKeys = 0

    public init() {}

    /// Whether nothing was counted.
    public var isEmpty: Bool { invalidPercentEscapes == 0 && invalidUTF8 == 0 && duplicateKeys == 0 }
}
