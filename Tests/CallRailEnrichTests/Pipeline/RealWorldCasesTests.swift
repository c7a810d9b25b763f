import Testing

@testable import CallRailEnrich

/// Builds a Tomcat CallRail line (15 fields) around a querystring.
func tomcatLine(_ querystring: String, ip: String = "203.0.113.10", referer: String = "-", userAgent: String = "-") -> String {
    "2014-10-09\t16:28:31\t-\t13\t\(ip)\tPOST\t\(ip)\t/com.callrail/v1\t404\t\(referer)\t\(userAgent)\t\(querystring)\t-\t-\t-"
}

/// Builds a 33-field CloudFront CallRail line around a querystring as CloudFront logs it.
func cloudFrontLine(
    _ querystring: String, method: String = "GET", clientIP: String = "198.51.100.7", forwardedFor: String = "-",
    path: String = "/com.callrail/v1"
) -> String {
    "2019-12-04\t21:02:31\tLAX1\t392\t\(clientIP)\t\(method)\td111111abcdef8.cloudfront.net\t\(path)\t200\t-\tMozilla/5.0%20(X11;%20Linux%20x86_64)\t\(querystring)\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\tcollector.example.com\thttps\t23\t0.001\t\(forwardedFor)\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/1.1\t-\t-\t11040\t0.001\tHit\timage/gif\t43\t-\t-"
}

/// Returns whether an enriched row's unstruct_event text contains a fragment such as one member.
func callDataContains(_ row: [String], _ fragment: String) -> Bool {
    field(row, .unstruct_event).contains(fragment)
}

@Suite struct RealWorldCasesTests {
    // `+` is a space and `%2B` a plus; HTTP status 404 does not matter.
    @Test func plusDecodesToSpaceAndEscapedPlusToPlus() throws {
        let querystring =
            "aid=acme&answered=true&callercity=BAKERSFIELD&callercountry=US&callername=JANE+ROE&callernum=%2B15555550123&callerstate=CA&callerzip=93307&callsource=keyword&datetime=2014-10-09+16%3A23%3A45&destinationnum=5555550100&duration=247&first_call=true&ga=&gclid=&id=111111111&ip=198.51.100.7&keywords=&kissmetrics_id=&landingpage=http%3A%2F%2Fexample.com%2F&recording=http%3A%2F%2Fapp.callrail.com%2Fcalls%2F111111111%2Frecording%2F0000aaaa&referrer=direct&referrermedium=Direct&trackingnum=%2B15555550199&transcription=&utm_campaign=&utm_content=&utm_medium=&utm_source=&utm_term=&utma=&utmb=&utmc=&utmv=&utmx=&utmz=&cv=clj-0.6.0-tom-0.0.4&nuid=-"
        let row = try #require(enrichedRows(process([tomcatLine(querystring)])).first)
        #expect(field(row, .app_id) == "acme")
        #expect(field(row, .platform) == "srv")
        #expect(field(row, .user_ipaddress) == "203.0.113.10")
        #expect(field(row, .network_userid) == "")
        #expect(callDataContains(row, #""callername":"JANE ROE""#))
        #expect(callDataContains(row, #""callernum":"+15555550123""#))
        #expect(callDataContains(row, #""trackingnum":"+15555550199""#))
        #expect(callDataContains(row, #""datetime":"2014-10-09T16:23:45.000Z""#))
        #expect(callDataContains(row, #""duration":247,"#))
        #expect(callDataContains(row, #""id":"111111111""#))
        #expect(callDataContains(row, #""ip":"198.51.100.7""#))
        #expect(callDataContains(row, #""utmz":null"#))
        for key in ["aid", "cv", "nuid", "p"] {
            #expect(!callDataContains(row, "\"\(key)\":"), "\(key) must not reach the call data")
        }
    }

    // Collector parameters become atomic fields, not call data.
    @Test func collectorParametersBecomeAtomicFields() throws {
        let querystring =
            "id=111111111&datetime=2015-03-02+10%3A00%3A00&p=mob&cv=clj-1.1.0-tom-0.2.0&nuid=6f0c5a42-1111-4222-8333-944455556666"
        let row = try #require(enrichedRows(process([tomcatLine(querystring)])).first)
        #expect(field(row, .platform) == "mob")
        #expect(field(row, .v_collector) == "clj-1.1.0-tom-0.2.0")
        #expect(field(row, .network_userid) == "6f0c5a42-1111-4222-8333-944455556666")
        #expect(field(row, .unstruct_event).hasSuffix(#""data":{"id":"111111111","datetime":"2015-03-02T10:00:00.000Z"}}}"#))
    }

