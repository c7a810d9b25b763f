/// A JSON number as an exact decimal, `significand × 10^exponent`, for comparisons that `Double`
/// would round: `18446744073709551615` against `18446744073709551600`, or `0.0075` as a multiple
/// of `0.0001`.
///
/// The form is canonical: the significand has no leading or trailing zeros, and zero has an empty
/// significand, exponent 0 and no sign. So two literals with the same mathematical value (`1`,
/// `1.0`, `10e-1`, `-0` and `0`) give equal values.
struct ExactDecimal: Hashable, Sendable {
    /// Whether the value is below zero.
    let isNegative: Bool

    /// The significand's decimal digits (0 to 9), most significant first.
    let digits: [UInt8]

    /// The power of ten that scales ``digits``.
    let exponent: Int

    /// Exponents are clamped to this magnitude, so a hostile `1e999999999999999999` cannot
    /// overflow; values beyond it compare equal to each other.
    static let exponentLimit = 1_000_000_000_000

    /// Creates the value of a JSON number literal, or nil when the text is not JSON number syntax.
    init?(literal: String) {
        var digits: [UInt8] = []
        var isNegative = false
        var fractionDigitCount = 0
        var exponent = 0
        var state = 0  // 0 before digits, 1 integer part, 2 fraction, 3 exponent sign, 4 exponent digits
        var exponentIsNegative = false
        var sawDigit = false
        var sawFractionDigit = false
        var sawExponentDigit = false

        for byte in literal.utf8 {
            switch (state, byte) {
            case (0, UInt8(ascii: "-")) where !isNegative && !sawDigit:
                isNegative = true
            case (0...1, UInt8(ascii: "0")...UInt8(ascii: "9")):
                state = 1
                sawDigit = true
                digits.append(byte - UInt8(ascii: "0"))
            case (1, UInt8(ascii: ".")):
                state = 2
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")):
                digits.append(byte - UInt8(ascii: "0"))
                fractionDigitCount += 1
                sawFractionDigit = true
            case (1, UInt8(ascii: "e")), (1, UInt8(ascii: "E")):
                state = 3
            case (2, UInt8(ascii: "e")) where sawFractionDigit, (2, UInt8(ascii: "E")) where sawFractionDigit:
                state = 3
            case (3, UInt8(ascii: "+")):
                state = 4
            case (3, UInt8(ascii: "-")):
                exponentIsNegative = true
                state = 4
            case (3...4, UInt8(ascii: "0")...UInt8(ascii: "9")):
                state = 4
                sawExponentDigit = true
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), ExactDecimal.exponentLimit)
            default:
                return nil
            }
        }
        guard sawDigit, state != 2 || sawFractionDigit, state < 3 || sawExponentDigit else { return nil }

        let scale = (exponentIsNegative ? -exponent : exponent) - fractionDigitCount
        self.init(sign: isNegative, digits: digits, exponent: scale)
    }

    /// Creates the value of an integer.
    init(_ value: Int) {
        let magnitude = value.magnitude
        self.init(sign: value < 0, digits: String(magnitude).utf8.map { $0 - UInt8(ascii: "0") }, exponent: 0)
    }

    /// Normalises raw digits to the canonical form.
    private init(sign: Bool, digits: [UInt8], exponent: Int) {
        guard let first = digits.firstIndex(where: { $0 != 0 }), let last = digits.lastIndex(where: { $0 != 0 }) else {
            self.isNegative = false
            self.digits = []
            self.exponent = 0
            return
        }
        self.isNegative = sign
        self.digits = Array(digits[first...last])
        self.exponent = exponent + (digits.count - 1 - last)
    }

    var isZero: Bool { digits.isEmpty }

    /// Whether the value has no fractional part, for example `12`, `1.0` or `1e3`.
    var isInteger: Bool { exponent >= 0 }

    /// The value as an `Int`, or nil when it has a fraction or does not fit.
    var intValue: Int? {
        guard isInteger, digits.count + exponent <= 18 else { return nil }
        var value = 0
        for digit in digits {
            value = value * 10 + Int(digit)
        }
        for _ in 0..<exponent {
            value *= 10
        }
        return isNegative ? -value : value
    }

    /// The nearest `Double`, for the rare paths that cannot stay exact.
    var doubleValue: Double {
        guard !isZero else { return 0 }
        let text =
            (isNegative ? "-" : "") + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
            + "e\(exponent)"
        return Double(text) ?? .nan
    }

    /// Compares two values: negative when `lhs < rhs`, zero when equal, positive when `lhs > rhs`.
    static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isNegative != rhs.isNegative {
            return lhs.isNegative ? -1 : 1
        }
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? -magnitudeOrder : magnitudeOrder
    }

    private static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero {
            return (lhs.isZero ? 0 : 1) - (rhs.isZero ? 0 : 1)
        }

        // The position of the leading digit decides first, because neither significand has
        // leading zeros.
        let lhsMagnitude = lhs.digits.count + lhs.exponent
        let rhsMagnitude = rhs.digits.count + rhs.exponent
        if lhsMagnitude != rhsMagnitude {
            return lhsMagnitude < rhsMagnitude ? -1 : 1
        }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }

        // One significand is a prefix of the other; the longer one has further non-zero digits.
        return lhs.digits.count == rhs.digits.count ? 0 : (lhs.digits.count < rhs.digits.count ? -1 : 1)
    }

    /// Returns whether dividing by `divisor`, which must not be zero, leaves an integer.
    ///
    /// With `self = A × 10^a` and `divisor = B × 10^b`, the quotient is an integer exactly when B
    /// divides `A × 10^(a-b)`. Neither A nor B ends in zero, so a negative `a - b` never works
    /// unless `self` is zero. The check is exact while B has at most 18 digits.
    func isMultiple(of divisor: ExactDecimal) -> Bool {
        guard !isZero else { return true }
        guard !divisor.isZero else { return false }
        guard exponent >= divisor.exponent else { return false }

        guard divisor.digits.count <= 18 else {
            // NOTE: a divisor with more than 18 significant digits falls back to Double division,
            // which can be wrong for values that Double cannot represent.
            let quotient = doubleValue / divisor.doubleValue
            return ExactDecimal.isIntegral(quotient)
        }

        var modulus: UInt64 = 0
        for digit in divisor.digits {
            modulus = modulus * 10 + UInt64(digit)
        }
        var remainder: UInt64 = 0
        for digit in digits {
            remainder = (remainder * 10 + UInt64(digit)) % modulus
        }
        let scale = ExactDecimal.power(10, exponent - divisor.exponent, modulo: modulus)
        return ExactDecimal.multiply(remainder, scale, modulo: modulus) == 0
    }

    /// Returns whether a finite `Double` has no fractional part.
    ///
    /// It reads the bits instead of calling `rounded()`, which on Linux needs the C math library
    /// and so would tie this file to Foundation.
    private static func isIntegral(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        guard value != 0 else { return true }

        let exponent = value.exponent
        if exponent < 0 { return false }
        if exponent >= Double.significandBitCount { return true }
        let fractionBitCount = UInt64(Double.significandBitCount) - UInt64(exponent)
        return value.significandBitPattern & ((1 << fractionBitCount) - 1) == 0
    }

    /// `base^exponent mod modulus` by repeated squaring.
    private static func power(_ base: UInt64, _ exponent: Int, modulo modulus: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus
        var factor = base % modulus
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                result = multiply(result, factor, modulo: modulus)
            }
            factor = multiply(factor, factor, modulo: modulus)
            remaining >>= 1
        }
        return result
    }

    /// `lhs × rhs mod modulus` without overflow, through the full 128-bit product.
    private static func multiply(_ lhs: UInt64, _ rhs: UInt64, modulo modulus: UInt64) -> UInt64 {
        let product = lhs.multipliedFullWidth(by: rhs)
        return modulus.dividingFullWidth((product.high, product.low)).remainder
    }
}

extension ExactDecimal: Comparable {
    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// The significand followed by its power of ten, for example `-15e1` for -150.
    var description: String {
        guard !isZero else { return "0" }
        var text = isNegative ? "-" : ""
        text += String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if exponent != 0 {
            text += "e\(exponent)"
        }
        return text
    }
}
