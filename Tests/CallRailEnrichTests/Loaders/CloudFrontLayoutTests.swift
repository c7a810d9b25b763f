import Testing

@testable import CallRailEnrich

@Suite struct CloudFrontLayoutTests {
    static let querystring = "id=1&datetime=2014-10-09+16%253A23%253A45&callername=JANE+ROE"

    @Test func fieldsHeaderMapsColumnsByName() throws {
        // The same request with the columns in another order than AWS's.
        let header = "#Fields: cs-uri-query cs-method cs-uri-stem date time x-edge-location c-ip sc-status cs(Referer) cs(User-Agent) sc-bytes cs(Host)"
        let line = [
            Self.querystring, "POST", "/com.callrail/v1", "2019-12-04", "21:02:31", "LAX1", "198.51.100.7", "200", "-", "Ruby",
            "392", "d111111abcdef8.cloudfront.net",
        ].joined(separator: "\t")
        let output = process(["#Version: 1.0", header, line])
        let row = try #require(enrichedRows(output).first)
        #expect(output.counts.headers == 2)
        #expect(field(row, .collector_tstamp) == "2019-12-04 21:02:31.000")
        #expect(field(row, .user_ipaddress) == "198.51.100.7")
        #expect(field(row, .useragent) == "Ruby")
        #expect(field(row, .unstruct_event).hasSuffix(#"{"id":"1","datetime":"2014-10-09T16:23:45.000Z","callername":"JANE ROE"}}}"#))
    }

    @Test func headersMidStreamSwitchTheLayout() throws {
        let reordered = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query"
        let positional = cloudFrontLine(Self.querystring)
        let output = process([positional, "#Version: 1.0", reordered, positional])
        #expect(output.counts.enriched == 2)
        #expect(output.counts.headers == 2)
        #expect(output.counts.isBalanced)
    }

    @Test func headerWithoutAPathColumnMakesBadRows() throws {
        let output = process(["#Fields: date time c-ip cs-method", cloudFrontLine(Self.querystring)])
        #expect(output.counts.bad[.collectorPayloadFormatViolation] == 1)
        #expect(badRows(output).first?.contains("the #Fields header has no 'cs-uri-stem' column") == true)
    }

    @Test(arguments: [12, 15, 18, 19, 23, 24, 26, 33, 40])
    func everyFieldCountFromTwelveIsRead(count: Int) throws {
        var fields = cloudFrontLine(Self.querystring).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        while fields.count < count { fields.append("-") }
        let line = fields.prefix(count).joined(separator: "\t")
        let output = process([line])
        #expect(output.counts.enriched == 1, "\(count) fields")
    }

    @Test func elevenFieldsAreAFormatViolationNamingTheCount() throws {
        let fields = cloudFrontLine(Self.querystring).split(separator: "\t", omittingEmptySubsequences: false)
        let output = process([fields.prefix(11).joined(separator: "\t")])
        #expect(badRows(output).first?.contains("expected at least 12 tab-separated fields, found 11") == true)
    }

    @Test func forcedFormatOverridesDetection() throws {
        let options = testOptions { $0.format = .cloudfront }
        let output = process([workedExampleTomcatLine], options: options)
        #expect(output.counts.enriched == 1)
        #expect(enrichedRows(output).first.map { field($0, .v_collector) } == "clj-0.6.0-tom-0.0.4")
        let tomcatForced = process([workedExampleCloudFrontLine], options: testOptions { $0.format = .tomcat })
        #expect(tomcatForced.counts.bad[.collectorPayloadFormatViolation] == 1)
    }
}