    // The eid, ttm and url parameters fill atomic fields and stay out of the call data.
    @Test func eventIDTrueTimestampAndURLAreTakenOff() throws {
        let querystring =
            "id=1&datetime=2015-03-02+10%3A00%3A00&eid=E3793BD1-FCF5-4FBB-BF4C-F0315A5821C3&ttm=1412872000000&url=https%3A%2F%2Fexample.com%3A8443%2Fcall%3Fa%3D1%23top&tnuid=abc&nuid=def"
        let row = try #require(enrichedRows(process([tomcatLine(querystring)])).first)
        #expect(field(row, .event_id) == "e3793bd1-fcf5-4fbb-bf4c-f0315a5821c3")
        #expect(field(row, .true_tstamp) == "2014-10-09 16:26:40.000")
        #expect(field(row, .derived_tstamp) == "2014-10-09 16:26:40.000")
        #expect(field(row, .page_url) == "https://example.com:8443/call?a=1#top")
        #expect(field(row, .page_urlscheme) == "https")
        #expect(field(row, .page_urlhost) == "example.com")
        #expect(field(row, .page_urlport) == "8443")
        #expect(field(row, .page_urlpath) == "/call")
        #expect(field(row, .page_urlquery) == "a=1")
        #expect(field(row, .page_urlfragment) == "top")
        #expect(field(row, .network_userid) == "abc")
        #expect(field(row, .unstruct_event).hasSuffix(#""data":{"id":"1","datetime":"2015-03-02T10:00:00.000Z"}}}"#))
    }

    // Only collector-added parameters, the data in the body.
    @Test func requestWithOnlyCollectorParametersIsAnAdapterFailure() throws {
        let line =
            "2019-02-01\t12:00:00\t-\t-\t203.0.113.10\tPOST\t-\t/com.callrail/v1\t200\t-\tRuby\t&cv=clj-2.1.3-tom-0.2.0&nuid=-\t-\t-\t-\tapplication%2Fjson\teyJpZCI6MX0"
        let output = process([line])
        #expect(output.counts.enriched == 0)
        #expect(output.counts.bad[.adapterFailures] == 1)
        let bad = try #require(badRows(output).first)
        #expect(bad.contains("at least one CallRail parameter on the querystring, found only cv, nuid"))
        #expect(bad.contains(#""body":"{\"id\":1}""#))
        #expect(bad.contains(#""contentType":"application/json""#))
    }

