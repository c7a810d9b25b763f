#!/usr/bin/env python3
"""Generate a seeded, gzipped collector log for benchmarking callrail-enrich.

Each data line is drawn independently:
  about 90 % are CallRail webhooks that should enrich cleanly,
  about 8 % are tracker hits (/i and /com.snowplowanalytics.snowplow/tp2) that the tool skips,
  about 2 % are CallRail webhooks that must become bad rows
  (answered=TRUE, duration=13s, the unknown key score, or an empty querystring).

All personal data is fake: phone numbers are NXX-555-01XX numbers, which are reserved for
fiction, and addresses come from the documentation ranges 192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24 and 2001:db8::/32.

The same --lines, --seed and --format give the same lines. With the same --compress-level and
zlib build they also give the same bytes, because the gzip header carries no file name and a
zero modification time. The output is written to a temporary name and renamed when complete,
so a file at the output path is always whole. Standard library only.
"""

import argparse
import base64
import gzip
import os
import queue
import random
import sys
import threading
import time
import urllib.parse
from pathlib import Path

DEFAULT_LINES = 1_000_000
DEFAULT_SEED = 20191204

# 2019-12-04 00:00:00 UTC. Timestamps spread over SPAN_DAYS days from here.
START_EPOCH = 1575417600
SPAN_DAYS = 30

CLOUDFRONT_HEADER = (
    "#Version: 1.0\n"
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem "
    "sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type "
    "x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for "
    "ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
    "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type "
    "sc-content-type sc-content-len sc-range-start sc-range-end\n"
)

CALLRAIL_PATH = "/com.callrail/v1"
TRACKER_PATHS = ("/i", "/com.snowplowanalytics.snowplow/tp2")
DISTRIBUTION_HOST = "d111111abcdef8.cloudfront.net"
COLLECTOR_HOST = "collector.example.com"
TOMCAT_COLLECTOR_VERSION = "clj-2.1.3-tom-0.2.0"

EDGE_LOCATIONS = (
    "LAX1", "LAX50-C1", "IAD12", "IAD89-C2", "SFO5-C1", "DFW3", "DFW56-P1", "SEA19-C1",
    "ORD52-C1", "JFK6", "ATL56-C1", "MIA3-C2", "DEN52-C1", "FRA2", "LHR61-C1",
)
RESULT_TYPES = ("Miss", "Miss", "Miss", "Hit", "RefreshHit")

# Values are already form-encoded ('+' for a space, %XX for reserved characters).
FIRST_NAMES = (
    "JANE", "JOHN", "MARIA", "JAMES", "LINDA", "ROBERT", "PATRICIA", "MICHAEL", "BARBARA",
    "DAVID", "ELIZABETH", "WILLIAM", "SUSAN", "RICHARD", "JESSICA", "JOSEPH", "SARAH",
    "THOMAS", "KAREN", "CARLOS", "NGOC", "AISHA", "WEI", "PRIYA", "OMAR", "YUKI", "ZOE",
)
LAST_NAMES = (
    "ROE", "DOE", "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER",
    "DAVIS", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "O'BRIEN", "NGUYEN", "KIM",
    "PATEL", "SMITH-JONES", "ST. CLAIR", "MUELLER", "KHAN", "SATO", "OKAFOR",
)
SPECIAL_CALLER_NAMES = ("WIRELESS CALLER", "UNKNOWN NAME", "TOLL FREE CALL", "CELL PHONE   CA")

# (city, state, zip, country)
PLACES = (
    ("BAKERSFIELD", "CA", "93307", "US"), ("FRESNO", "CA", "93721", "US"),
    ("SAN DIEGO", "CA", "92101", "US"), ("PORTLAND", "OR", "97205", "US"),
    ("SEATTLE", "WA", "98101", "US"), ("AUSTIN", "TX", "78701", "US"),
    ("DALLAS", "TX", "75201", "US"), ("DENVER", "CO", "80202", "US"),
    ("CHICAGO", "IL", "60601", "US"), ("ATLANTA", "GA", "30303", "US"),
    ("MIAMI", "FL", "33130", "US"), ("BOSTON", "MA", "02108", "US"),
    ("NEW YORK", "NY", "10001", "US"), ("ST. LOUIS", "MO", "63101", "US"),
    ("COEUR D'ALENE", "ID", "83814", "US"), ("PHOENIX", "AZ", "85004", "US"),
    ("TORONTO", "ON", "M5H 2N2", "CA"), ("VANCOUVER", "BC", "V6B 1A1", "CA"),
    ("", "", "", "US"),
)
AREA_CODES = ("661", "559", "619", "503", "206", "512", "214", "303", "312", "404", "305",
              "617", "212", "314", "208", "602", "416", "604", "555")
