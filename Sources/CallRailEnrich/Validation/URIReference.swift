/// A URI reference split into its RFC 3986 components, for resolving `id` and `$ref` values
/// against a base URI.
///
/// Splitting follows the generic syntax (RFC 3986, appendix B) and does not validate the parts;
/// ``StringFormat/uri`` does that for the `format` keyword.
struct URIReference: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits a reference into components.
    init(_ text: String) {
        var rest = Substring(text)

        if let hashIndex = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hashIndex)...])
            rest = rest[..<hashIndex]
        }
        if let queryIndex = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: queryIndex)...])
            rest = rest[..<queryIndex]
        }

        // A scheme is the text before the first ':' when no '/' comes earlier and it is a
        // letter followed by letters, digits, '+', '-' or '.'.
        if let colonIndex = rest.firstIndex(of: ":"), !rest[..<colonIndex].contains("/"),
            URIReference.isScheme(rest[..<colonIndex])
        {
            scheme = String(rest[..<colonIndex])
            rest = rest[rest.index(after: colonIndex)...]
        }

        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<authorityEnd])
            rest = rest[authorityEnd...]
        }
        path = String(rest)
    }

    private init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { byte in
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// The reference as text, recomposed as RFC 3986 section 5.3 describes.
    var text: String {
        var result = ""
        if let scheme {
            result += scheme + ":"
        }
        if let authority {
            result += "//" + authority
        }
        result += path
        if let query {
            result += "?" + query
        }
        if let fragment {
            result += "#" + fragment
        }
        return result
    }

    /// The reference without its fragment, as text.
    var textWithoutFragment: String {
        var copy = self
        copy.fragment = nil
        return copy.text
    }

    /// Resolves a reference against a base URI, as RFC 3986 section 5.2.2 specifies (strict
    /// parsing: a reference with a scheme is absolute even when the base has the same scheme).
    ///
    /// An empty base is allowed and leaves relative references relative, so a schema without an
    /// `id` can still resolve `#/definitions/a` against its own empty base.
    static func resolve(_ reference: String, against base: String) -> String {
        let relative = URIReference(reference)
        let baseURI = URIReference(base)
        let target: URIReference

        if relative.scheme != nil {
            target = URIReference(
                scheme: relative.scheme,
                authority: relative.authority,
                path: removeDotSegments(relative.path),
                query: relative.query,
                fragment: relative.fragment
            )
        } else if relative.authority != nil {
            target = URIReference(
                scheme: baseURI.scheme,
                authority: relative.authority,
                path: removeDotSegments(relative.path),
                query: relative.query,
                fragment: relative.fragment
            )
        } else if relative.path.isEmpty {
            target = URIReference(
                scheme: baseURI.scheme,
                authority: baseURI.authority,
                path: baseURI.path,
                query: relative.query ?? baseURI.query,
                fragment: relative.fragment
            )
        } else if relative.path.hasPrefix("/") {
            target = URIReference(
                scheme: baseURI.scheme,
                authority: baseURI.authority,
                path: removeDotSegments(relative.path),
                query: relative.query,
                fragment: relative.fragment
            )
        } else {
            target = URIReference(
                scheme: baseURI.scheme,
                authority: baseURI.authority,
                path: removeDotSegments(merge(base: baseURI, relativePath: relative.path)),
                query: relative.query,
                fragment: relative.fragment
            )
        }
        return target.text
    }

    /// Merges a relative path onto the base path (RFC 3986 section 5.2.3).
    private static func merge(base: URIReference, relativePath: String) -> String {
        if base.authority != nil && base.path.isEmpty {
            return "/" + relativePath
        }
        guard let lastSlash = base.path.lastIndex(of: "/") else {
            return relativePath
        }
        return String(base.path[...lastSlash]) + relativePath
    }

    /// Removes `.` and `..` segments from a path (RFC 3986 section 5.2.4).
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }

        var output: [Substring] = []
        let isAbsolute = path.hasPrefix("/")
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if isAbsolute {
            segments.removeFirst()
        }
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return (isAbsolute ? "/" : "") + output.joined(separator: "/")
    }
}
