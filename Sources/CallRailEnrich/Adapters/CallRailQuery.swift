#if canImport(Glibc)
import Glibc
#endif

/// A CallRail querystring decoded into one reused byte arena: the hot path of the tool.
///
/// Decoding follows ``QueryString`` exactly (split on `&`, empty pieces dropped, first `=` splits,
/// `+` is a space, percent-decoded once, invalid escapes kept, U+FFFD for non-UTF-8) but keeps names
/// and values as byte ranges instead of Strings. A repeated key keeps its first position and its
/// last value. Snowplow's parameters are taken off into ``snowplow``. Every other key is a member of
/// the call data, with its value converted by ``CallRailConversion``.
struct CallRailQuery {
    /// A member of the call data.
    struct Member {
        /// The key's index in the key table, or -1 for a key the table does not know.
        var key: Int
        var nameStart: Int
        var nameEnd: Int
        var value: Value
    }

    /// A converted value; ranges index the arena.
    enum Value {
        case null
        case boolean(Bool)
        case number(start: Int, end: Int)
        case string(start: Int, end: Int, isASCII: Bool)
    }

    /// The decoded bytes; only the first `arenaLength` are in use, so appends are plain copies into
    /// space reserved ahead.
    private var arena: [UInt8] = []
    private var arenaLength = 0
    private(set) var members: [Member] = []
    private(set) var snowplow = SnowplowParameters()
    /// Whether the querystring had any parameter at all.
    private(set) var isEmpty = true
    /// The names of every parameter, in order, for the failure message of a request without call data.
    private(set) var parameterNames: [String] = []
    private var positions: [Int32] = []
    private var touched: [Int] = []
    private var snowplowRanges: [(start: Int, end: Int, isASCII: Bool)?] = Array(
        repeating: nil, count: QueryKeyTable.SnowplowParameter.allCases.count)

