import CaseloadStore

/// Where the user is, carrying that screen's own state. The places form a
/// stack (the caseload at the bottom); going back drops the top place, and
/// its state goes with it, so no screen's state can outlive the screen.
public enum Place: Sendable {
    case caseload
    case caseFile(AppState.CaseFile)
    case searchResults(AppState.Search)
    case team(AppState.Team)
    case help(AppState.Help)
    /// Family-support referrals by status (:referrals).
    case referrals(AppState.Referrals)
    /// What waits for a supervisor (:attention).
    case attention(AppState.Attention)
    /// Moving a leaving worker's caseload.
    case leaving(LeavingPlan)

    /// The place without its state: what the command table and the help
    /// screen are keyed by.
    public enum Kind: Hashable, Sendable, CaseIterable {
        case caseload, caseFile, searchResults, team, help, referrals, attention, leaving
    }

    public var kind: Kind {
        switch self {
        case .caseload: return .caseload
        case .caseFile: return .caseFile
        case .searchResults: return .searchResults
        case .team: return .team
        case .help: return .help
        case .referrals: return .referrals
        case .attention: return .attention
        case .leaving: return .leaving
        }
    }
}

/// Each screen's state, read from the nearest place of its kind in the
/// stack (a search stays readable from a case opened from its results).
/// Setting one changes that place; it never adds or removes a place, which
/// only opening and going back do.
extension AppState {
    /// The kind of place on screen.
    public var place: Place.Kind { places.last?.kind ?? .caseload }

    /// Whether a place of this kind is anywhere in the stack.
    public func has(_ kind: Place.Kind) -> Bool { places.contains { $0.kind == kind } }

    /// Shows a place: replaces the nearest one of its kind when it is on
    /// top, or when `inPlace` and it is anywhere in the stack (a list
    /// reloaded behind the case opened from it); otherwise goes on top.
    mutating func show(_ place: Place, inPlace: Bool = false) {
        if let index = places.lastIndex(where: { $0.kind == place.kind }), index == places.count - 1 || inPlace {
            places[index] = place
        } else {
            places.append(place)
        }
    }

    /// The state the nearest place gives, read by `extract`.
    private func nearest<State>(_ extract: (Place) -> State?) -> State? {
        places.reversed().lazy.compactMap(extract).first
    }

    private mutating func replace(_ kind: Place.Kind, with place: Place?) {
        guard let place, let index = places.lastIndex(where: { $0.kind == kind }) else { return }
        places[index] = place
    }

    public var caseFile: CaseFile? {
        get { nearest { if case .caseFile(let s) = $0 { s } else { nil } } }
        set { replace(.caseFile, with: newValue.map(Place.caseFile)) }
    }

    public var search: Search? {
        get { nearest { if case .searchResults(let s) = $0 { s } else { nil } } }
        set { replace(.searchResults, with: newValue.map(Place.searchResults)) }
    }

    public var team: Team? {
        get { nearest { if case .team(let s) = $0 { s } else { nil } } }
        set { replace(.team, with: newValue.map(Place.team)) }
    }

    public var help: Help? {
        get { nearest { if case .help(let s) = $0 { s } else { nil } } }
        set { replace(.help, with: newValue.map(Place.help)) }
    }

    public var referrals: Referrals? {
        get { nearest { if case .referrals(let s) = $0 { s } else { nil } } }
        set { replace(.referrals, with: newValue.map(Place.referrals)) }
    }

    public var attention: Attention? {
        get { nearest { if case .attention(let s) = $0 { s } else { nil } } }
        set { replace(.attention, with: newValue.map(Place.attention)) }
    }

    public var leaving: LeavingPlan? {
        get { nearest { if case .leaving(let s) = $0 { s } else { nil } } }
        set { replace(.leaving, with: newValue.map(Place.leaving)) }
    }
}
