import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct ExactDecimalTests {
        private func decimal(_ literal: String) throws -> ExactDecimal {
            try #require(ExactDecimal(literal: literal))
        }

        @Test func normalisesToCanonicalForm() throws {
            let value = try decimal("-001.2300e2")
            #expect(value.isNegative)
            #expect(value.digits == [1, 2, 3])
            #expect(value.exponent == 0)
            #expect(try decimal("-0.000").isNegative == false)
        }

        @Test(arguments: ["", "-", "1.", "1e", "e1", "1x", "--1", "1.2.3"])
        func rejectsNonNumbers(_ literal: String) {
            #expect(ExactDecimal(literal: literal) == nil)
        }

        @Test func ordersBeyondDoublePrecision() throws {
            #expect(try decimal("18446744073709551600") < decimal("18446744073709551615"))
            #expect(
                try decimal("972783798187987123879878123.18878137") < decimal("972783798187987123879878123.188781371"))
            #expect(
                try decimal("-972783798187987123879878123.188781371") < decimal("-972783798187987123879878123.18878137")
            )
            #expect(try decimal("-1") < decimal("0"))
            #expect(try decimal("0.001") < decimal("0.01"))
            #expect(try decimal("99") < decimal("1e2"))
        }

        @Test func checksMultiplesExactly() throws {
            #expect(try decimal("0.0075").isMultiple(of: decimal("0.0001")))
            #expect(try !decimal("0.00751").isMultiple(of: decimal("0.0001")))
            #expect(try decimal("4.5").isMultiple(of: decimal("1.5")))
            #expect(try decimal("-4.5").isMultiple(of: decimal("1.5")))
            #expect(try !decimal("35").isMultiple(of: decimal("1.5")))
            #expect(try decimal("0").isMultiple(of: decimal("7")))
            #expect(try decimal("12391239123").isMultiple(of: decimal("1e-8")))
            #expect(try !decimal("1e308").isMultiple(of: decimal("0.123456789")))
            #expect(try decimal("1e400").isMultiple(of: decimal("4")))
            #expect(try !decimal("1e400").isMultiple(of: decimal("3")))
            #expect(try decimal("123456789012345678901234567890").isMultiple(of: decimal("10")))
            #expect(try !decimal("123456789012345678901234567891").isMultiple(of: decimal("10")))
        }

        @Test func checksMultiplesOfLongDivisorsThroughDouble() throws {
            let divisor = try decimal("0.1234567890123456789")
            #expect(try decimal("1.234567890123456789").isMultiple(of: divisor))
            #expect(try !decimal("1.3").isMultiple(of: divisor))
            #expect(try decimal("0").isMultiple(of: divisor))
        }

        @Test func clampsHugeExponents() throws {
            let value = try decimal("1e99999999999999999999999")
            #expect(value.exponent == ExactDecimal.exponentLimit)
        }

        @Test func convertsSmallIntegers() throws {
            #expect(try decimal("1.2e3").intValue == 1200)
            #expect(try decimal("-42").intValue == -42)
            #expect(try decimal("1.5").intValue == nil)
            #expect(try decimal("1e30").intValue == nil)
        }
    }
}
