/// The values of the `format` keyword that the validator enforces.
///
/// Other formats, such as `uuid` or `regex`, are not checked, because JSON Schema draft 4 lets
/// unknown formats pass.
enum StringFormat: String, Sendable {
    /// An RFC 3339 `date-time` such as `2014-10-09T16:23:45.000Z`. `T` and `Z` may be lower case.
    /// A space instead of `T` and a missing offset are rejected. Second 60 is accepted only at
    /// 23:59 UTC, where leap seconds fall.
    case dateTime = "date-time"
    /// A dotted-quad IPv4 address (RFC 2673): four decimal octets, no leading zeros.
    case ipv4
    /// An IPv6 address in RFC 4291 text form, optionally ending in an IPv4 address; no zone, no
    /// brackets, no prefix length.
    case ipv6
    /// An absolute URI (RFC 3986 `URI`): a scheme, then only characters the grammar allows,
    /// with well-formed percent escapes.
    case uri
    /// An RFC 1123 host name: dot-separated labels of letters, digits and hyphens, each at most
    /// 63 bytes and not starting or ending with a hyphen, 253 bytes in total.
    case hostname
    /// An email address whose local part is an RFC 5322 dot-atom and whose domain is a host name
    /// or a bracketed IP address. Quoted local parts are rejected.
    case email

    /// Describes the expected text for messages.
    var expectation: String {
        switch self {
        case .dateTime: return "an RFC 3339 date-time such as 2014-10-09T16:23:45.000Z"
        case .ipv4: return "a dotted-quad IPv4 address such as 192.0.2.1"
        case .ipv6: return "an IPv6 address such as 2001:db8::1"
        case .uri: return "an absolute URI such as https://example.com/path"
        case .hostname: return "a host name such as example.com"
        case .email: return "an email address such as user@example.com"
        }
    }

    /// Returns whether a string has this format.
    func accepts(_ string: String) -> Bool {
        let result = string.utf8.withContiguousStorageIfAvailable { accepts(bytes: $0) }
        return result ?? Array(string.utf8).withUnsafeBufferPointer { accepts(bytes: $0) }
    }

    func accepts(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = FormatBytes(bytes: bytes, start: 0, end: bytes.count)
        switch self {
        case .dateTime: return text.isDateTime
        case .ipv4: return text.isIPv4
        case .ipv6: return text.isIPv6
        case .uri: return text.isURI
        case .hostname: return text.isHostname
        case .email: return text.isEmail
        }
    }
}

