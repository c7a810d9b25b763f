/// A read-only hash table from member names to the rules for them, built once per schema object.
///
/// Looking up a member name is the most frequent step of validating an object. A `Dictionary`
/// runs SipHash for every lookup and `String` equality follows canonical equivalence, so this table
/// hashes the UTF-8 bytes with 64-bit FNV-1a and compares bytes instead. SipHash guards tables that
/// grow from untrusted keys against flooding, but this table only ever contains names from the
/// schema, and an instance's names only probe it, so a bad name costs at most one probe sequence.
struct PropertyTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let name: String
        let hash: UInt64
        let value: Value
    }

    private let entries: [Entry]

    /// The entry index plus one for each slot, or 0 for an empty slot.
    ///
    /// The slot count is a power of two at least twice the entry count, so probe sequences stay short.
    private let slots: [Int32]
    private let mask: Int

    /// Creates a table; the names must be distinct.
    init(_ members: [(name: String, value: Value)]) {
        var slotCount = 4
        while slotCount < members.count * 2 {
            slotCount *= 2
        }

        var entries: [Entry] = []
        var slots = [Int32](repeating: 0, count: slotCount)
        for member in members {
            let hash = PropertyTable.hash(member.name)
            var slot = Int(truncatingIfNeeded: hash) & (slotCount - 1)
            while slots[slot] != 0 {
                slot = (slot + 1) & (slotCount - 1)
            }
            entries.append(Entry(name: member.name, hash: hash, value: member.value))
            slots[slot] = Int32(entries.count)
        }
        self.entries = entries
        self.slots = slots
        self.mask = slotCount - 1
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Returns the value for a name, or nil when the table has no such name.
    @inline(__always)
    func value(for name: String) -> Value? {
        let hash = PropertyTable.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 {
                return nil
            }
            let entry = entries[stored - 1]
            if entry.hash == hash && entry.name.hasSameUTF8(as: name) {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
    }

    /// Computes the 64-bit FNV-1a hash of a string's UTF-8 bytes.
    @inline(__always)
    static func hash(_ name: String) -> UInt64 {
        name.utf8.withContiguousStorageIfAvailable { fnv1a($0) } ?? fnv1a(name.utf8)
    }

    @inline(__always)
    private static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
