/// A UTC instant in milliseconds since the Unix epoch, parsed and printed without Foundation so that
/// the result never depends on `TZ` or the locale.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates a timestamp from milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The earliest and latest instants Snowplow timestamps may hold: years 0000 through 9999.
    public static let minimum = Timestamp(year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0)
    public static let maximum = Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999)

    /// Creates a timestamp from UTC calendar fields; the fields must already be in range.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        millisecondsSinceEpoch = seconds * 1000 + Int64(millisecond)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The UTC calendar fields of this instant.
    public var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        var days = millisecondsSinceEpoch / 86_400_000
        var remainder = millisecondsSinceEpoch % 86_400_000
        if remainder < 0 {
            remainder += 86_400_000
            days -= 1
        }
        let civil = Timestamp.civilFromDays(Int(days))
        let millisecond = Int(remainder % 1000)
        let secondsOfDay = Int(remainder / 1000)
        return (civil.year, civil.month, civil.day, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60, millisecond)
    }

    /// Appends `yyyy-MM-dd HH:mm:ss.SSS`, the enriched-event rendering.
    public func appendEnrichedFormat(to output: inout [UInt8]) {
        appendFormatted(to: &output, separator: UInt8(ascii: " "), zoneSuffix: false)
    }

    /// Appends `yyyy-MM-ddTHH:mm:ss.SSSZ`, the ISO-8601 rendering used in JSON.
    public func appendISOFormat(to output: inout [UInt8]) {
        appendFormatted(to: &output, separator: UInt8(ascii: "T"), zoneSuffix: true)
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS`.
    public var enrichedFormat: String {
        var bytes: [UInt8] = []
        appendEnrichedFormat(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public var isoFormat: String {
        var bytes: [UInt8] = []
        appendISOFormat(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendFormatted(to output: inout [UInt8], separator: UInt8, zoneSuffix: Bool) {
        let f = fields
        appendDigits(f.year, count: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(f.month, count: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(f.day, count: 2, to: &output)
        output.append(separator)
        appendDigits(f.hour, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(f.minute, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(f.second, count: 2, to: &output)
        output.append(UInt8(ascii: "."))
        appendDigits(f.millisecond, count: 3, to: &output)
        if zoneSuffix {
            output.append(UInt8(ascii: "Z"))
        }
    }

    private func appendDigits(_ value: Int, count: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var value = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            value %= divisor
            divisor /= 10
        }
    }

    /// Returns the days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Returns the proleptic Gregorian date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Returns the number of days in a month of a proleptic Gregorian year.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
