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

    /// Returns the parameters with duplicates collapsed: each name at its first position with its last
    /// value. Every repeated occurrence is counted in `warnings.duplicateKeys`.
    public func parameters(warnings: inout DecodingWarnings) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var positions: [String: Int] = [:]
        for pair in pairs {
            if let position = positions[pair.name] {
                result[position].value = pair.value
                warnings.duplicateKeys += 1
            } else {
                positions[pair.name] = result.count
                result.append(pair)
            }
        }
        return result
    }
}
