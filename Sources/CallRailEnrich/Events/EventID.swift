/// The source of enriched events' `event_id`.
public enum EventIDMode: String, Sendable, CaseIterable {
    /// A name-based UUID (version 5) of the raw collector line, so a re-run gives the same ids.
    case deterministic
    /// A random UUID (version 4).
    case random
}

/// UUID text helpers for event ids.
public enum EventID {
    /// The namespace of callrail-enrich's name-based event ids: `6f1c8f4e-2d5a-5b7e-9c3a-0a8e4d1b7c55`.
    /// Changing it would change every deterministic event id, so it is fixed for good.
    static let namespace: [UInt8] = [
        0x6F, 0x1C, 0x8F, 0x4E, 0x2D, 0x5A, 0x5B, 0x7E, 0x9C, 0x3A, 0x0A, 0x8E, 0x4D, 0x1B, 0x7C, 0x55,
    ]

    /// The version 5 UUID of `name` in the project's namespace, lower-case.
    public static func nameBased(_ name: UnsafeBufferPointer<UInt8>) -> String {
        var hasher = SHA1()
        namespace.withUnsafeBufferPointer { hasher.update($0) }
        hasher.update(name)
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return format(bytes)
    }

    /// A random version 4 UUID, lower-case.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return format(bytes)
    }

    /// Returns the canonical lower-case form of a UUID written as 8-4-4-4-12 hex digits in either case, or
    /// nil when the text is not one.
    public static func canonical(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else if PercentDecoding.hexValue(byte) == nil {
                return nil
            }
        }
        return text.lowercased()
    }

    private static func format(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                text.append(UInt8(ascii: "-"))
            }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
