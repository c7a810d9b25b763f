/// A querystring decoded as `application/x-www-form-urlencoded` (the WHATWG parser): split on `&`,
/// empty pieces dropped, each piece split at its first `=`, `+` read as a space, then
/// percent-decoded exactly once.
public struct QueryString: Sendable {
    /// Every name/value pair in order, duplicates included; a piece without `=` has an empty value.
    public var pairs: [(name: String, value: String)]

    /// Creates a querystring from pairs that are already decoded.
    public init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Decodes raw querystring bytes; invalid escapes and non-UTF-8 bytes are counted in `warnings`.
    public static func decode(
        _ raw: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], warnings: inout DecodingWarnings
    ) -> QueryString {
        var pairs: [(name: String, value: String)] = []
        decode(raw, into: &pairs, scratch: &scratch, warnings: &warnings)
        return QueryString(pairs: pairs)
    }

    /// Decodes raw querystring bytes into a reused array of pairs, which is emptied first.
    static func decode(
        _ raw: UnsafeBufferPointer<UInt8>, into pairs: inout [(name: String, value: String)], scratch: inout [UInt8],
        warnings: inout DecodingWarnings
    ) {
        pairs.removeAll(keepingCapacity: true)
        var pieceStart = 0
        let count = raw.count
        while pieceStart <= count {
            var pieceEnd = pieceStart
            while pieceEnd < count, raw[pieceEnd] != UInt8(ascii: "&") {
                pieceEnd += 1
            }
            if pieceEnd > pieceStart {
                var equals = pieceStart
                while equals < pieceEnd, raw[equals] != UInt8(ascii: "=") {
                    equals += 1
                }
                let name = PercentDecoding.decode(
                    UnsafeBufferPointer(rebasing: raw[pieceStart..<equals]), plusIsSpace: true, scratch: &scratch,
                    warnings: &warnings)
                let valueStart = min(equals + 1, pieceEnd)
                let value = PercentDecoding.decode(
                    UnsafeBufferPointer(rebasing: raw[valueStart..<pieceEnd]), plusIsSpace: true, scratch: &scratch,
                    warnings: &warnings)
                pairs.append((name, value))
            }
            pieceStart = pieceEnd + 1
        }
    }

    /// Convenience for tests and callers holding a String.
    public static func decode(_ raw: String, warnings: inout DecodingWarnings) -> QueryString {
        var raw = raw
        var scratch: [UInt8] = []
        return raw.withUTF8 { decode($0, scratch: &scratch, warnings: &warnings) }
    }

    /// The parameters with duplicates collapsed: each name at its first position with its last value.
    /// Every repeated occurrence is counted in `warnings.duplicateKeys`.
    public func parameters(warnings: inout DecodingWarnings) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var slots: [Int32] = []
        QueryString.collapse(pairs, into: &result, slots: &slots, warnings: &warnings)
        return result
    }

    /// ``parameters(warnings:)`` into reused arrays.
    static func collapse(
        _ pairs: [(name: String, value: String)], into result: inout [(name: String, value: String)],
        slots: inout [Int32], warnings: inout DecodingWarnings
    ) {
        result.removeAll(keepingCapacity: true)
        // A small open-addressing table from name to position in `result`; names are short, so a
        // cheap hash of length, end and middle bytes spreads them well enough.
        let slotCount = 128
        if slots.count != slotCount {
            slots = [Int32](repeating: -1, count: slotCount)
        } else {
            for index in 0..<slotCount { slots[index] = -1 }
        }
        for pair in pairs {
            var slot = QueryString.cheapHash(pair.name) & (slotCount - 1)
            var duplicateOf: Int?
            while pairs.count < slotCount / 2 {
                let position = slots[slot]
                if position < 0 {
                    slots[slot] = Int32(result.count)
                    break
                }
                if result[Int(position)].name == pair.name {
                    duplicateOf = Int(position)
                    break
                }
                slot = (slot + 1) & (slotCount - 1)
            }
            if pairs.count >= slotCount / 2 {
                duplicateOf = result.firstIndex { $0.name == pair.name }
            }
            if let duplicateOf {
                result[duplicateOf].value = pair.value
                warnings.duplicateKeys += 1
            } else {
                result.append(pair)
            }
        }
    }

    private static func cheapHash(_ name: String) -> Int {
        let utf8 = name.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return (utf8.count &* 31 &+ Int(first) &* 7 &+ Int(last) &* 13) ^ (Int(utf8[utf8.index(utf8.startIndex, offsetBy: utf8.count / 2)]) &* 5)
    }
}
