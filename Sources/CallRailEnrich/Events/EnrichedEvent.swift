/// One Snowplow enriched event: 131 optional text values in TSV order.
///
/// Text set through ``setText(_:_:)`` is made TSV-safe on the way in: each TAB becomes four spaces,
/// every other control character (U+0000–U+001F, U+007F, including CR and LF) is removed, and a value
/// left empty becomes null. JSON fields are stored as compact JSON, whose escaping already keeps
/// control characters out. A row therefore never contains a TAB, CR or LF inside a value.
public struct EnrichedEvent: Sendable {
    /// The values by field position; nil is null, written as an empty TSV field.
    public private(set) var values: [String?]

    /// Creates an event with every field null.
    public init() {
        values = Array(repeating: nil, count: EnrichedField.count)
    }

    /// Returns the value of a field.
    public subscript(field: EnrichedField) -> String? {
        values[field.rawValue]
    }

    /// Stores text after the TSV clean-up; empty or nil clears the field.
    public mutating func setText(_ field: EnrichedField, _ text: String?) {
        values[field.rawValue] = text.flatMap(EnrichedEvent.tsvSafe)
    }

    /// Stores a value that is already TSV-safe (JSON text, formatted timestamps, constants).
    public mutating func setVerbatim(_ field: EnrichedField, _ text: String?) {
        values[field.rawValue] = text
    }

    /// Stores a timestamp as `yyyy-MM-dd HH:mm:ss.SSS`.
    public mutating func setTimestamp(_ field: EnrichedField, _ timestamp: Timestamp?) {
        values[field.rawValue] = timestamp?.enrichedFormat
    }

    /// Clears every field.
    public mutating func reset() {
        for index in 0..<EnrichedField.count where values[index] != nil {
            values[index] = nil
        }
    }

    /// Appends the row: 131 values joined by TAB, no line terminator. `unstructEvent`, when given,
    /// is written as the `unstruct_event` field in place of the stored value.
    public func appendTSV(to output: inout [UInt8], unstructEvent: UnsafeBufferPointer<UInt8>? = nil) {
        for index in 0..<EnrichedField.count {
            if index > 0 {
                output.append(0x09)
            }
            if index == EnrichedField.unstruct_event.rawValue, let unstructEvent {
                output.append(contentsOf: unstructEvent)
            } else if let value = values[index] {
                output.append(contentsOf: value.utf8)
            }
        }
    }

    /// Returns the text with TAB as four spaces and other control characters removed, or nil when
    /// nothing is left.
    public static func tsvSafe(_ text: String) -> String? {
        if text.isEmpty {
            return nil
        }
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            return text
        }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == 0x09 {
                cleaned.append(contentsOf: [0x20, 0x20, 0x20, 0x20])
            } else if byte >= 0x20 && byte != 0x7F {
                cleaned.append(byte)
            }
        }
        return cleaned.isEmpty ? nil : String(decoding: cleaned, as: UTF8.self)
    }
}
