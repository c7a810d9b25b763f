#if canImport(Glibc)
import Glibc
#endif

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
        let count = line.count
        guard let base = line.baseAddress else {
            ranges.append(0..<0)
            return
        }
        var start = 0
        while start <= count, let found = memchr(base + start, 0x09, count - start) {
            let tab = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            ranges.append(start..<tab)
            start = tab + 1
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

    /// Returns the field as text, or nil when it is empty or `-`, the logs' null marker.
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
