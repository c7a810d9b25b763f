import Testing

@testable import CallRailEnrich

/// Snowplow's loader and adapter test data, run through this tool. Snowplow's own fixtures separate
/// fields with runs of spaces because its loaders split on any whitespace. This tool splits on TAB
/// only, as real logs are written, so the fixtures are converted to TABs here.
@Suite struct ReferenceLoaderTests {
    /// Reads one line with the loaders, keeping requests for every path.
    func read(_ line: String) -> (reading: LineReading, warnings: DecodingWarnings) {
        var bytes = Array(line.utf8)
        var warnings = DecodingWarnings()
        let reading = bytes.withUnsafeMutableBufferPointer { buffer -> LineReading in
            let line = UnsafeBufferPointer(buffer)
            var splitter = FieldSplitter()
            splitter.split(line)
            let split = SplitLine(bytes: line, ranges: splitter.ranges)
            if split.count >= 3 && split.equals(2, "-") {
                var loader = TomcatLoader()
                return loader.read(split, isWanted: { _, _ in true }, warnings: &warnings)
            }
            var loader = CloudFrontLoader()
            return loader.read(split, layout: .positional, isWanted: { _, _ in true }, warnings: &warnings)
        }
        return (reading, warnings)
    }

    func payload(_ line: String) throws -> CollectorPayload {
        guard case .payload(let payload) = read(line).reading else {
            Issue.record("expected a payload for \(line.prefix(60))")
            throw CancellationError()
        }
        return payload
    }

    func pairs(_ payload: CollectorPayload) -> [String] {
        var warnings = DecodingWarnings()
        let raw = String(decoding: payload.rawQuerystring ?? [], as: UTF8.self)
        return QueryString.decode(raw, warnings: &warnings).pairs.map { "\($0.name)=\($0.value)" }
    }

