/// The coordinates of an Iglu schema: vendor, name, format and version, written as the URI
/// `iglu:com.callrail/call_complete/jsonschema/1-0-2`.
///
/// Keys order by vendor, name and format as text, then by version in SchemaVer order.
public struct SchemaKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The vendor in reverse domain notation, for example `com.callrail`.
    public let vendor: String

    /// The schema name, for example `call_complete`.
    public let name: String

    /// The schema format; `jsonschema` for every schema this project uses.
    public let format: String

    /// The schema version.
    public let version: SchemaVer

    /// Creates a key from its parts.
    ///
    /// The parts are not checked here. Use ``init(igluURI:)`` for text from outside the program.
    public init(vendor: String, name: String, format: String = "jsonschema", version: SchemaVer) {
        self.vendor = vendor
        self.name = name
        self.format = format
        self.version = version
    }

    /// Parses `iglu:vendor/name/format/version`.
    ///
    /// The vendor may contain letters, digits, `-`, `_` and `.`. The name and the format may contain
    /// letters, digits, `-` and `_`. The version must be a SchemaVer such as `1-0-2`.
    /// - Throws: ``SchemaKeyError`` naming the text and the part that is wrong.
    public init(igluURI text: String) throws(SchemaKeyError) {
        guard text.hasPrefix("iglu:") else {
            throw SchemaKeyError(text: text, reason: "it does not start with 'iglu:'")
        }
        let parts = text.dropFirst("iglu:".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw SchemaKeyError(
                text: text,
                reason: "expected 4 parts after 'iglu:' (vendor/name/format/version), found \(parts.count)"
            )
        }

        let labels = ["vendor", "name", "format"]
        for (index, label) in labels.enumerated() {
            let allowsDot = index == 0
            guard SchemaKey.isValidPart(parts[index], allowsDot: allowsDot) else {
                let allowed = allowsDot ? "letters, digits, '-', '_' and '.'" : "letters, digits, '-' and '_'"
                throw SchemaKeyError(
                    text: text,
                    reason: "the \(label) '\(parts[index])' is empty or contains characters other than \(allowed)"
                )
            }
        }
        guard let version = SchemaVer(String(parts[3])) else {
            throw SchemaKeyError(text: text, reason: "the version '\(parts[3])' is not a SchemaVer such as 1-0-2")
        }
        self.init(vendor: String(parts[0]), name: String(parts[1]), format: String(parts[2]), version: version)
    }

    /// The key as an Iglu URI, for example `iglu:com.callrail/call_complete/jsonschema/1-0-2`.
    public var igluURI: String {
        "iglu:\(vendor)/\(name)/\(format)/\(version)"
    }

    /// The same as ``igluURI``.
    public var description: String { igluURI }

    public static func < (lhs: SchemaKey, rhs: SchemaKey) -> Bool {
        if (lhs.vendor, lhs.name, lhs.format) != (rhs.vendor, rhs.name, rhs.format) {
            return (lhs.vendor, lhs.name, lhs.format) < (rhs.vendor, rhs.name, rhs.format)
        }
        return lhs.version < rhs.version
    }

    /// Returns whether a vendor, name or format part contains only the characters Iglu allows.
    static func isValidPart(_ part: Substring, allowsDot: Bool) -> Bool {
        !part.isEmpty
            && part.utf8.allSatisfy { byte in
                let lowercased = byte | 0x20
                return (lowercased >= UInt8(ascii: "a") && lowercased <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || (allowsDot && byte == UInt8(ascii: "."))
            }
    }
}
