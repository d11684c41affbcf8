/// The family-support referral to the Children's Trust moves through these
/// states; each change is dated and attributed in the store.
public enum ReferralStatus: String, CaseIterable, Codable, Sendable {
    case flagged, sent, acknowledged, accepted, declined, closed

    /// The states a referral may move to from this one.
    public var next: [ReferralStatus] {
        switch self {
        case .flagged: return [.sent, .closed]
        case .sent: return [.acknowledged, .accepted, .declined, .closed]
        case .acknowledged: return [.accepted, .declined, .closed]
        case .accepted, .declined: return [.closed]
        case .closed: return []
        }
    }

    public func check(moveTo target: ReferralStatus) throws {
        guard next.contains(target) else {
            let allowed = next.isEmpty ? "nothing (it is closed)" : next.map(\.rawValue).joined(separator: ", ")
            throw CaseloadError.conflict("a \(rawValue) referral cannot become \(target.rawValue); it can move to \(allowed)")
        }
    }
}