    /// Decodes `raw` with the keys of `table`.
    mutating func decode(_ raw: UnsafeBufferPointer<UInt8>, table: QueryKeyTable, warnings: inout DecodingWarnings) {
        arenaLength = 0
        members.removeAll(keepingCapacity: true)
        parameterNames.removeAll(keepingCapacity: true)
        snowplow = SnowplowParameters()
        isEmpty = true
        if positions.count != table.keys.count {
            positions = [Int32](repeating: -1, count: table.keys.count)
        }
        for key in touched {
            positions[key] = -1
        }
        touched.removeAll(keepingCapacity: true)
        for index in snowplowRanges.indices {
            snowplowRanges[index] = nil
        }
        // Decoding never makes a name or value longer, so this covers everything but U+FFFD repairs
        // and converted values, which reserve their own space.
        reserveArena(raw.count + 64)

        let count = raw.count
        var pieceStart = 0
        while pieceStart < count, let base = raw.baseAddress {
            var pieceEnd = count
            if let found = memchr(base + pieceStart, Int32(UInt8(ascii: "&")), count - pieceStart) {
                pieceEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if pieceEnd > pieceStart {
                var equals = pieceStart
                while equals < pieceEnd, raw[equals] != UInt8(ascii: "=") {
                    equals += 1
                }
                let name = appendDecoded(UnsafeBufferPointer(rebasing: raw[pieceStart..<equals]), warnings: &warnings)
                let valueStart = min(equals + 1, pieceEnd)
                let value = appendDecoded(UnsafeBufferPointer(rebasing: raw[valueStart..<pieceEnd]), warnings: &warnings)
                add(name: name, value: value, table: table, warnings: &warnings)
            }
            pieceStart = pieceEnd + 1
        }

        for parameter in QueryKeyTable.SnowplowParameter.allCases {
            guard let range = snowplowRanges[parameter.rawValue] else { continue }
            let text = string(range.start, range.end)
            switch parameter {
            case .aid: snowplow.aid = text
            case .p: snowplow.p = text
            case .cv: snowplow.cv = text
            case .nuid: snowplow.nuid = text
            case .tnuid: snowplow.tnuid = text
            case .eid: snowplow.eid = text
            case .ttm: snowplow.ttm = text
            case .url: snowplow.url = text
            }
        }
        convertValues(table: table)
    }

    /// Returns the text of an arena range.
    func string(_ start: Int, _ end: Int) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of an arena range.
    func withBytes<Result>(_ start: Int, _ end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Returns the member's name as text.
    func name(of member: Member, table: QueryKeyTable) -> String {
        member.key >= 0 ? table.keys[member.key].name : string(member.nameStart, member.nameEnd)
    }

    /// Returns the member's value as a JSON value, for the slow validation path and for tests.
    func jsonValue(of member: Member) -> JSONValue {
        switch member.value {
        case .null: return .null
        case .boolean(let flag): return .bool(flag)
        case .number(let start, let end): return .number(JSONNumber(literal: string(start, end)))
        case .string(let start, let end, _): return .string(string(start, end))
        }
    }

    /// Returns the call data as a JSON object.
    func callData(table: QueryKeyTable) -> JSONObject {
        JSONObject(uniqueMembers: members.map { (name(of: $0, table: table), jsonValue(of: $0)) })
    }

    /// Writes the call data as a compact JSON object.
    func writeCallData(into json: inout JSONWriter, table: QueryKeyTable) {
        json.appendRaw("{")
        arena.withUnsafeBufferPointer { arena in
            for (index, member) in members.enumerated() {
                if index > 0 {
                    json.appendRaw(",")
                }
                if member.key >= 0 {
                    json.appendRaw(table.keys[member.key].jsonMemberPrefix)
                } else {
                    json.appendString(utf8: UnsafeBufferPointer(rebasing: arena[member.nameStart..<member.nameEnd]))
                    json.appendRaw(":")
                }
                switch member.value {
                case .null:
                    json.appendRaw("null")
                case .boolean(let flag):
                    flag ? json.appendRaw("true") : json.appendRaw("false")
                case .number(let start, let end):
                    json.appendRaw(UnsafeBufferPointer(rebasing: arena[start..<end]))
                case .string(let start, let end, _):
                    json.appendString(utf8: UnsafeBufferPointer(rebasing: arena[start..<end]))
                }
            }
        }
        json.appendRaw("}")
    }

    // MARK: - Decoding steps

    /// Makes room for `extra` more bytes after `arenaLength`.
    private mutating func reserveArena(_ extra: Int) {
        let needed = arenaLength + extra
        if arena.count < needed {
            arena.append(contentsOf: repeatElement(0, count: max(needed - arena.count, arena.count)))
        }
    }

    /// Copies bytes to the end of the arena.
    private mutating func appendToArena(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserveArena(bytes.count)
        let start = arenaLength
        arena.withUnsafeMutableBufferPointer { arena in
            // reserveArena made room for bytes.count bytes from `start`.
            (arena.baseAddress! + start).update(from: source, count: bytes.count)
        }
        arenaLength += bytes.count
    }

    /// Appends the decoded bytes of a name or value to the arena and returns their range.
    private mutating func appendDecoded(_ input: UnsafeBufferPointer<UInt8>, warnings: inout DecodingWarnings)
        -> (start: Int, end: Int, isASCII: Bool)
    {
        // Decoding never makes the bytes longer than the input.
        reserveArena(input.count)
        let start = arenaLength
        var isASCII = true
        var invalidEscapes = 0
        let written = arena.withUnsafeMutableBufferPointer { arena -> Int in
            // reserveArena made room for the whole input from `start`.
            let out = arena.baseAddress! + start
            var length = 0
            var index = 0
            let count = input.count
            while index < count {
                let byte = input[index]
                if byte == UInt8(ascii: "%") {
                    if index + 2 < count, let high = PercentDecoding.hexValue(input[index + 1]),
                        let low = PercentDecoding.hexValue(input[index + 2])
                    {
                        let decoded = high << 4 | low
                        if decoded >= 0x80 { isASCII = false }
                        out[length] = decoded
                        length += 1
                        index += 3
                        continue
                    }
                    invalidEscapes += 1
                    out[length] = byte
                } else if byte == UInt8(ascii: "+") {
                    out[length] = UInt8(ascii: " ")
                } else {
                    if byte >= 0x80 { isASCII = false }
                    out[length] = byte
                }
                length += 1
                index += 1
            }
            return length
        }
        arenaLength += written
        warnings.invalidPercentEscapes += invalidEscapes
        if !isASCII {
            repairUTF8(from: start, warnings: &warnings)
        }
        return (start, arenaLength, isASCII)
    }

    /// Replaces bytes that are not UTF-8 from `start` to the end with U+FFFD, counting a warning.
    private mutating func repairUTF8(from start: Int, warnings: inout DecodingWarnings) {
        let end = arenaLength
        let valid = arena.withUnsafeBufferPointer {
            String(validating: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) != nil
        }
        guard !valid else { return }
        warnings.invalidUTF8 += 1
        let repaired = arena.withUnsafeBufferPointer {
            Array(String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self).utf8)
        }
        arenaLength = start
        repaired.withUnsafeBufferPointer { appendToArena($0) }
    }

    private mutating func add(
        name: (start: Int, end: Int, isASCII: Bool), value: (start: Int, end: Int, isASCII: Bool),
        table: QueryKeyTable, warnings: inout DecodingWarnings
    ) {
        isEmpty = false
        let key = arena.withUnsafeBufferPointer { table.lookup(UnsafeBufferPointer(rebasing: $0[name.start..<name.end])) }
        parameterNames.append(key >= 0 ? table.keys[key].name : string(name.start, name.end))
        if key >= 0, let parameter = table.keys[key].snowplowParameter {
            if snowplowRanges[parameter.rawValue] != nil {
                warnings.duplicateKeys += 1
            }
            snowplowRanges[parameter.rawValue] = value
            return
        }
        let stringValue = Value.string(start: value.start, end: value.end, isASCII: value.isASCII)
        if key >= 0 {
            let position = Int(positions[key])
            if position >= 0 {
                members[position].value = stringValue
                warnings.duplicateKeys += 1
                return
            }
            positions[key] = Int32(members.count)
            touched.append(key)
        } else if let position = unknownMemberPosition(name.start, name.end) {
            members[position].value = stringValue
            warnings.duplicateKeys += 1
            return
        }
        members.append(Member(key: key, nameStart: name.start, nameEnd: name.end, value: stringValue))
    }

    private func unknownMemberPosition(_ start: Int, _ end: Int) -> Int? {
        arena.withUnsafeBufferPointer { arena in
            let name = UnsafeBufferPointer(rebasing: arena[start..<end])
            return members.firstIndex { member in
                member.key < 0
                    && QueryKeyTable.equal(UnsafeBufferPointer(rebasing: arena[member.nameStart..<member.nameEnd]), name)
            }
        }
    }

    /// Applies the per-key conversions to the (last) value of every member.
    private mutating func convertValues(table: QueryKeyTable) {
        for index in members.indices {
            guard case .string(let start, let end, let isASCII) = members[index].value else { continue }
            if start == end {
                members[index].value = .null
                continue
            }
            let key = members[index].key
            guard key >= 0 else { continue }
            switch table.keys[key].conversion {
            case .string:
                break
            case .boolean:
                let text = string(start, end)
                if text == "true" {
                    members[index].value = .boolean(true)
                } else if text == "false" {
                    members[index].value = .boolean(false)
                }
            case .integer:
                if let literal = CallRailConversion.integerLiteral(string(start, end)) {
                    let literalStart = arenaLength
                    var literal = literal
                    literal.withUTF8 { appendToArena($0) }
                    members[index].value = .number(start: literalStart, end: arenaLength)
                }
            case .dateTime:
                if isASCII, let timestamp = Timestamp.parseCallRailDateTime(string(start, end)) {
                    let isoStart = arenaLength
                    var iso: [UInt8] = []
                    timestamp.appendISOFormat(to: &iso)
                    iso.withUnsafeBufferPointer { appendToArena($0) }
                    members[index].value = .string(start: isoStart, end: arenaLength, isASCII: true)
                }
            }
        }
    }
}