CALL_SOURCES = ("keyword", "direct", "google_paid", "google_organic", "bing_paid", "referral",
                "facebook_paid", "yelp", "offline", "direct")
REFERRERS = (("direct", "Direct"), ("google.com", "Organic"), ("google.com", "CPC"),
             ("bing.com", "Organic"), ("facebook.com", "Social"), ("yelp.com", "Referral"))
LANDING_PAGES = (
    "http://example.com/", "https://www.example.com/", "https://www.example.com/services/plumbing",
    "https://www.example.com/contact-us?utm_source=google&utm_medium=cpc",
    "https://example.org/locations/bakersfield", "https://shop.example.net/p/water-heater-50gal",
    "https://www.example.com/blog/2019/11/when-to-call-a-plumber#top",
)
KEYWORDS = ("plumber near me", "emergency hvac repair", "water heater install",
            "24 hour locksmith", "dentist open saturday", "roof leak repair cost")
CAMPAIGNS = (("google", "cpc", "winter_promo", "ad_1", "plumber"),
             ("bing", "cpc", "brand", "", "example plumbing"),
             ("facebook", "social", "spring-2020", "video_a", ""),
             ("newsletter", "email", "dec_2019", "", ""))
DEVICE_TYPES = ("mobile", "desktop", "tablet", "")
APP_IDS = ("acme", "acme", "bnb", "callrail-west", "shop")
TRANSCRIPT_WORDS = (
    "hi", "thanks", "for", "calling", "this", "is", "Jane", "how", "can", "I", "help", "you",
    "today?", "yes,", "my", "water", "heater", "stopped", "working", "last", "night.", "okay,",
    "what's", "the", "address?", "it's", "on", "Main", "Street", "we", "have", "a", "tech",
    "available", "tomorrow", "morning", "between", "8", "and", "10.", "great,", "that", "works",
    "perfectly.", "can", "I", "get", "a", "callback", "number?", "sure,", "it's", "555-0123.",
    "the", "service", "fee", "is", "$89", "and", "goes", "toward", "repairs.", "sounds", "good",
    "see", "you", "then,", "bye.", "100%", "sure", "&", "ready",
)

CALLRAIL_USER_AGENTS_CLOUDFRONT = ("Faraday%2520v0.17.3", "Faraday%2520v1.10.3", "Ruby", "-")
CALLRAIL_USER_AGENTS_TOMCAT = ("Faraday+v0.17.3", "Faraday+v1.10.3", "Ruby", "-")
BROWSER_USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
)
PAGE_TITLES = ("Home Page", "Plumbing Services | Example", "Contact Us", "Pricing & Plans",
               "Blog: When to call a plumber")
PAGE_URLS = ("https://www.example.com/", "https://www.example.com/pricing",
             "https://www.example.com/contact-us", "https://www.example.com/blog/2019/11/plumber")


def form_encode(text):
    """Encode text as an application/x-www-form-urlencoded value ('+' for a space)."""
    return urllib.parse.quote_plus(text, safe="")


def cloudfront_escape_user_agent(text):
    """Escape a header value the way CloudFront logs it: space as %20, '%' as %25."""
    return urllib.parse.quote(text, safe="/;:,()!*'=+&?@$")


