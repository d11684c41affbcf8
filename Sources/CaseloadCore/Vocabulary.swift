import Foundation

/// The service's value lists (issues, contact modes, referral sources ...),
/// read from data so a service can adjust them without a rebuild.
public struct Vocabulary: Sendable, Decodable {
    public struct Entry: Sendable, Decodable, Equatable {
        public let id: String
        public let label: String
        /// Contact modes only: whether a meeting type applies.
        public let meeting: Bool?
        /// Support levels only: caseload weight points.
        public let weight: Int?
        /// Kept so old records still read, but no longer offered.
        public let retired: Bool?

        public var isRetired: Bool { retired ?? false }
    }

    /// One named list with lookups and a message that lists the valid ids.
    public struct List: Sendable {
        public let name: String
        public let entries: [Entry]

        public init(name: String, entries: [Entry]) {
            self.name = name
            self.entries = entries
        }

        public var current: [Entry] { entries.filter { !$0.isRetired } }
        public var ids: [String] { current.map(\.id) }

        public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

        public func label(_ id: String) -> String { entry(id)?.label ?? id }

        /// Checks an id given on the command line or in a form.
        @discardableResult
        public func validate(_ id: String) throws -> Entry {
            if let entry = entry(id), !entry.isRetired { return entry }
            throw CaseloadError.invalid(
                "\(SafeText.inline(id)) is not a \(name); choose one of: \(ids.joined(separator: ", "))")
        }
    }

    public let levels: List
    public let issues: List
    public let referralSources: List
    public let firstRoutes: List
    public let closureReasons: List
    public let contactModes: List
    public let meetingTypes: List
    public let primaryNeeds: List
    public let referralReasons: List
    public let professionalRoles: List

    private enum CodingKeys: String, CodingKey {
        case levels, issues, referralSources, firstRoutes, closureReasons, contactModes,
             meetingTypes, primaryNeeds, referralReasons, professionalRoles
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys, _ name: String) throws -> List {
            List(name: name, entries: try c.decode([Entry].self, forKey: key))
        }
        levels = try list(.levels, "level")
        issues = try list(.issues, "issue")
        referralSources = try list(.referralSources, "referral source")
        firstRoutes = try list(.firstRoutes, "first route")
        closureReasons = try list(.closureReasons, "closure reason")
        contactModes = try list(.contactModes, "contact mode")
        meetingTypes = try list(.meetingTypes, "meeting type")
        primaryNeeds = try list(.primaryNeeds, "primary need")
        referralReasons = try list(.referralReasons, "referral reason")
        professionalRoles = try list(.professionalRoles, "professional role")
    }

    public static func parse(_ data: Data) throws -> Vocabulary {
        do {
            return try JSONDecoder().decode(Vocabulary.self, from: data)
        } catch {
            throw CaseloadError.invalid("the value lists (vocabulary.json) cannot be read: \(error)")
        }
    }

    /// Caseload weight points for a support level (DOMAIN: 1, 2, 4, 8 by default).
    public func weight(of level: SupportLevel) -> Int {
        levels.entry(String(level.rawValue))?.weight ?? level.defaultWeight
    }
}
