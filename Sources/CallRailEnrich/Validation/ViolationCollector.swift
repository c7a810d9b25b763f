/// The violations found so far in one validation.
///
/// When it does not collect, evaluation only works out whether the value is valid.
///
/// Paths are built backwards while the evaluation unwinds: a violation starts with an empty path,
/// and each enclosing member or element adds its step when its evaluation returns. So a valid
/// value never pays for building paths.
struct ViolationCollector {
    /// A violation whose path is still being assembled.
    struct Pending {
        /// The steps from the offending value up to the root, innermost first.
        var reversedPath: [JSONPathComponent]
        let keyword: String
        let detail: String
        let targets: [String]
    }

    /// Whether violations are recorded; when false, evaluation stops at the first violation.
    let isCollecting: Bool

    private(set) var pending: [Pending] = []

    init(isCollecting: Bool) {
        self.isCollecting = isCollecting
    }

    var count: Int { pending.count }

    mutating func add(_ keyword: String, _ detail: String, targets: [String] = []) {
        pending.append(Pending(reversedPath: [], keyword: keyword, detail: detail, targets: targets))
    }

    /// Moves violations recorded elsewhere into this collector at a position, keeping them
    /// ahead of ones recorded later for the same value.
    mutating func insert(_ violations: [Pending], at position: Int) {
        pending.insert(contentsOf: violations, at: position)
    }

    /// Adds a step to the path of every violation recorded since `start`.
    mutating func prependStep(_ step: JSONPathComponent, toViolationsFrom start: Int) {
        for index in start..<pending.count {
            pending[index].reversedPath.append(step)
        }
    }

    func makeViolations() -> [ValidationViolation] {
        pending.map { violation in
            let path = JSONPathComponent.render(violation.reversedPath.reversed())
            return ValidationViolation(
                path: path,
                keyword: violation.keyword,
                message: path + ": " + violation.detail,
                targets: violation.targets
            )
        }
    }
}