    @Test func cloudFrontTabSeparatedLineIsRead() throws {
        let line =
            "2014-01-28\t03:41:59\tIAD12\t828\t67.71.16.237\tGET\td10wr4jwvp55f9.cloudfront.net\t/i\t200\thttp://www.psychicbazaar.com/oracles/107-magdalene-oracle.html\tMozilla/5.0%2520(Windows%2520NT%25206.1;%2520Trident/7.0;%2520rv:11.0)%2520like%2520Gecko\te=pp&page=Magdalene%2520Oracle%2520-%2520Psychic%2520Bazaar&tid=151507&vp=975x460&ds=1063x1760&vid=1&duid=44a32544aac965f4&p=web&tv=js-0.13.0&aid=pbzsite&lang=en-CA&cs=utf-8&tz=America%252FHavana&refr=http%253A%252F%252Fwww.google.ca%252Furl%253Fsa%253Dt%2526rct%253Dj%2526q%253D%2526esrc%253Ds%2526source%253Dweb%2526cd%253D16%2526ved%253D0CIIBEBYwDw%2526url%253Dhttp%25253A%25252F%25252Fwww.psychicbazaar.com%25252Foracles%25252F107-magdalene-oracle.html%2526ei%253DIibnUsfBDMiM2gXGoICoDg%2526usg%253DAFQjCNE6fEqO8lnxDHeke0LOuAZIa1iSFQ%2526sig2%253DV7KJR0VmGw5yaHoMKKJHhg%2526bvm%253Dbv.59930103%252Cd.b2I&f_pdf=0&f_qt=0&f_realp=0&f_wma=0&f_dir=0&f_fla=0&f_java=1&f_gears=0&f_ag=1&res=975x571&cookie=1&url=http%253A%252F%252Fwww.psychicbazaar.com%252Foracles%252F107-magdalene-oracle.html\t-\tHit\t7T7tuHtEcdoDvUuGnQ3F0RI_UEWOUeb0b-YIhcoxjziuEBMDcKv_OA==\td10wr4jwvp55f9.cloudfront.net\thttp\t1047"
        let payload = try payload(line)
        #expect(payload.timestamp.isoFormat == "2014-01-28T03:41:59.000Z")
        #expect(payload.ipAddress == "67.71.16.237")
        #expect(payload.api == .trackerProtocol1)
        #expect(payload.referer == "http://www.psychicbazaar.com/oracles/107-magdalene-oracle.html")
        // Snowplow keeps the User-Agent percent-encoded; this tool decodes it once for useragent.
        #expect(payload.userAgent == "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko")
        let decoded = pairs(payload)
        #expect(decoded.count == 26)
        #expect(decoded[1] == "page=Magdalene Oracle - Psychic Bazaar")
        #expect(decoded[12] == "tz=America/Havana")
        #expect(
            decoded[13]
                == "refr=http://www.google.ca/url?sa=t&rct=j&q=&esrc=s&source=web&cd=16&ved=0CIIBEBYwDw&url=http%3A%2F%2Fwww.psychicbazaar.com%2Foracles%2F107-magdalene-oracle.html&ei=IibnUsfBDMiM2gXGoICoDg&usg=AFQjCNE6fEqO8lnxDHeke0LOuAZIa1iSFQ&sig2=V7KJR0VmGw5yaHoMKKJHhg&bvm=bv.59930103,d.b2I"
        )
        #expect(decoded[25] == "url=http://www.psychicbazaar.com/oracles/107-magdalene-oracle.html")
    }

    @Test func cloudFrontForwardedForGivesTheClientAddress() throws {
        let line = [
            "2016-07-01", "13:17:26", "AMS50", "480", "255.255.255.255", "GET", "d1f6ajd7ltcrsx.cloudfront.net", "/i",
            "200", "http://www.simplybusiness.co.uk/knowledge/", "Mozilla/5.0%20(Windows%20NT%206.1)",
            "e=pv&url=http%253A%252F%252Fwww.simplybusiness.co.uk%252F&page=Guide%2520to&eid=e3793bd1-fcf5-4fbb-bf4c-f0315a5821c3",
            "-", "Hit", "LLzvdlIbJ0d6siOm-EY3-2nBYTiM6b5RZLWRyPbyTCE-RIE9bC7_eQ==", "d1f6ajd7ltcrsx.cloudfront.net", "http",
            "1627", "0.003", "67.71.16.237,%20202.134.75.113", "-", "-", "Hit",
        ].joined(separator: "\t")
        let payload = try payload(line)
        #expect(payload.ipAddress == "67.71.16.237")
        #expect(pairs(payload) == [
            "e=pv", "url=http://www.simplybusiness.co.uk/", "page=Guide to", "eid=e3793bd1-fcf5-4fbb-bf4c-f0315a5821c3",
        ])
    }

    // Snowplow rejects every CloudFront method but GET; this tool accepts POST, which CallRail sends,
    // and rejects the rest with the same message shape.
    @Test func cloudFrontMethodsOtherThanGetAndPostAreRejected() {
        let line = cloudFrontLine("e=pv", method: "HEAD", path: "/i")
        guard case .failure(let failure) = read(line).reading else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message == .inputData(payloadField: "verb", value: "HEAD", expectation: "operation must be GET or POST"))
    }

    @Test func randomTextIsAFormatViolationNeverACrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab c\t-#%=&+\u{00e9}\u{0001}12:".unicodeScalars)
        for _ in 0..<500 {
            let length = Int.random(in: 0..<80, using: &generator)
            var text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            if text.hasPrefix("#") || text.isEmpty { text = "x" + text }
            let output = process([text])
            #expect(output.counts.isBalanced)
            #expect(output.counts.enriched == 0)
        }
    }

    @Test func tomcatGetFromTheVersion060CollectorIsRead() throws {
        let line = [
            "2013-08-29", "00:18:48", "-", "830", "37.157.33.123", "GET", "d3v6ndkyapxc2w.cloudfront.net", "/i", "200",
            "http://snowplowanalytics.com/analytics/index.html", "Mozilla/5.0%20(Windows%20NT%205.1;%20rv:23.0)%20Gecko/20100101%20Firefox/23.0",
            "e=pv&page=Introduction%20-%20Snowplow%20Analytics%25&dtm=1377735557970&tz=America%2FLos_Angeles&refr=http%3A%2F%2Fwww.metacrawler.com%2Fsearch%2Fweb%3Ffcoid%3D417%26q%3Dsnowplow%2Banalytics%26ql%3D",
            "-", "-", "-",
        ].joined(separator: "\t")
        let payload = try payload(line)
        #expect(payload.format == .tomcat)
        #expect(payload.ipAddress == "37.157.33.123")
        #expect(payload.timestamp.isoFormat == "2013-08-29T00:18:48.000Z")
        #expect(payload.referer == "http://snowplowanalytics.com/analytics/index.html")
        #expect(pairs(payload) == [
            "e=pv", "page=Introduction - Snowplow Analytics%", "dtm=1377735557970", "tz=America/Los_Angeles",
            "refr=http://www.metacrawler.com/search/web?fcoid=417&q=snowplow+analytics&ql=",
        ])
    }

    @Test func tomcatPostWithContentTypeAndBodyIsRead() throws {
        let line = [
            "2014-09-08", "13:59:07", "-", "-", "37.157.33.123", "POST", "-", "/com.snowplowanalytics.snowplow/tp2", "200",
            "-", "python-requests%2F2.2.1+CPython%2F3.3.5+Linux%2F3.2.0-61-generic",
            "&cv=clj-0.7.0-tom-0.1.0&nuid=5c6c40e4-eff8-409b-9327-471f303e30b6", "-", "-", "-",
            "application%2Fjson%3B+charset%3Dutf-8", "eyJkdG0iOiAiMTQxMDE4NDc0Njg5NCJ9",
        ].joined(separator: "\t")
        let payload = try payload(line)
        #expect(payload.contentType == "application/json; charset=utf-8")
        #expect(payload.body == #"{"dtm": "1410184746894"}"#)
        #expect(payload.userAgent == "python-requests/2.2.1 CPython/3.3.5 Linux/3.2.0-61-generic")
        #expect(pairs(payload) == ["cv=clj-0.7.0-tom-0.1.0", "nuid=5c6c40e4-eff8-409b-9327-471f303e30b6"])
    }

    @Test func tomcatGetWithABodyIsAVerbViolation() {
        let line = [
            "2014-09-08", "13:59:07", "-", "-", "37.157.33.123", "GET", "-", "/com.snowplowanalytics.snowplow/tp2", "200", "-",
            "-", "&cv=clj-0.7.0-tom-0.1.0", "-", "-", "-", "application%2Fjson", "eyJhIjoxfQ",
        ].joined(separator: "\t")
        guard case .failure(let failure) = read(line).reading else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            failure.message
                == .inputData(
                    payloadField: "verb", value: "GET",
                    expectation: "operation must be POST if content type and/or body are provided"))
    }

    @Test func unparseablePathIsAPathViolation() {
        let line = tomcatLine("a=1").replacingOccurrences(of: "/com.callrail/v1", with: "/com.sendgrid-api-v3")
        guard case .failure(let failure) = read(line).reading else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            failure.message
                == .inputData(
                    payloadField: "path", value: "/com.sendgrid-api-v3",
                    expectation: "path does not match (/)vendor/version(/) nor is a legacy /i(ce.png) request"))
    }

    @Test(arguments: [
        ("/com.callrail/v1", "com.callrail", "v1"), ("com.callrail/v1", "com.callrail", "v1"),
        ("/com.callrail/v1/", "com.callrail", "v1"), ("/i", "com.snowplowanalytics.snowplow", "tp1"),
        ("/ice.png", "com.snowplowanalytics.snowplow", "tp1"), ("/r/tp2", "r", "tp2"), ("/blah/i", "blah", "i"),
    ])
    func pathsSelectAnAdapter(path: String, vendor: String, version: String) {
        #expect(CollectorAPI(path: path) == CollectorAPI(vendor: vendor, version: version))
    }

    @Test(arguments: ["i", "/i/", "/a/b/c", "//a/b", "/not-ice.png", "/com.sendgrid-api-v3"])
    func otherPathsSelectNone(path: String) {
        #expect(CollectorAPI(path: path) == nil)
    }
}

