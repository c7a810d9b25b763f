/// Splits a line into TAB-separated fields: every single TAB byte separates, so empty fields between
/// adjacent TABs are kept and runs of spaces never split.
struct FieldSplitter {
    /// Field ranges of the last split line, reused between lines.
    private(set) var ranges: [Range<Int>] = []

    init() {
        ranges.reserveCapacity(40)
    }

    /// Splits `line`; the ranges index into it.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        var index = 0
        let count = line.count
        while index < count {
            if line[index] == 0x09 {
                ranges.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<count)
    }
}

/// Field access helpers on a split line.
struct SplitLine {
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: [Range<Int>]

    var count: Int { ranges.count }

    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[ranges[index]])
    }

    func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The field as text, or nil when it is empty or `-`, the logs' null marker.
    func optionalString(_ index: Int) -> String? {
        isNull(index) ? nil : string(index)
    }

    func isNull(_ index: Int) -> Bool {
        let field = field(index)
        return field.isEmpty || (field.count == 1 && field[0] == UInt8(ascii: "-"))
    }

    func equals(_ index: Int, _ text: StaticString) -> Bool {
        let field = field(index)
        guard field.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<field.count where field[offset] != expected[offset] {
                return false
            }
            return true
        }
    }
}
