/// The positions of the fields the tool uses in a CloudFront line: by position by default, or by name once a
/// `#Fields:` header has been read.
public struct CloudFrontLayout: Sendable, Equatable {
    var date = 0
    var time = 1
    var edgeLocation: Int? = 2
    var clientIP: Int? = 4
    var method = 5
    var uriStem = 7
    var referer: Int? = 9
    var userAgent: Int? = 10
    var uriQuery: Int? = 11
    var forwardedFor: Int? = 19
    /// The minimum number of fields a data line must have.
    var minimumFieldCount = 12
    /// A column the header lacks that the tool cannot do without; lines under such a header are bad rows.
    var missingColumn: String?

    /// The layout AWS documents, used until a `#Fields:` header says otherwise.
    public static let positional = CloudFrontLayout()

    /// Builds the layout a `#Fields:` header line describes (names separated by spaces).
    init(fieldsHeader line: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: line, as: UTF8.self)
        let names = text.dropFirst("#Fields:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func position(_ name: String) -> Int? {
            names.firstIndex(of: name)
        }
        edgeLocation = position("x-edge-location")
        clientIP = position("c-ip")
        referer = position("cs(Referer)")
        userAgent = position("cs(User-Agent)")
        uriQuery = position("cs-uri-query")
        forwardedFor = position("x-forwarded-for")
        var required: [Int] = []
        for (name, keyPath) in [
            ("date", \CloudFrontLayout.date), ("time", \.time), ("cs-method", \.method), ("cs-uri-stem", \.uriStem),
        ] {
            if let index = position(name) {
                self[keyPath: keyPath] = index
                required.append(index)
            } else if missingColumn == nil {
                missingColumn = name
            }
        }
        minimumFieldCount = max(12, (required.max() ?? 0) + 1)
    }

    init() {}

    /// Returns the field index when the line has that field.
    @inline(__always)
    func index(_ position: Int?, in count: Int) -> Int? {
        guard let position, position < count else { return nil }
        return position
    }
}