    // The querystring field is `-`.
    @Test func missingQuerystringIsAnEmptyQuerystringFailure() throws {
        let line =
            "2014-10-09\t16:28:31\t-\t13\t255.255.255.255\tPOST\t255.255.255.255\t/com.callrail/v1\t404\t-\t-\t-\t-\t-\t-"
        let output = process([line])
        let bad = try #require(badRows(output).first)
        #expect(output.counts.bad[.adapterFailures] == 1)
        #expect(
            bad.contains(
                #""failure":{"timestamp":"2024-01-01T00:00:00.000Z","vendor":"com.callrail","version":"v1","messages":[{"field":"querystring","value":null,"expectation":"empty querystring"}]}"#
            ))
        #expect(
            bad.contains(
                #""payload":{"vendor":"com.callrail","version":"v1","querystring":[],"contentType":null,"body":null,"collector":"clj-tomcat","encoding":"UTF-8","hostname":null,"timestamp":"2014-10-09T16:28:31.000Z","ipAddress":"255.255.255.255","useragent":null,"refererUri":null,"headers":[],"networkUserId":null}"#
            ))
    }

    // A numeric-looking id stays a string.
    @Test func numericIDStaysAString() throws {
        let row = try #require(enrichedRows(process([tomcatLine("id=766970532&datetime=2021-10-01+12%3A00%3A00")])).first)
        #expect(callDataContains(row, #""id":"766970532""#))
    }

    // The answered, first_call and duration values convert to booleans and numbers.
    @Test(arguments: [
        ("answered=true", #""answered":true"#), ("answered=", #""answered":null"#), ("answered", #""answered":null"#),
        ("answered=TRUE", #""answered":"TRUE""#), ("answered=1", #""answered":"1""#),
        ("first_call=false", #""first_call":false"#), ("duration=247", #""duration":247"#),
        ("duration=0", #""duration":0"#), ("duration=13s", #""duration":"13s""#),
        ("duration=12.5", #""duration":"12.5""#), ("duration=007", #""duration":7"#),
    ])
    func callRailValuesConvert(parameter: String, expected: String) {
        let output = process([tomcatLine("id=1&datetime=2014-10-09+16%3A23%3A45&" + parameter)])
        let text = String(decoding: output.enriched + output.bad, as: UTF8.self)
        #expect(text.contains(expected), "\(parameter)")
    }

    // Datetime is UTC whatever TZ is set to, and ISO values with an offset are normalised.
    @Test(arguments: [
        ("datetime=2014-10-09+16%3A23%3A45", "2014-10-09T16:23:45.000Z"),
        ("datetime=2014-10-09%2016:23:45", "2014-10-09T16:23:45.000Z"),
        ("datetime=2018-02-19T13%3A41%3A00.236-05%3A00", "2018-02-19T18:41:00.236Z"),
        ("datetime=2014-10-09T16%3A23%3A45Z", "2014-10-09T16:23:45.000Z"),
        ("datetime=yesterday", "yesterday"),
    ])
    func datetimeIsReadAsUTC(parameter: String, expected: String) {
        let output = process([tomcatLine("id=1&" + parameter)])
        let text = String(decoding: output.enriched + output.bad, as: UTF8.self)
        #expect(text.contains("\\\"datetime\\\":\\\"\(expected)\\\"") || text.contains("\"datetime\":\"\(expected)\""))
    }

    // The last duplicate wins, keeps its first position and is counted.
    @Test func duplicateParametersKeepTheLastValue() throws {
        let querystring =
            "id=111111111&datetime=2015-01-01+00%3A00%3A00&duration=10&duration=20&nuid=11111111-2222-4333-8444-555555555555&cv=clj-1.1.0-tom-0.2.0&nuid=-"
        let output = process([tomcatLine(querystring)])
        let row = try #require(enrichedRows(output).first)
        #expect(field(row, .unstruct_event).hasSuffix(#"{"id":"111111111","datetime":"2015-01-01T00:00:00.000Z","duration":20}}}"#))
        #expect(field(row, .network_userid) == "")
        #expect(output.counts.warnings["duplicate_key"] == 2)
    }

    // Invalid escapes stay literal, non-UTF-8 bytes become U+FFFD; both are warnings.
    @Test func malformedEscapesAreKeptAndCounted() throws {
        let querystring =
            "id=1&datetime=2014-10-09+16%3A23%3A45&callername=100%zz&callercity=Montr%E9al&landingpage=http%3A%2F%2Fexample.com%2"
        let output = process([tomcatLine(querystring)])
        let row = try #require(enrichedRows(output).first)
        #expect(callDataContains(row, #""callername":"100%zz""#))
        #expect(callDataContains(row, "\"callercity\":\"Montr\u{FFFD}al\""))
        #expect(callDataContains(row, #""landingpage":"http://example.com%2""#))
        #expect(output.counts.warnings["invalid_percent_escape"] == 2)
        #expect(output.counts.warnings["invalid_utf8"] == 1)
    }

    // A referer with spaces; fields split on TAB only.
    @Test func refererWithSpacesBecomesThePageURL() throws {
        let line =
            "2016-01-06\t19:11:32\t-\t43\t203.0.113.10\tPOST\t203.0.113.10\t/com.callrail/v1\t200\thttp://www.example.com/finder?engine=SE, 4CYL 2.5L (2ARFE)\tRuby\tid=111111111&datetime=2016-01-06+19%3A10%3A00&cv=clj-1.1.0-tom-0.2.0&nuid=-\t-\t-\t-\t-\t-"
        let row = try #require(enrichedRows(process([line])).first)
        #expect(field(row, .page_url) == "http://www.example.com/finder?engine=SE,%204CYL%202.5L%20(2ARFE)")
        #expect(field(row, .page_urlhost) == "www.example.com")
        #expect(field(row, .page_urlpath) == "/finder")
        #expect(field(row, .page_urlport) == "80")
        #expect(field(row, .useragent) == "Ruby")
    }

    // An empty referer field keeps the field count.
    @Test func emptyRefererFieldIsNull() throws {
        let line =
            "2016-01-06\t19:11:32\t-\t43\t203.0.113.10\tPOST\t203.0.113.10\t/com.callrail/v1\t200\t\tRuby\tid=111111111&datetime=2016-01-06+19%3A10%3A00&cv=clj-1.1.0-tom-0.2.0&nuid=-\t-\t-\t-\t-\t-"
        let row = try #require(enrichedRows(process([line])).first)
        #expect(field(row, .page_url) == "")
    }

    // The early 12-field layout.
    @Test func twelveFieldTomcatLineIsRead() throws {
        let line =
            "2013-01-20\t04:28:31\t-\t13\t203.0.113.10\tGET\t203.0.113.10\t/com.callrail/v1\t200\t-\t-\tid=1&datetime=2013-01-20+16%3A28%3A00"
        let row = try #require(enrichedRows(process([line])).first)
        #expect(field(row, .collector_tstamp) == "2013-01-20 04:28:31.000")
        #expect(field(row, .v_collector) == "clj-tomcat")
    }

    // Any other field count is a format violation naming the count.
    @Test func tomcatLineWithWrongFieldCountIsABadRow() throws {
        let line = "2013-01-20\t04:28:31\t-\t13\t203.0.113.10\tGET\t203.0.113.10\t/com.callrail/v1\t200\t-\t-\tid=1\t-"
        let output = process([line])
        #expect(output.counts.bad[.collectorPayloadFormatViolation] == 1)
        #expect(badRows(output).first?.contains("expected 12, 15 or 17 tab-separated fields, found 13") == true)
    }

    // CloudFront's %25XX is unwrapped once before decoding; the 2013 single-encoded form gives the same.
    @Test func cloudFrontDoubleEncodingIsUnwrappedOnce() throws {
        let doubled =
            "aid=acme&id=111111111&callername=JANE+ROE&callernum=%252B15555550123&datetime=2019-12-04+21%253A02%253A00&landingpage=http%253A%252F%252Fexample.com%252F"
        let single =
            "aid=acme&id=111111111&callername=JANE+ROE&callernum=%2B15555550123&datetime=2019-12-04+21%3A02%3A00&landingpage=http%3A%2F%2Fexample.com%2F"
        for querystring in [doubled, single] {
            let row = try #require(enrichedRows(process([cloudFrontLine(querystring)])).first)
            #expect(field(row, .app_id) == "acme")
            #expect(field(row, .collector_tstamp) == "2019-12-04 21:02:31.000")
            #expect(field(row, .v_collector) == "cloudfront")
            #expect(field(row, .useragent) == "Mozilla/5.0 (X11; Linux x86_64)")
            #expect(
                field(row, .unstruct_event).hasSuffix(
                    #"{"id":"111111111","callername":"JANE ROE","callernum":"+15555550123","datetime":"2019-12-04T21:02:00.000Z","landingpage":"http://example.com/"}}}"#
                ))
        }
    }

    // A Tomcat %25 is a real percent.
    @Test func tomcatPercentIsNotUnwrapped() throws {
        let row = try #require(enrichedRows(process([tomcatLine("id=1&datetime=2014-10-09+16%3A23%3A45&keywords=50%2525")])).first)
        #expect(callDataContains(row, #""keywords":"50%25""#))
    }

    // CallRail POSTs through CloudFront decode like GETs; other methods are bad rows.
    @Test func cloudFrontPostIsAccepted() throws {
        let querystring = "id=111111111&callernum=%252B15555550123&datetime=2019-12-04+21%253A02%253A00"
        let post = try #require(enrichedRows(process([cloudFrontLine(querystring, method: "POST")])).first)
        let get = try #require(enrichedRows(process([cloudFrontLine(querystring, method: "GET")])).first)
        #expect(field(post, .unstruct_event) == field(get, .unstruct_event))
        let put = process([cloudFrontLine(querystring, method: "PUT")])
        #expect(put.counts.bad[.collectorPayloadFormatViolation] == 1)
        #expect(
            badRows(put).first?.contains(#""payloadField":"verb","value":"PUT","expectation":"operation must be GET or POST""#)
                == true)
    }

    // IPv6 and x-forwarded-for.
    @Test func clientAddressComesFromForwardedForOrIPv6() throws {
        let querystring = "id=1&datetime=2014-10-09+16%3A23%3A45"
        let ipv6 = try #require(enrichedRows(process([cloudFrontLine(querystring, clientIP: "2001:db8::1")])).first)
        #expect(field(ipv6, .user_ipaddress) == "2001:db8::1")
        let forwarded = try #require(
            enrichedRows(process([cloudFrontLine(querystring, forwardedFor: "203.0.113.10,%20198.51.100.7")])).first)
        #expect(field(forwarded, .user_ipaddress) == "203.0.113.10")
        let unknown = try #require(enrichedRows(process([cloudFrontLine(querystring, forwardedFor: "unknown")])).first)
        #expect(field(unknown, .user_ipaddress) == "198.51.100.7")
        let tomcatIPv6 = try #require(enrichedRows(process([tomcatLine(querystring, ip: "2001:db8:85a3::8a2e:370:7334")])).first)
        #expect(field(tomcatIPv6, .user_ipaddress) == "2001:db8:85a3::8a2e:370:7334")
        let tomcatList = try #require(enrichedRows(process([tomcatLine(querystring, ip: "203.0.113.10,198.51.100.7")])).first)
        #expect(field(tomcatList, .user_ipaddress) == "203.0.113.10")
    }

    // One trailing CR is removed by the input stage; a 33-field line keeps its last `-` as null.
    @Test func thirtyThreeFieldLineIsRead() throws {
        let row = try #require(enrichedRows(process([cloudFrontLine("id=1&datetime=2014-10-09+16%3A23%3A45")])).first)
        #expect(field(row, .collector_tstamp) == "2019-12-04 21:02:31.000")
    }
}
