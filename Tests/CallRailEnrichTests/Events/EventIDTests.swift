import Testing

@testable import CallRailEnrich

@Suite struct EventIDTests {
    /// Expected values computed independently with Python's `uuid.uuid5` in the same namespace.
    @Test(arguments: [
        ("hello", "38366dcf-304b-5b24-b27d-414b703a402d"),
        ("", "cb5b24ab-1288-5355-b9f8-f838e6f7bcc4"),
        (String(repeating: "a", count: 1000), "ccf52fac-2ae4-5078-b75c-7e206865a04c"),
    ])
    func nameBasedIDMatchesAnIndependentImplementation(name: String, expected: String) {
        var bytes = Array(name.utf8)
        let id = bytes.withUnsafeMutableBufferPointer { EventID.nameBased(UnsafeBufferPointer($0)) }
        #expect(id == expected)
    }

    @Test func randomIDIsAVersionFourUUID() {
        let id = EventID.random()
        #expect(EventID.canonical(id) == id)
        #expect(Array(id.utf8)[14] == UInt8(ascii: "4"))
        #expect(EventID.random() != id)
    }

    @Test(arguments: [
        ("E3793BD1-FCF5-4FBB-BF4C-F0315A5821C3", "e3793bd1-fcf5-4fbb-bf4c-f0315a5821c3"),
        ("e3793bd1fcf54fbbbf4cf0315a5821c3", nil),
        ("e3793bd1-fcf5-4fbb-bf4c-f0315a5821cg", nil),
        ("", nil),
    ] as [(String, String?)])
    func canonicalAcceptsOnlyUUIDs(text: String, expected: String?) {
        #expect(EventID.canonical(text) == expected)
    }
}
