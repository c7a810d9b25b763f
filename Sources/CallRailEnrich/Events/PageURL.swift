/// A page URL split into the enriched event's `page_url*` parts.
struct PageURL: Equatable {
    var url: String
    var scheme: String?
    var host: String?
    var port: Int?
    var path: String?
    var query: String?
    var fragment: String?

    /// Splits `scheme://[userinfo@]host[:port][/path][?query][#fragment]`. Spaces become `%20` first,
    /// as browsers send them. A URL without a scheme and host keeps only `url`. The port defaults to
    /// 80 for http and 443 for https.
    init(_ text: String) {
        url = text.contains(" ") ? text.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20") : text
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return }
        let schemeText = url[..<colon]
        guard !schemeText.isEmpty, schemeText.unicodeScalars.allSatisfy(PageURL.isSchemeCharacter) else { return }
        var rest = url[url.index(colon, offsetBy: 3)...]
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = String(rest[slash...])
        }
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        var hostText = authority
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let portText = authority[authority.index(after: colon)...]
            if let value = Int(portText), value >= 0, value <= 65535 {
                port = value
            } else if !portText.isEmpty {
                return
            }
            hostText = authority[..<colon]
        }
        guard !hostText.isEmpty else { return }
        scheme = schemeText.lowercased()
        host = String(hostText)
        if port == nil && scheme == "https" {
            port = 443
        } else if port == nil && scheme == "http" {
            port = 80
        }
        if query?.isEmpty == true { query = nil }
        if fragment?.isEmpty == true { fragment = nil }
    }

    private static func isSchemeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == ".")
    }
}
