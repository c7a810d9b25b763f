/// Parsers for the timestamp forms found in collector logs and CallRail data. All read UTC or an
/// explicit offset; none consults the process time zone.
extension Timestamp {
    /// Parses a collector log's date (`yyyy-MM-dd`) and time (`HH:mm:ss`, optionally with a fraction
    /// of up to nine digits after `.`) as UTC; extra fraction digits beyond milliseconds are dropped.
    public static func parseCollector(date: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cursor = ByteCursor(date)
        guard let year = cursor.digits(4), cursor.skip(UInt8(ascii: "-")),
            let month = cursor.digits(2), cursor.skip(UInt8(ascii: "-")),
            let day = cursor.digits(2), cursor.isAtEnd
        else { return nil }
        var timeCursor = ByteCursor(time)
        guard let clock = timeCursor.clockTime(), timeCursor.isAtEnd else { return nil }
        return validated(year: year, month: month, day: day, clock: clock)
    }

    /// Parses CallRail's `yyyy-MM-dd HH:mm:ss` (UTC) or an RFC 3339 / ISO-8601 date-time with `T` and
    /// a `Z` or `±hh:mm` offset, normalised to UTC. Returns nil for anything else.
    public static func parseCallRailDateTime(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { buffer -> Timestamp? in
            var cursor = ByteCursor(buffer)
            guard let year = cursor.digits(4), cursor.skip(UInt8(ascii: "-")),
                let month = cursor.digits(2), cursor.skip(UInt8(ascii: "-")),
                let day = cursor.digits(2)
            else { return nil }
            if cursor.skip(UInt8(ascii: " ")) {
                guard let clock = cursor.clockTime(maxFractionDigits: 0), cursor.isAtEnd else { return nil }
                return validated(year: year, month: month, day: day, clock: clock)
            }
            guard cursor.skip(UInt8(ascii: "T")) || cursor.skip(UInt8(ascii: "t")),
                let clock = cursor.clockTime()
            else { return nil }
            var offsetMinutes = 0
            if cursor.skip(UInt8(ascii: "Z")) || cursor.skip(UInt8(ascii: "z")) {
                offsetMinutes = 0
            } else {
                let sign: Int
                if cursor.skip(UInt8(ascii: "+")) {
                    sign = 1
                } else if cursor.skip(UInt8(ascii: "-")) {
                    sign = -1
                } else {
                    return nil
                }
                guard let hours = cursor.digits(2), cursor.skip(UInt8(ascii: ":")), let minutes = cursor.digits(2),
                    hours <= 23, minutes <= 59
                else { return nil }
                offsetMinutes = sign * (hours * 60 + minutes)
            }
            guard cursor.isAtEnd, let local = validated(year: year, month: month, day: day, clock: clock) else {
                return nil
            }
            let utc = Timestamp(millisecondsSinceEpoch: local.millisecondsSinceEpoch - Int64(offsetMinutes) * 60_000)
            guard utc >= .minimum, utc <= .maximum else { return nil }
            return utc
        }
    }

    /// Parses milliseconds since the epoch written as decimal digits, as the `ttm` parameter carries it.
    public static func parseEpochMilliseconds(_ text: String) -> Timestamp? {
        guard !text.isEmpty, text.utf8.count <= 15, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int64(text)
        else { return nil }
        let timestamp = Timestamp(millisecondsSinceEpoch: value)
        return timestamp <= .maximum ? timestamp : nil
    }

    private static func validated(
        year: Int, month: Int, day: Int, clock: (hour: Int, minute: Int, second: Int, millisecond: Int)
    ) -> Timestamp? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            clock.hour <= 23, clock.minute <= 59, clock.second <= 59
        else { return nil }
        return Timestamp(
            year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second,
            millisecond: clock.millisecond)
    }
}

/// A forward-only reader over bytes for the fixed-layout parsers above.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    /// Consumes `byte` when it comes next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes exactly `count` ASCII digits and returns their value.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// Consumes `HH:mm:ss` and an optional `.fraction`; digits past the milliseconds are ignored.
    mutating func clockTime(maxFractionDigits: Int = 9) -> (hour: Int, minute: Int, second: Int, millisecond: Int)? {
        guard let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2), skip(UInt8(ascii: ":")),
            let second = digits(2)
        else { return nil }
        var millisecond = 0
        if maxFractionDigits > 0, skip(UInt8(ascii: ".")) {
            var count = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if count < 3 {
                    millisecond = millisecond * 10 + Int(bytes[index] - 0x30)
                }
                count += 1
                index += 1
            }
            guard count >= 1, count <= maxFractionDigits else { return nil }
            for _ in count..<max(count, 3) { millisecond *= 10 }
        }
        return (hour, minute, second, millisecond)
    }
}
