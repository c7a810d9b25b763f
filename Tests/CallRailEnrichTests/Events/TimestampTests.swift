import Testing

@testable import CallRailEnrich

@Suite struct TimestampTests {
    private func collector(_ date: String, _ time: String) -> Timestamp? {
        var date = Array(date.utf8)
        var time = Array(time.utf8)
        return date.withUnsafeMutableBufferPointer { dateBuffer in
            time.withUnsafeMutableBufferPointer { timeBuffer in
                Timestamp.parseCollector(date: UnsafeBufferPointer(dateBuffer), time: UnsafeBufferPointer(timeBuffer))
            }
        }
    }

    @Test(arguments: [
        ("2003-12-04", "00:18:48.234", "2003-12-04 00:18:48.234"),
        ("2011-08-29", "23:56:01.003", "2011-08-29 23:56:01.003"),
        ("2013-05-12", "17:34:10", "2013-05-12 17:34:10.000"),
        ("1980-04-01", "21:20:04", "1980-04-01 21:20:04.000"),
        ("2024-02-29", "12:00:00.1", "2024-02-29 12:00:00.100"),
        ("1969-12-31", "23:59:59.999", "1969-12-31 23:59:59.999"),
    ])
    func collectorDateAndTimeReadAsUTC(date: String, time: String, expected: String) {
        #expect(collector(date, time)?.enrichedFormat == expected)
    }

    @Test(arguments: [
        ("20yy-05-24", "00:08:40"), ("2013-02-29", "00:00:00"), ("2013-13-01", "00:00:00"),
        ("2013-01-01", "24:00:00"), ("2013-01-01", "12:00"), ("2013-01-01", "12:00:00."), ("2013-1-01", "12:00:00"),
    ])
    func invalidCollectorTimestampsAreRejected(date: String, time: String) {
        #expect(collector(date, time) == nil)
    }

    @Test(arguments: [
        ("2014-10-09 16:23:45", "2014-10-09T16:23:45.000Z"),
        ("2018-02-19T13:41:00.236-05:00", "2018-02-19T18:41:00.236Z"),
        ("2014-10-09T16:23:45Z", "2014-10-09T16:23:45.000Z"),
        ("2014-10-09T23:30:00+05:30", "2014-10-09T18:00:00.000Z"),
        ("2014-12-31T23:00:00-02:00", "2015-01-01T01:00:00.000Z"),
    ])
    func callRailDateTimesNormaliseToUTC(text: String, expected: String) {
        #expect(Timestamp.parseCallRailDateTime(text)?.isoFormat == expected)
    }

    @Test(arguments: ["yesterday", "2014-10-09 16:23:45.123", "2014-10-09T16:23:45", "2014-10-09", "2014-02-30 00:00:00", ""])
    func otherDateTimesAreNotConverted(text: String) {
        #expect(Timestamp.parseCallRailDateTime(text) == nil)
    }

    @Test func epochMillisecondsParse() {
        #expect(Timestamp.parseEpochMilliseconds("1412872000000")?.enrichedFormat == "2014-10-09 16:26:40.000")
        #expect(Timestamp.parseEpochMilliseconds("abc") == nil)
        #expect(Timestamp.parseEpochMilliseconds("-5") == nil)
        #expect(Timestamp.parseEpochMilliseconds("999999999999999") == nil)
    }
}
