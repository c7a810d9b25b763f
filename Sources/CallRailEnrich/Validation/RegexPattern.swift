import Foundation

/// A `pattern` or `patternProperties` regular expression, compiled once.
///
/// JSON Schema patterns are ECMA-262 regular expressions. They run here on ICU through
/// `NSRegularExpression`, after a translation of the constructs where the two dialects differ:
/// - `\d` and `\w` (and `\D`, `\W`) mean ASCII digits and word characters as in ECMA-262, not
///   their Unicode sets;
/// - `$` outside a class matches only at the very end, not also before a final line break;
/// - inside a class, `[`, `&` and `$` are literal, as in ECMA-262; `[]` matches nothing and `[^]`
///   matches any character.
///
/// Like ECMA-262 without the `u` flag, matching works on UTF-16 code units.
/// NOTE: other differences remain, for example `\s` follows ICU's Unicode white space and
/// ECMA-262 backreferences to groups that did not take part match as ICU decides.
struct RegexPattern: @unchecked Sendable {
    // `@unchecked Sendable`: an `NSRegularExpression` is immutable once created and documented as
    // safe to use from several threads at once.

    /// The pattern as the schema wrote it.
    let source: String

    private let expression: NSRegularExpression

    /// Compiles an ECMA-262 pattern.
    /// - Throws: ``RegexPatternError`` when ICU rejects the translated pattern.
    init(ecmaScript source: String) throws(RegexPatternError) {
        self.source = source
        do {
            expression = try NSRegularExpression(pattern: RegexPattern.translateToICU(source))
        } catch {
            throw RegexPatternError(pattern: source, reason: "\(error)")
        }
    }

    /// Returns whether the pattern matches anywhere in the string, as patterns are not anchored.
    func matches(_ string: String) -> Bool {
        let range = NSRange(location: 0, length: string.utf16.count)
        return expression.firstMatch(in: string, options: [], range: range) != nil
    }

    /// Rewrites an ECMA-262 pattern into ICU syntax with the same meaning (see the type's notes).
    static func translateToICU(_ source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var output = String.UnicodeScalarView()
        var isInClass = false
        var index = 0

        func append(_ text: String) {
            output.append(contentsOf: text.unicodeScalars)
        }

        while index < scalars.count {
            let scalar = scalars[index]

            if scalar == "\\" && index + 1 < scalars.count {
                let escaped = scalars[index + 1]
                index += 2
                switch (escaped, isInClass) {
                case ("d", false): append("[0-9]")
                case ("D", false): append("[^0-9]")
                case ("w", false): append("[a-zA-Z0-9_]")
                case ("W", false): append("[^a-zA-Z0-9_]")
                case ("d", true): append("0-9")
                case ("w", true): append("a-zA-Z0-9_")
                // ICU reads a bracketed set inside a class as a nested set and takes the union.
                case ("D", true): append("[^0-9]")
                case ("W", true): append("[^a-zA-Z0-9_]")
                default:
                    output.append(scalar)
                    output.append(escaped)
                }
                continue
            }

            if isInClass {
                switch scalar {
                case "]":
                    isInClass = false
                    output.append(scalar)
                case "[", "&", "$":
                    output.append("\\")
                    output.append(scalar)
                default:
                    output.append(scalar)
                }
                index += 1
                continue
            }

            switch scalar {
            case "[":
                let rest = scalars[(index + 1)...]
                if rest.starts(with: ["]"]) {
                    append("(?!)")
                    index += 2
                } else if rest.starts(with: ["^", "]"]) {
                    append("[\\s\\S]")
                    index += 3
                } else {
                    isInClass = true
                    output.append(scalar)
                    index += 1
                    if index < scalars.count && scalars[index] == "^" {
                        output.append("^")
                        index += 1
                    }
                }
            case "$":
                append("\\z")
                index += 1
            default:
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }
}

/// A pattern that could not be compiled.
struct RegexPatternError: Error, Sendable {
    /// The pattern as the schema wrote it.
    let pattern: String

    /// ICU's explanation.
    let reason: String
}
