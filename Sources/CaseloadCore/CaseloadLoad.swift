/// How full a worker's caseload is: weighted points (1, 2, 4, 8 by level,
/// plus a modifier for safeguarding) against their capacity.
public struct CaseloadLoad: Equatable, Sendable {
    public enum Status: String, Sendable, Codable {
        /// Over 110% of capacity.
        case red
        /// 100% to 110%.
        case amber
        /// 95% to 100%.
        case green
        /// Under 95%: room for more.
        case blue
    }

    /// Extra points for a case with a safeguarding entry: more work, more care.
    public static let safeguardingModifier = 2

    public let weight: Int
    public let capacity: Int

    public init(weight: Int, capacity: Int) {
        self.weight = weight
        self.capacity = max(1, capacity)
    }

    public var percent: Int { weight * 100 / capacity }

    public var status: Status {
        let share = Double(weight) / Double(capacity)
        if share > 1.10 { return .red }
        if share >= 1.0 { return .amber }
        if share >= 0.95 { return .green }
        return .blue
    }
}