class LineFactory:
    """Builds log lines for one format from a seeded random generator.

    Querystrings are built form-encoded, as the client sent them. A CloudFront line then
    escapes every '%' as %25, which is what CloudFront does to an escape that is already in
    the request; '+' stays literal. A Tomcat line keeps the raw querystring and appends the
    parameters the Clojure collector adds (cv and nuid).
    """

    def __init__(self, rng, format_name, line_count):
        self.rng = rng
        self.is_cloudfront = format_name == "cloudfront"
        self.seconds_per_line = SPAN_DAYS * 86400 / max(line_count, 1)
        self.dates = [time.strftime("%Y-%m-%d", time.gmtime(START_EPOCH + day * 86400))
                      for day in range(-1, SPAN_DAYS + 2)]

        self.caller_names = [form_encode(f"{first} {last}")
                             for first in FIRST_NAMES for last in LAST_NAMES]
        self.caller_names += [form_encode(name) for name in SPECIAL_CALLER_NAMES]
        self.places = [tuple(form_encode(part) for part in place) for place in PLACES]
        self.landing_pages = [form_encode(url) for url in LANDING_PAGES]
        self.keywords = [form_encode(words) for words in KEYWORDS]
        self.campaigns = [tuple(form_encode(part) for part in campaign) for campaign in CAMPAIGNS]
        # Transcriptions use %20 for spaces (as some clients send them), so CloudFront lines
        # carry %2520.
        transcript_words = [urllib.parse.quote(word, safe="") for word in TRANSCRIPT_WORDS]
        self.transcriptions = [
            "%20".join(rng.choice(transcript_words) for _ in range(rng.randrange(40, 400)))
            for _ in range(256)]
        self.page_titles = [urllib.parse.quote(title, safe="") for title in PAGE_TITLES]
        self.page_urls = [form_encode(url) for url in PAGE_URLS]
        if self.is_cloudfront:
            self.browser_user_agents = [cloudfront_escape_user_agent(ua)
                                        for ua in BROWSER_USER_AGENTS]
            self.callrail_user_agents = CALLRAIL_USER_AGENTS_CLOUDFRONT
        else:
            # The Clojure collector logs the user agent with Java's URLEncoder.
            self.browser_user_agents = [form_encode(ua) for ua in BROWSER_USER_AGENTS]
            self.callrail_user_agents = CALLRAIL_USER_AGENTS_TOMCAT

        self.counts = {"callrail": 0, "callrail_failing": 0, "tracker": 0}

    # Small value helpers -------------------------------------------------------------------

    def timestamp(self, index):
        """Return (date, time, epoch) of a line, spread over the span and jittered by ±5 min."""
        epoch = START_EPOCH + int(index * self.seconds_per_line) + self.rng.randrange(-300, 300)
        return self.format_epoch(epoch) + (epoch,)

    def format_epoch(self, epoch):
        day, second_of_day = divmod(epoch - START_EPOCH, 86400)
        hours, rest = divmod(second_of_day, 3600)
        minutes, seconds = divmod(rest, 60)
        return self.dates[day + 1], f"{hours:02d}:{minutes:02d}:{seconds:02d}"

    def phone_number(self):
        rng = self.rng
        return f"{rng.choice(AREA_CODES)}55501{rng.randrange(100):02d}"

    def documentation_ipv4(self):
        rng = self.rng
        prefix = rng.choice(("192.0.2.", "198.51.100.", "203.0.113."))
        return f"{prefix}{rng.randrange(1, 255)}"

    def client_address(self):
        """Return (c-ip, x-forwarded-for) of the server or proxy that sent a request."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.08:
            return f"2001:db8:{rng.randrange(0x10000):x}::{rng.randrange(1, 0x10000):x}", "-"
        if draw < 0.18:
            proxy = self.documentation_ipv4()
            origin = self.documentation_ipv4()
            return proxy, f"{origin},%20{proxy}"
        return self.documentation_ipv4(), "-"

    # Querystrings ----------------------------------------------------------------------------

    def callrail_query(self, call_id, call_epoch):
        """Build one CallRail webhook querystring, form-encoded, keys in CallRail's order."""
        rng = self.rng
        answered = rng.random() < 0.82
        city, state, zipcode, country = rng.choice(self.places)
        name = rng.choice(self.caller_names)
        caller_number = self.phone_number()
        tracking_number = self.phone_number()
        duration = int(rng.random() ** 2 * 1800) if answered else rng.randrange(0, 30)
        call_date, call_time = self.format_epoch(call_epoch - duration - rng.randrange(5, 90))
        source = rng.choice(CALL_SOURCES)
        referrer, referrer_medium = rng.choice(REFERRERS)
        with_visit = rng.random() < 0.5

        parts = [
            f"aid={rng.choice(APP_IDS)}",
            f"answered={'true' if answered else 'false'}",
            f"callercity={city}",
            f"callercountry={country}",
            f"callername={name}",
            f"callernum=%2B1{caller_number}",
            f"callerstate={state}",
            f"callerzip={zipcode}",
            f"callsource={source}",
        ]
        if rng.random() < 0.25:
            parts += [
                f"customer_city={city}",
                f"customer_country={country}",
                f"customer_name={name}",
                f"customer_phone_number=%2B1{caller_number}",
                f"customer_state={state}",
                f"customer_zip={zipcode}",
            ]
        parts += [
            f"datetime={call_date}+{call_time.replace(':', '%3A')}",
            f"destinationnum={self.phone_number()}",
        ]
        if rng.random() < 0.3:
            parts.append(f"device_type={rng.choice(DEVICE_TYPES)}")
        parts += [
            f"duration={duration}",
            f"first_call={'true' if rng.random() < 0.3 else 'false'}",
            "ga=" + (f"GA1.2.{rng.randrange(10**8, 10**9)}.{call_epoch - rng.randrange(10**6)}"
                     if with_visit and rng.random() < 0.3 else ""),
            "gclid=" + (base64.urlsafe_b64encode(rng.randbytes(18)).decode("ascii")
                        if with_visit and source == "google_paid" else ""),
            f"id={call_id}",
            "ip=" + (self.documentation_ipv4() if with_visit else ""),
            "keywords=" + (rng.choice(self.keywords) if source == "keyword" else ""),
            "kissmetrics_id=" + (f"{rng.getrandbits(64):016x}" if rng.random() < 0.03 else ""),
            "landingpage=" + (rng.choice(self.landing_pages) if with_visit else ""),
            "recording=" + (f"http%3A%2F%2Fapp.callrail.com%2Fcalls%2F{call_id}%2Frecording%2F"
                            f"{rng.getrandbits(80):020x}" if answered else ""),
            f"referrer={referrer}",
            f"referrermedium={referrer_medium}",
            f"trackingnum=%2B1{tracking_number}",
            "transcription=" + (rng.choice(self.transcriptions)
                                if answered and rng.random() < 0.05 else ""),
        ]
        if with_visit and rng.random() < 0.3:
            utm_source, utm_medium, utm_campaign, utm_content, utm_term = rng.choice(self.campaigns)
            parts += [f"utm_campaign={utm_campaign}", f"utm_content={utm_content}",
                      f"utm_medium={utm_medium}", f"utm_source={utm_source}",
                      f"utm_term={utm_term}"]
        else:
            parts += ["utm_campaign=", "utm_content=", "utm_medium=", "utm_source=", "utm_term="]
        if with_visit and rng.random() < 0.1:
            visitor = rng.randrange(10**8, 10**9)
            parts += [f"utma={visitor}.{rng.randrange(10**9)}.{call_epoch - 86400}.{call_epoch}.1",
                      f"utmb={visitor}.2.10.{call_epoch}", f"utmc={visitor}", "utmv=", "utmx=",
                      f"utmz={visitor}.{call_epoch}.1.1.utmcsr%3D{referrer}%7Cutmccn%3D(none)"]
        else:
            parts += ["utma=", "utmb=", "utmc=", "utmv=", "utmx=", "utmz="]
        return "&".join(parts)

    def failing_callrail_query(self, call_id, call_epoch):
        """Build a CallRail querystring that must fail: adapter or call_complete validation."""
        rng = self.rng
        kind = rng.randrange(4)
        if kind == 3:
            return ""
        query = self.callrail_query(call_id, call_epoch)
        if kind == 0:
            return query.replace("answered=true", "answered=TRUE").replace(
                "answered=false", "answered=TRUE")
        if kind == 1:
            start = query.index("&duration=") + len("&duration=")
            end = query.index("&", start)
            return query[:start] + "13s" + query[end:]
        return query + "&score=1"

    def tracker_query(self, epoch):
        """Build a JavaScript tracker page-view querystring. The tool skips these requests."""
        rng = self.rng
        page = rng.randrange(len(self.page_urls))
        event_id = f"{rng.getrandbits(128):032x}"
        event_id = (f"{event_id[:8]}-{event_id[8:12]}-4{event_id[13:16]}-a{event_id[17:20]}-"
                    f"{event_id[20:]}")
        return (
            f"e=pv&url={self.page_urls[page]}&page={self.page_titles[page % len(self.page_titles)]}"
            f"&refr=https%3A%2F%2Fwww.google.com%2F&tv=js-2.4.0&tna=cf&aid=site&p=web"
            f"&tz=America%2FLos_Angeles&lang=en-US&cs=UTF-8&f_pdf=1&f_qt=0&f_realp=0&f_wma=0"
            f"&f_dir=0&f_fla=0&f_java=0&f_gears=0&f_ag=0&res=1920x1080&cd=24&cookie=1"
            f"&eid={event_id}&dtm={epoch * 1000 + rng.randrange(1000)}&vp=1280x720&ds=1263x4210"
            f"&vid={rng.randrange(1, 20)}&duid={rng.getrandbits(64):016x}"
            f"&fp={rng.randrange(10**9, 4 * 10**9)}"
        )

    # Lines -------------------------------------------------------------------------------------

    def line(self, index):
        rng = self.rng
        date, clock, epoch = self.timestamp(index)
        draw = rng.random()
        if draw < 0.90:
            self.counts["callrail"] += 1
            query = self.callrail_query(300_000_000 + index, epoch)
            path = CALLRAIL_PATH
            method = "POST" if rng.random() < 0.85 else "GET"
            user_agent = rng.choice(self.callrail_user_agents)
            referer = "-"
        elif draw < 0.98:
            self.counts["tracker"] += 1
            query = self.tracker_query(epoch)
            path = rng.choice(TRACKER_PATHS)
            method = "GET"
            user_agent = rng.choice(self.browser_user_agents)
            referer = rng.choice(PAGE_URLS)
        else:
            self.counts["callrail_failing"] += 1
            query = self.failing_callrail_query(300_000_000 + index, epoch)
            path = CALLRAIL_PATH
            method = "POST"
            user_agent = rng.choice(self.callrail_user_agents)
            referer = "-"

        if self.is_cloudfront:
            return self.cloudfront_line(date, clock, method, path, referer, user_agent, query)
        return self.tomcat_line(date, clock, method, path, referer, user_agent, query)

    def cloudfront_line(self, date, clock, method, path, referer, user_agent, query):
        rng = self.rng
        client_ip, forwarded_for = self.client_address()
        result = rng.choice(RESULT_TYPES)
        request_id = base64.urlsafe_b64encode(rng.randbytes(40)).decode("ascii")
        time_taken = rng.randrange(1, 120)
        logged_query = query.replace("%", "%25") if query else "-"
        is_https = rng.random() < 0.97
        if is_https:
            protocol = "https"
            tls = rng.choice(("TLSv1.2\tECDHE-RSA-AES128-GCM-SHA256",
                              "TLSv1.3\tTLS_AES_128_GCM_SHA256"))
        else:
            protocol, tls = "http", "-\t-"
        return (
            f"{date}\t{clock}\t{rng.choice(EDGE_LOCATIONS)}\t{rng.randrange(380, 640)}"
            f"\t{client_ip}\t{method}\t{DISTRIBUTION_HOST}\t{path}\t200\t{referer}\t{user_agent}"
            f"\t{logged_query}\t-\t{result}\t{request_id}\t{COLLECTOR_HOST}\t{protocol}"
            f"\t{len(logged_query) + 210}\t0.{time_taken:03d}\t{forwarded_for}\t{tls}\t{result}"
            f"\t{'HTTP/1.1' if rng.random() < 0.9 else 'HTTP/2.0'}\t-\t-"
            f"\t{rng.randrange(1024, 65536)}\t0.{max(time_taken - 1, 1):03d}\t{result}"
            f"\timage/gif\t43\t-\t-"
        )

    def tomcat_line(self, date, clock, method, path, referer, user_agent, query):
        rng = self.rng
        client_ip, forwarded_for = self.client_address()
        if forwarded_for != "-":
            # The valve logs the first X-Forwarded-For address in place of the socket address.
            client_ip = forwarded_for.split(",")[0]
        network_user_id = "-"
        if path != CALLRAIL_PATH:
            network_user_id = f"{rng.getrandbits(128):032x}"
            network_user_id = (f"{network_user_id[:8]}-{network_user_id[8:12]}-"
                               f"{network_user_id[12:16]}-{network_user_id[16:20]}-"
                               f"{network_user_id[20:]}")
        logged_query = f"{query}&cv={TOMCAT_COLLECTOR_VERSION}&nuid={network_user_id}"
        return (
            f"{date}\t{clock}\t-\t{rng.randrange(380, 640)}\t{client_ip}\t{method}\t{client_ip}"
            f"\t{path}\t200\t{referer}\t{user_agent}\t{logged_query}\t-\t-\t-\t-\t-"
        )


