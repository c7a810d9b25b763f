import Testing

@testable import CallRailEnrich

extension ValidationTests {
    @Suite struct PropertyTableTests {
        @Test func findsEveryNameAmongMany() {
            let names = (0..<300).map { "name_\($0)" }
            let table = PropertyTable(names.enumerated().map { (name: $0.element, value: $0.offset) })
            for (offset, name) in names.enumerated() {
                #expect(table.value(for: name) == offset)
            }
        }

        @Test func missingNamesAreNil() {
            let table = PropertyTable([(name: "id", value: 1), (name: "datetime", value: 2)])
            #expect(table.value(for: "ID") == nil)
            #expect(table.value(for: "") == nil)
            #expect(table.value(for: "datetime ") == nil)
        }

        @Test func emptyTableFindsNothing() {
            let table = PropertyTable<Int>([])
            #expect(table.isEmpty)
            #expect(table.value(for: "id") == nil)
        }

        @Test func canonicallyEquivalentNamesStayDistinct() {
            let table = PropertyTable([(name: "\u{E4}", value: 1)])
            #expect(table.value(for: "\u{E4}") == 1)
            #expect(table.value(for: "a\u{308}") == nil)
        }
    }
}
