/// An Iglu SchemaVer version, `MODEL-REVISION-ADDITION` such as `1-0-2`.
///
/// Versions order numerically part by part, so `1-0-10` comes after `1-0-9`. The model starts at
/// 1, and no part has a leading zero.
public struct SchemaVer: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The model number, raised for a change that breaks existing data.
    public let model: Int

    /// The revision number, raised for a change that may break some existing data.
    public let revision: Int

    /// The addition number, raised for a change that keeps all existing data valid.
    public let addition: Int

    /// Creates a version from parts that the caller has checked.
    ///
    /// The model must be at least 1, and the other parts at least 0; anything else stops the program.
    public init(model: Int, revision: Int, addition: Int) {
        precondition(model >= 1 && revision >= 0 && addition >= 0, "invalid SchemaVer \(model)-\(revision)-\(addition)")
        self.model = model
        self.revision = revision
        self.addition = addition
    }

    /// Parses `MODEL-REVISION-ADDITION`, or returns nil when the text has another form.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }

        var numbers: [Int] = []
        for part in parts {
            let hasOnlyDigits =
                !part.isEmpty && part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard hasOnlyDigits, part.count <= 9, part == "0" || !part.hasPrefix("0"), let number = Int(part) else {
                return nil
            }
            numbers.append(number)
        }
        guard numbers[0] >= 1 else { return nil }
        self.init(model: numbers[0], revision: numbers[1], addition: numbers[2])
    }

    /// The version as Iglu writes it, for example `1-0-2`.
    public var description: String {
        "\(model)-\(revision)-\(addition)"
    }

    public static func < (lhs: SchemaVer, rhs: SchemaVer) -> Bool {
        (lhs.model, lhs.revision, lhs.addition) < (rhs.model, rhs.revision, rhs.addition)
    }
}
