/// The querystring keys the CallRail path looks up by name: Snowplow's parameters, the keys with
/// special conversions, and every property of the selected `call_complete` schema. Looking a key up
/// by its bytes avoids building and hashing a String for each of the ~40 keys of a request.
struct QueryKeyTable: Sendable {
    /// The table entry for one key.
    struct Key: Sendable {
        /// The key as text.
        var name: String
        /// The key's bytes.
        var bytes: [UInt8]
        /// The key as a JSON member name followed by a colon, ready to write.
        var jsonMemberPrefix: [UInt8]
        /// The Snowplow parameter it carries, if it is one.
        var snowplowParameter: SnowplowParameter?
        /// The conversion of its value to JSON.
        var conversion: CallRailConversion
    }

    /// The Snowplow parameters a CallRail request may carry, by slot.
    enum SnowplowParameter: Int, CaseIterable, Sendable {
        case aid, p, cv, nuid, tnuid, eid, ttm, url

        var name: String {
            switch self {
            case .aid: return "aid"
            case .p: return "p"
            case .cv: return "cv"
            case .nuid: return "nuid"
            case .tnuid: return "tnuid"
            case .eid: return "eid"
            case .ttm: return "ttm"
            case .url: return "url"
            }
        }
    }

    private(set) var keys: [Key] = []
    private var slots: [Int16]
    private let mask: Int

    /// Builds the table for the Snowplow parameters, the converted keys and `extraNames`.
    init(extraNames: [String]) {
        var names = SnowplowParameter.allCases.map(\.name) + ["answered", "first_call", "duration", "datetime"]
        for name in extraNames where !names.contains(name) {
            names.append(name)
        }
        var capacity = 64
        while capacity < names.count * 4 {
            capacity *= 2
        }
        slots = [Int16](repeating: -1, count: capacity)
        mask = capacity - 1
        for name in names {
            var prefix = JSONWriter(capacity: name.utf8.count + 3)
            prefix.appendString(name)
            prefix.appendRaw(":")
            let key = Key(
                name: name, bytes: Array(name.utf8), jsonMemberPrefix: prefix.bytes,
                snowplowParameter: SnowplowParameter.allCases.first { $0.name == name },
                conversion: CallRailConversion(name: name))
            var slot = QueryKeyTable.hash(key.bytes) & mask
            while slots[slot] >= 0 {
                slot = (slot + 1) & mask
            }
            slots[slot] = Int16(keys.count)
            keys.append(key)
        }
    }

    /// Returns the index of the key with these bytes, or -1.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = QueryKeyTable.hash(bytes) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 {
                return -1
            }
            let candidate = keys[index].bytes
            if candidate.count == bytes.count && candidate.withUnsafeBufferPointer({ QueryKeyTable.equal($0, bytes) }) {
                return index
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lhs[index] != rhs[index] {
            return false
        }
        return true
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int(hash)
    }
}

/// The conversion of a CallRail value to JSON, chosen by key. An empty value is always `null`.
/// `answered` and `first_call` become booleans when exactly `true` or `false`, and `duration` a
/// number when it is an integer. A `datetime` in `yyyy-MM-dd HH:mm:ss` (UTC) or ISO-8601 with an
/// offset becomes `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC. Anything else stays a string, and `id` is
/// always a string.
enum CallRailConversion: Sendable {
    case string
    case boolean
    case integer
    case dateTime

    init(name: String) {
        switch name {
        case "answered", "first_call": self = .boolean
        case "duration": self = .integer
        case "datetime": self = .dateTime
        default: self = .string
        }
    }

    /// Returns the canonical JSON literal of an optionally signed run of ASCII digits (`007` → `7`,
    /// `+5` → `5`, `-0` → `0`), or nil when the text is not an integer.
    static func integerLiteral(_ text: String) -> String? {
        var digits = Substring(text)
        var isNegative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            isNegative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = digits.drop(while: { $0 == "0" })
        if trimmed.isEmpty {
            return "0"
        }
        return (isNegative ? "-" : "") + trimmed
    }
}