def write_corpus(output, line_count, seed, format_name, compress_level):
    """Write the log into a temporary file, then rename it to the output path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f"{output.name}.tmp-{os.getpid()}")
    factory = LineFactory(random.Random(seed), format_name, line_count)
    batch_size = 5000
    # Two batches in flight are enough to keep both cores busy and bound the memory.
    batches = queue.Queue(maxsize=2)
    writer_errors = []

    def run_writer():
        # zlib releases the GIL while it compresses, so this thread compresses one batch
        # while the main thread builds the next.
        end_received = False
        try:
            with open(temporary, "wb") as raw, gzip.GzipFile(
                    filename="", mode="wb", compresslevel=compress_level, fileobj=raw,
                    mtime=0) as compressed:
                while True:
                    batch = batches.get()
                    if batch is None:
                        end_received = True
                        break
                    compressed.write(batch)
        except BaseException as error:
            writer_errors.append(error)
            # Take batches until the end marker (None), so the producer cannot block on a
            # full queue after this thread failed.
            while not end_received and batches.get() is not None:
                pass

    writer = threading.Thread(target=run_writer, name="gzip-writer")
    writer.start()
    try:
        try:
            if factory.is_cloudfront:
                batches.put(CLOUDFRONT_HEADER.encode("ascii"))
            for batch_start in range(0, line_count, batch_size):
                if writer_errors:
                    break
                batch_end = min(batch_start + batch_size, line_count)
                lines = [factory.line(index) for index in range(batch_start, batch_end)]
                lines.append("")
                batches.put("\n".join(lines).encode("utf-8"))
        finally:
            batches.put(None)
            writer.join()
        if writer_errors:
            raise writer_errors[0]
        os.replace(temporary, output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return factory.counts


def default_output(line_count, seed, format_name):
    name = f"corpus-{format_name}-{line_count}-seed{seed}.log.gz"
    return Path(__file__).resolve().parent / "work" / name


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Write a seeded, gzipped collector log of CallRail webhooks and tracker "
                    "hits for benchmarking callrail-enrich.")
    parser.add_argument("--lines", type=int, default=DEFAULT_LINES,
                        help=f"number of data lines, not counting CloudFront's two header lines "
                             f"(default: {DEFAULT_LINES})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed of the random generator (default: {DEFAULT_SEED})")
    parser.add_argument("--format", choices=("cloudfront", "tomcat"), default="cloudfront",
                        help="log layout: CloudFront web distribution (33 fields, with headers) "
                             "or Clojure-collector Tomcat (17 fields) (default: cloudfront)")
    parser.add_argument("--output", type=Path,
                        help="file to write "
                             "(default: bench/work/corpus-FORMAT-LINES-seedSEED.log.gz)")
    parser.add_argument("--compress-level", type=int, default=6, choices=range(1, 10),
                        metavar="1-9", help="gzip compression level (default: 6)")
    arguments = parser.parse_args(argv)
    if arguments.lines < 0:
        parser.error(f"--lines must be 0 or more, got {arguments.lines}")
    if arguments.output is None:
        arguments.output = default_output(arguments.lines, arguments.seed, arguments.format)
    return arguments


def main(argv=None):
    arguments = parse_arguments(argv)
    started = time.monotonic()
    counts = write_corpus(arguments.output, arguments.lines, arguments.seed, arguments.format,
                          arguments.compress_level)
    elapsed = time.monotonic() - started
    size_mib = arguments.output.stat().st_size / 2**20
    print(f"wrote {arguments.lines} data lines to {arguments.output} ({size_mib:.1f} MiB) "
          f"in {elapsed:.1f} s: {counts['callrail']} CallRail, "
          f"{counts['callrail_failing']} failing CallRail, {counts['tracker']} tracker hits",
          file=sys.stderr)


if __name__ == "__main__":
    main()