/// Snowplow's CallRail adapter test data.
@Suite struct ReferenceAdapterTests {
    static let expectedCallData =
        #"{"duration":247,"utm_source":null,"utmv":null,"ip":"86.178.163.7","utmx":null,"ga":null,"destinationnum":"2012032051","datetime":"2014-10-09T16:23:45.000Z","kissmetrics_id":null,"landingpage":"http://acme.com/","callerzip":"92307","gclid":null,"callername":"SKYPE CALLER","utmb":null,"id":"201235151","callernum":"+12612230240","utm_content":null,"trackingnum":"+12012311668","referrermedium":"Direct","utm_campaign":null,"keywords":null,"transcription":null,"utmz":null,"utma":null,"referrer":"direct","callerstate":"CA","recording":"http://app.callrail.com/calls/201235151/recording/9f59ad59ba1cfa264312","first_call":true,"utmc":null,"callercountry":"US","utm_medium":null,"callercity":"BAKERSFIELD","utm_term":null,"answered":true,"callsource":"keyword"}"#

    /// The adapter spec's querystring, form-encoded again from its decoded pairs.
    static let querystring =
        "answered=true&callercity=BAKERSFIELD&callercountry=US&callername=SKYPE+CALLER&callernum=%2B12612230240&callerstate=CA&callerzip=92307&callsource=keyword&datetime=2014-10-09+16%3A23%3A45&destinationnum=2012032051&duration=247&first_call=true&ga=&gclid=&id=201235151&ip=86.178.163.7&keywords=&kissmetrics_id=&landingpage=http%3A%2F%2Facme.com%2F&recording=http%3A%2F%2Fapp.callrail.com%2Fcalls%2F201235151%2Frecording%2F9f59ad59ba1cfa264312&referrer=direct&referrermedium=Direct&trackingnum=%2B12012311668&transcription=&utm_campaign=&utm_content=&utm_medium=&utm_source=&utm_term=&utma=&utmb=&utmc=&utmv=&utmx=&utmz=&cv=clj-0.6.0-tom-0.0.4&nuid=-"