/// A range of UTF-8 bytes that the format checks read.
///
/// Any byte outside ASCII makes every format fail, because none of them allows raw non-ASCII text.
private struct FormatBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let end: Int

    var count: Int { end - start }

    subscript(offset: Int) -> UInt8 { bytes[start + offset] }

    func slice(_ from: Int, _ to: Int) -> FormatBytes {
        FormatBytes(bytes: bytes, start: start + from, end: start + to)
    }

    func firstOffset(of byte: UInt8, from: Int = 0) -> Int? {
        var offset = from
        while offset < count {
            if self[offset] == byte { return offset }
            offset += 1
        }
        return nil
    }

    func lastOffset(of byte: UInt8) -> Int? {
        var offset = count - 1
        while offset >= 0 {
            if self[offset] == byte { return offset }
            offset -= 1
        }
        return nil
    }

    func split(_ separator: UInt8) -> [FormatBytes] {
        var parts: [FormatBytes] = []
        var partStart = 0
        for offset in 0..<count where self[offset] == separator {
            parts.append(slice(partStart, offset))
            partStart = offset + 1
        }
        parts.append(slice(partStart, count))
        return parts
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Reads `length` decimal digits at an offset, or returns nil when any of them is not a digit.
    func number(at offset: Int, length: Int) -> Int? {
        guard offset + length <= count else { return nil }
        var value = 0
        for index in offset..<(offset + length) {
            guard FormatBytes.isDigit(self[index]) else { return nil }
            value = value * 10 + Int(self[index] - UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: date-time

    /// `YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)`, RFC 3339 section 5.6.
    var isDateTime: Bool {
        guard count >= 20,
            let year = number(at: 0, length: 4), self[4] == UInt8(ascii: "-"),
            let month = number(at: 5, length: 2), self[7] == UInt8(ascii: "-"),
            let day = number(at: 8, length: 2), self[10] | 0x20 == UInt8(ascii: "t"),
            let hour = number(at: 11, length: 2), self[13] == UInt8(ascii: ":"),
            let minute = number(at: 14, length: 2), self[16] == UInt8(ascii: ":"),
            let second = number(at: 17, length: 2)
        else {
            return false
        }
        guard (1...12).contains(month), day >= 1, day <= FormatBytes.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else {
            return false
        }

        var offset = 19
        if self[offset] == UInt8(ascii: ".") {
            offset += 1
            let fractionStart = offset
            while offset < count, FormatBytes.isDigit(self[offset]) {
                offset += 1
            }
            guard offset > fractionStart else { return false }
        }
        guard offset < count else { return false }

        var offsetMinutes = 0
        if self[offset] | 0x20 == UInt8(ascii: "z") {
            guard offset + 1 == count else { return false }
        } else {
            let sign = self[offset]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), offset + 6 == count,
                let offsetHour = number(at: offset + 1, length: 2), self[offset + 3] == UInt8(ascii: ":"),
                let offsetMinute = number(at: offset + 4, length: 2),
                offsetHour <= 23, offsetMinute <= 59
            else {
                return false
            }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (sign == UInt8(ascii: "+") ? 1 : -1)
        }

        // A leap second can only be the last second of a UTC day, 23:59:60Z.
        if second == 60 {
            let minuteOfDayUTC = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return minuteOfDayUTC == 23 * 60 + 59
        }
        return true
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeapYear = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeapYear ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    // MARK: IP addresses

    var isIPv4: Bool {
        let parts = split(UInt8(ascii: "."))
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), let value = part.number(at: 0, length: part.count), value <= 255 else {
                return false
            }
            if part.count > 1 && part[0] == UInt8(ascii: "0") {
                return false
            }
        }
        return true
    }

    var isIPv6: Bool {
        guard count >= 2 else { return false }

        // "::" may appear once and stands for one or more zero groups.
        var doubleColon: Int?
        var offset = 0
        while offset + 1 < count {
            if self[offset] == UInt8(ascii: ":") && self[offset + 1] == UInt8(ascii: ":") {
                guard doubleColon == nil else { return false }
                doubleColon = offset
                offset += 2
                if offset < count && self[offset] == UInt8(ascii: ":") {
                    return false
                }
            } else {
                offset += 1
            }
        }

        if let doubleColon {
            let head = slice(0, doubleColon)
            let tail = slice(doubleColon + 2, count)
            guard let headGroups = head.count == 0 ? 0 : head.ipv6GroupCount(allowsIPv4Suffix: false),
                let tailGroups = tail.count == 0 ? 0 : tail.ipv6GroupCount(allowsIPv4Suffix: true)
            else {
                return false
            }
            return headGroups + tailGroups <= 7
        }
        return ipv6GroupCount(allowsIPv4Suffix: true) == 8
    }

    /// Counts the 16-bit groups in colon-separated hex groups, or returns nil for a malformed group.
    ///
    /// A trailing IPv4 address counts as two groups.
    private func ipv6GroupCount(allowsIPv4Suffix: Bool) -> Int? {
        let groups = split(UInt8(ascii: ":"))
        var total = 0
        for (index, group) in groups.enumerated() {
            if allowsIPv4Suffix && index == groups.count - 1 && group.firstOffset(of: UInt8(ascii: ".")) != nil {
                guard group.isIPv4 else { return nil }
                total += 2
                continue
            }
            guard (1...4).contains(group.count) else { return nil }
            for offset in 0..<group.count where !FormatBytes.isHexDigit(group[offset]) {
                return nil
            }
            total += 1
        }
        return total
    }

    // MARK: uri

    /// `scheme ":" hier-part ["?" query] ["#" fragment]`, RFC 3986 section 3.
    var isURI: Bool {
        guard let colon = firstOffset(of: UInt8(ascii: ":")), colon > 0, FormatBytes.isLetter(self[0]) else {
            return false
        }
        for offset in 1..<colon {
            let byte = self[offset]
            guard
                FormatBytes.isLetter(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else {
                return false
            }
        }

        var rest = slice(colon + 1, count)
        if let hash = rest.firstOffset(of: UInt8(ascii: "#")) {
            guard rest.slice(hash + 1, rest.count).isURIText(extra: "/?") else { return false }
            rest = rest.slice(0, hash)
        }
        if let question = rest.firstOffset(of: UInt8(ascii: "?")) {
            guard rest.slice(question + 1, rest.count).isURIText(extra: "/?") else { return false }
            rest = rest.slice(0, question)
        }

        if rest.count >= 2 && rest[0] == UInt8(ascii: "/") && rest[1] == UInt8(ascii: "/") {
            let afterSlashes = rest.slice(2, rest.count)
            let authorityEnd = afterSlashes.firstOffset(of: UInt8(ascii: "/")) ?? afterSlashes.count
            guard afterSlashes.slice(0, authorityEnd).isAuthority else { return false }
            return afterSlashes.slice(authorityEnd, afterSlashes.count).isURIText(extra: "/")
        }
        return rest.isURIText(extra: "/")
    }

    /// `[userinfo "@"] host [":" port]`.
    private var isAuthority: Bool {
        var hostAndPort = self
        if let at = firstOffset(of: UInt8(ascii: "@")) {
            guard slice(0, at).isURIText(extra: ":", allowsPathCharacters: false) else { return false }
            hostAndPort = slice(at + 1, count)
        }

        var portStart: Int?
        if hostAndPort.count > 0 && hostAndPort[0] == UInt8(ascii: "[") {
            guard let close = hostAndPort.firstOffset(of: UInt8(ascii: "]")) else { return false }
            let literal = hostAndPort.slice(1, close)
            guard literal.isIPv6 || literal.isIPvFuture else { return false }
            if close + 1 < hostAndPort.count {
                guard hostAndPort[close + 1] == UInt8(ascii: ":") else { return false }
                portStart = close + 2
            }
        } else {
            let colon = hostAndPort.firstOffset(of: UInt8(ascii: ":"))
            guard hostAndPort.slice(0, colon ?? hostAndPort.count).isURIText(extra: "", allowsPathCharacters: false)
            else {
                return false
            }
            portStart = colon.map { $0 + 1 }
        }

        if let portStart {
            for offset in portStart..<hostAndPort.count where !FormatBytes.isDigit(hostAndPort[offset]) {
                return false
            }
        }
        return true
    }

    /// `"v" 1*HEXDIG "." 1*(unreserved / sub-delims / ":")`.
    private var isIPvFuture: Bool {
        guard count >= 4, self[0] | 0x20 == UInt8(ascii: "v"), let dot = firstOffset(of: UInt8(ascii: ".")), dot > 1,
            dot + 1 < count
        else {
            return false
        }
        for offset in 1..<dot where !FormatBytes.isHexDigit(self[offset]) {
            return false
        }
        return slice(dot + 1, count).isURIText(extra: ":", allowsPathCharacters: false, allowsPercent: false)
    }

    /// Returns whether every byte is unreserved, a sub-delimiter, a percent escape, one of `extra`, or,
    /// with `allowsPathCharacters`, one of `:` and `@`, which path segments, queries and
    /// fragments allow.
    private func isURIText(extra: StaticString, allowsPathCharacters: Bool = true, allowsPercent: Bool = true) -> Bool {
        var offset = 0
        while offset < count {
            let byte = self[offset]
            if byte == UInt8(ascii: "%") {
                guard allowsPercent, offset + 2 < count, FormatBytes.isHexDigit(self[offset + 1]),
                    FormatBytes.isHexDigit(self[offset + 2])
                else {
                    return false
                }
                offset += 3
                continue
            }
            let isAllowed =
                FormatBytes.isUnreserved(byte) || FormatBytes.isSubDelimiter(byte)
                || (allowsPathCharacters && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")))
                || FormatBytes.contains(extra, byte)
            guard isAllowed else { return false }
            offset += 1
        }
        return true
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    static func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
        set.withUTF8Buffer { $0.contains(byte) }
    }

    // MARK: hostname and email

    var isHostname: Bool {
        guard count >= 1, count <= 253 else { return false }
        for label in split(UInt8(ascii: ".")) {
            guard (1...63).contains(label.count), label[0] != UInt8(ascii: "-"),
                label[label.count - 1] != UInt8(ascii: "-")
            else {
                return false
            }
            for offset in 0..<label.count {
                let byte = label[offset]
                guard FormatBytes.isLetter(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "-") else {
                    return false
                }
            }
        }
        return true
    }

    var isEmail: Bool {
        guard let at = lastOffset(of: UInt8(ascii: "@")), at > 0, at + 1 < count else { return false }

        for atom in slice(0, at).split(UInt8(ascii: ".")) {
            guard atom.count > 0 else { return false }
            for offset in 0..<atom.count {
                let byte = atom[offset]
                let isAtomText =
                    FormatBytes.isLetter(byte) || FormatBytes.isDigit(byte)
                    || FormatBytes.contains("!#$%&'*+-/=?^_`{|}~", byte)
                guard isAtomText else { return false }
            }
        }

        let domain = slice(at + 1, count)
        if domain[0] == UInt8(ascii: "[") {
            guard domain[domain.count - 1] == UInt8(ascii: "]") else { return false }
            let literal = domain.slice(1, domain.count - 1)
            if literal.count > 5, literal.slice(0, 5).isCaseInsensitively("ipv6:") {
                return literal.slice(5, literal.count).isIPv6
            }
            return literal.isIPv4
        }
        return domain.isHostname
    }

    private func isCaseInsensitively(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            guard expected.count == count else { return false }
            for offset in 0..<count where self[offset] | 0x20 != expected[offset] | 0x20 {
                return false
            }
            return true
        }
    }
}
