/// A dictionary key that compares strings by their UTF-8 bytes.
///
/// Swift's `String` equality and hashing follow Unicode canonical equivalence, so `"\u{E4}"` (ä) and
/// `"a\u{308}"` (a + combining diaeresis) are the same `String` key. JSON and JSON Schema compare
/// member names and string values code point by code point, and this key does the same.
struct ExactStringKey: Hashable, Sendable {
    /// The wrapped string.
    let string: String

    init(_ string: String) {
        self.string = string
    }

    static func == (lhs: ExactStringKey, rhs: ExactStringKey) -> Bool {
        lhs.string.hasSameUTF8(as: rhs.string)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            // Same bytes, same hash: the fallback must feed the hasher exactly as the fast path does.
            Array(string.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

extension String {
    /// Whether both strings consist of the same UTF-8 bytes, unlike `==`, which also equates
    /// canonically equivalent spellings.
    func hasSameUTF8(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }

        let compared: Bool? =
            utf8.withContiguousStorageIfAvailable { lhs in
                other.utf8.withContiguousStorageIfAvailable { rhs in
                    // An index loop; the generic `elementsEqual` is several times slower here.
                    for index in 0..<lhs.count where lhs[index] != rhs[index] {
                        return false
                    }
                    return true
                }
            } ?? nil
        return compared ?? utf8.elementsEqual(other.utf8)
    }
}