    /// Returns the inner call data of the unstruct_event field.
    func callData(_ row: [String]) throws -> JSONValue {
        let unstruct = try JSONParser().parse(field(row, .unstruct_event))
        #expect(unstruct["schema"]?.stringValue == "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0")
        #expect(unstruct["data"]?["schema"]?.stringValue == "iglu:com.callrail/call_complete/jsonschema/1-0-2")
        return try #require(unstruct["data"]?["data"])
    }

    // The key order differs (Snowplow's is hash order, this tool keeps querystring order), so the
    // comparison is semantic.
    @Test func adapterSpecCallDataIsSemanticallyEqual() throws {
        let row = try #require(enrichedRows(process([tomcatLine(Self.querystring)], options: try validatingOptions())).first)
        #expect(try callData(row).isSemanticallyEqual(to: try JSONParser().parse(Self.expectedCallData)))
        #expect(field(row, .platform) == "srv")
        #expect(field(row, .v_collector) == "clj-0.6.0-tom-0.0.4")
        #expect(field(row, .v_tracker) == "com.callrail-v1")
    }

    @Test func blackBoxQuerystringGivesTheExpectedEvent() throws {
        let querystring =
            "aid=bnb&answered=true&callercity=BAKERSFIELD&callercountry=US&callername=SKYPE+CALLER&callernum=%2B166&callerstate=CA&callerzip=93307&callsource=keyword&datetime=2014-10-09+16%3A23%3A45&destinationnum=20&duration=247&first_call=true&id=30&ip=86.178.183.7&landingpage=http%3A%2F%2Flndpage.com%2F&recording=http%3A%2F%2Fapp.callrail.com%2Fcalls%2F30%2Frecording%2F9f&referrer=direct&referrermedium=Direct&trackingnum=%2B12015911668"
        let expected =
            #"{"duration":247,"ip":"86.178.183.7","destinationnum":"20","datetime":"2014-10-09T16:23:45.000Z","landingpage":"http://lndpage.com/","callerzip":"93307","callername":"SKYPE CALLER","id":"30","callernum":"+166","trackingnum":"+12015911668","referrermedium":"Direct","referrer":"direct","callerstate":"CA","recording":"http://app.callrail.com/calls/30/recording/9f","first_call":true,"callercountry":"US","callercity":"BAKERSFIELD","answered":true,"callsource":"keyword"}"#
        let row = try #require(enrichedRows(process([tomcatLine(querystring)], options: try validatingOptions())).first)
        #expect(try callData(row).isSemanticallyEqual(to: try JSONParser().parse(expected)))
        #expect(field(row, .app_id) == "bnb")
        #expect(field(row, .event) == "unstruct")
        #expect(field(row, .event_vendor) == "com.callrail")
        #expect(field(row, .event_name) == "call_complete")
        #expect(field(row, .event_format) == "jsonschema")
        #expect(field(row, .event_version) == "1-0-2")
    }

    @Test func workedExampleCallDataEqualsTheReferenceJSON() throws {
        let reference =
            #"{"duration":247,"utm_source":null,"utmv":null,"ip":"86.178.183.7","utmx":null,"ga":null,"destinationnum":"2015014231","datetime":"2014-10-09T16:23:45.000Z","kissmetrics_id":null,"landingpage":"http://lndpage.com/","callerzip":"93307","gclid":null,"callername":"SKYPE CALLER","utmb":null,"id":"305895151","callernum":"+16617240240","utm_content":null,"trackingnum":"+12015911668","referrermedium":"Direct","utm_campaign":null,"keywords":null,"transcription":null,"utmz":null,"utma":null,"referrer":"direct","callerstate":"CA","recording":"http://app.callrail.com/calls/305895151/recording/9f59ad59ba1cfa964372","first_call":true,"utmc":null,"callercountry":"US","utm_medium":null,"callercity":"BAKERSFIELD","utm_term":null,"answered":true,"callsource":"keyword"}"#
        for line in [workedExampleTomcatLine, workedExampleCloudFrontLine] {
            let row = try #require(enrichedRows(process([line], options: try validatingOptions())).first)
            #expect(try callData(row).isSemanticallyEqual(to: try JSONParser().parse(reference)))
        }
    }
}
