/// A single-valued detail of a person on a case that a worker keeps
/// current: names, date of birth, language, how to reach them and the
/// warnings that keep that contact safe. Each is stored in the `person`
/// column of its raw value, and each change is kept on the case's history.
public enum PersonField: String, CaseIterable, Codable, Sendable {
    case fullName = "full_name"
    case knownAs = "known_as"
    case dateOfBirth = "date_of_birth"
    case language
    case interpreter
    case phone
    case email
    case address
    /// The preferred way and times to be contacted, in the family's words.
    case contactPreferences = "contact_preferences"
    case noVoicemail = "no_voicemail"
    /// Letters must not go to the address on file.
    case doNotWrite = "do_not_write"
    /// A parent fleeing domestic abuse: their details are never passed on.
    case doNotShare = "do_not_share"
    case organisation
    case professionalRole = "professional_role"
    case ethnicity
    case religion
    case healthNotes = "health_notes"

    /// What a form and a message call it.
    public var label: String {
        switch self {
        case .fullName: return "Name"
        case .knownAs: return "Known as"
        case .dateOfBirth: return "Date of birth"
        case .language: return "Language"
        case .interpreter: return "Needs an interpreter"
        case .phone: return "Phone"
        case .email: return "Email"
        case .address: return "Address"
        case .contactPreferences: return "Preferred way and times"
        case .noVoicemail: return "No voicemail"
        case .doNotWrite: return "Do not write to this address"
        case .doNotShare: return "Do not share contact details"
        case .organisation: return "Organisation"
        case .professionalRole: return "Role"
        case .ethnicity: return "Ethnicity"
        case .religion: return "Religion"
        case .healthNotes: return "Health notes"
        }
    }

    /// The command line's option for it (`--known-as`).
    public var option: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    /// Yes or no, stored as 1 or 0.
    public var isFlag: Bool { [.interpreter, .noVoicemail, .doNotWrite, .doNotShare].contains(self) }

    /// Special-category data (UK GDPR article 9: racial or ethnic origin,
    /// religious beliefs, health): shown only when asked for, never in lists,
    /// and never in the words of the case's history.
    public var isSpecialCategory: Bool { [.ethnicity, .religion, .healthNotes].contains(self) }

    /// The warnings that must show wherever the person's details do.
    public static let safeContact: [PersonField] = [.doNotShare, .doNotWrite, .noVoicemail]

    /// Reads a flag's value as typed: yes or no.
    public static func flag(_ text: String, _ field: PersonField) throws -> Bool {
        try yesNo(text, field.label.lowercased())
    }

    public static func yesNo(_ text: String, _ what: String) throws -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default: throw CaseloadError.invalid("\(what) is yes or no; \(SafeText.inline(text)) is neither")
        }
    }
}

/// What a change to a person on a case carries: the details that change
/// (an empty value clears one; a flag is "yes" or "no"), their part on this
/// case, and why.
public struct PersonEdit: Sendable, Equatable {
    public var fields: [PersonField: String] = [:]
    public var parentalResponsibility: Bool?
    /// Makes this person the case's main contact (there is one).
    public var mainContact: Bool?
    public var reason: String?

    public init(fields: [PersonField: String] = [:]) {
        self.fields = fields
    }

    public var isEmpty: Bool { fields.isEmpty && parentalResponsibility == nil && mainContact == nil }
}

/// Someone new on a case: a parent or carer, another family member, or a
/// professional (a SENCO, a social worker, a health visitor, the local
/// authority's SEN officer).
public struct NewParty: Sendable, Equatable {
    public var name: String
    public var role: PartyRole
    public var parentalResponsibility = false
    public var mainContact = false
    /// Their details as for an edit: phone, email, organisation and role ...
    public var details: [PersonField: String] = [:]
    public var reason: String?

    public init(name: String, role: PartyRole) {
        self.name = name
        self.role = role
    }
}
