#!/usr/bin/env python3
"""Writes the small sample logs in samples/: CloudFront and Clojure-collector Tomcat access logs with
CallRail webhook requests (fake people, documentation IP ranges), tracker hits, and lines that fail."""

import gzip
import os
import random

random.seed(20141009)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")

FIRST = ["JANE", "JOHN", "MARIA", "WEI", "AMARA", "LUCAS", "PRIYA", "OMAR"]
LAST = ["ROE", "DOE", "SILVA", "CHEN", "OKAFOR", "MARTIN", "RAO", "HASSAN"]
CITIES = [("BAKERSFIELD", "CA", "93307"), ("ROCHESTER", "NY", "14604"), ("AUSTIN", "TX", "73301")]
SOURCES = [("keyword", "google", "Organic"), ("direct", "direct", "Direct"), ("google_paid", "google", "CPC")]


def callrail_querystring(call_id, when, extra=""):
    first, last = random.choice(FIRST), random.choice(LAST)
    city, state, zipcode = random.choice(CITIES)
    source, referrer, medium = random.choice(SOURCES)
    caller = "%2B1555555" + str(random.randint(1000, 9999))
    pairs = [
        ("aid", "acme"), ("answered", random.choice(["true", "false"])), ("callercity", city),
        ("callercountry", "US"), ("callername", first + "+" + last), ("callernum", caller),
        ("callerstate", state), ("callerzip", zipcode), ("callsource", source),
        ("datetime", when.replace(" ", "+").replace(":", "%3A")), ("destinationnum", "5555550100"),
        ("duration", str(random.randint(0, 900))), ("first_call", random.choice(["true", "false"])),
        ("ga", ""), ("gclid", ""), ("id", str(call_id)), ("ip", "198.51.100." + str(random.randint(1, 254))),
        ("keywords", ""), ("kissmetrics_id", ""), ("landingpage", "http%3A%2F%2Fexample.com%2F"),
        ("recording", "http%3A%2F%2Fapp.callrail.com%2Fcalls%2F" + str(call_id) + "%2Frecording%2F0000aaaa"),
        ("referrer", referrer), ("referrermedium", medium), ("trackingnum", "%2B15555550199"),
        ("transcription", ""), ("utm_campaign", ""), ("utm_content", ""), ("utm_medium", ""), ("utm_source", ""),
        ("utm_term", ""), ("utma", ""), ("utmb", ""), ("utmc", ""), ("utmv", ""), ("utmx", ""), ("utmz", ""),
    ]
    return "&".join(name + "=" + value for name, value in pairs) + extra


def cloudfront_line(date, time, path, querystring, method="POST", ip="203.0.113.10"):
    query = "-" if querystring == "-" else querystring.replace("%", "%25")
    fields = [date, time, "IAD12", "392", ip, method, "d111111abcdef8.cloudfront.net", path, "200", "-",
              "Faraday%2520v0.17.3", query, "-", "Hit", "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
              "collector.example.com", "https", "1203", "0.001", "-", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256",
              "Hit", "HTTP/1.1", "-", "-", "51522", "0.001", "Hit", "image/gif", "43", "-", "-"]
    return "\t".join(fields)


def tomcat_line(date, time, path, querystring, method="POST", ip="203.0.113.20"):
    fields = [date, time, "-", "43", ip, method, ip, path, "200", "-", "Ruby", querystring, "-", "-", "-", "-", "-"]
    return "\t".join(fields)


def write(name, lines):
    with gzip.GzipFile(os.path.join(ROOT, name), "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


header = [
    "#Version: 1.0",
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
    "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes "
    "time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
    "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end",
]
cloudfront = list(header)
for index in range(40):
    minute = 10 + index
    cloudfront.append(cloudfront_line("2019-12-04", "21:%02d:31" % (minute % 60), "/com.callrail/v1",
                                      callrail_querystring(700000000 + index, "2019-12-04 21:%02d:00" % (minute % 60))))
    if index % 8 == 3:
        cloudfront.append(cloudfront_line("2019-12-04", "21:%02d:40" % (minute % 60), "/i",
                                          "e=pv&page=Pricing&tv=js-2.4.0&p=web&aid=site", method="GET"))
cloudfront.append(cloudfront_line("2019-12-04", "22:00:01", "/com.callrail/v1",
                                  callrail_querystring(700000100, "2019-12-04 22:00:00", "&score=1&tag=")))
cloudfront.append(cloudfront_line("2019-12-04", "22:00:02", "/com.callrail/v1", "-"))
cloudfront.append(cloudfront_line("2019-12-04", "22:00:03", "/com.snowplowanalytics.snowplow/tp2", "-", method="GET"))
write("cloudfront.2019-12-04-21.gz", cloudfront)

tomcat = []
for index in range(25):
    tomcat.append(tomcat_line("2016-01-06", "19:%02d:32" % index, "/com.callrail/v1",
                              callrail_querystring(500000000 + index, "2016-01-06 19:%02d:00" % index,
                                                   "&cv=clj-1.1.0-tom-0.2.0&nuid=-")))
tomcat.append(tomcat_line("2016-01-06", "19:40:00", "/com.callrail/v1",
                          callrail_querystring(500000100, "2016-01-06 19:40:00", "&answered=TRUE&cv=clj-1.1.0-tom-0.2.0&nuid=-")))
tomcat.append(tomcat_line("2016-01-06", "19:41:00", "/com.callrail/v1", "&cv=clj-1.1.0-tom-0.2.0&nuid=-"))
tomcat.append("2016-01-06\t19:42:00\t-\tnot a complete line")
write("tomcat_access_log.txt1452110400.gz", tomcat)
