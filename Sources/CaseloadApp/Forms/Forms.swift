import CaseloadCore
import CaseloadStore
import Foundation

/// Building and saving each kind of form, in one place.
enum Forms {
    static func make(_ purpose: FormPurpose, _ context: FormContext) -> Form {
        switch purpose {
        case .contact, .amend: return ContactForm.make(purpose, context)
        case .flag(let reference): return FlagForm.makeReferral(reference, context)
        case .safeguarding(let reference): return FlagForm.makeSafeguarding(reference, context)
        case .handover(let references): return HandoverForm.makeHandover(references, context)
        case .reassign(let references): return HandoverForm.makeReassign(references, context)
        case .familyTold(let reference): return HandoverForm.makeFamilyTold(reference, context)
        case .referralStatus(let reference, let current):
            return ReferralForm.make(reference, current: current, context)
        case .consent(let reference): return ConsentForm.make(reference, context)
        case .editPerson(let reference, let personId): return PersonForm.makeEdit(reference, personId: personId, context)
        case .addParty(let reference): return PersonForm.makeAdd(reference)
        default: return CaseworkForms.make(purpose, context)
        }
    }

    /// The effect that saves the form, or nil with the problems set on it.
    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        form.errors = [:]
        let effect: StoreWork?
        switch form.purpose {
        case .contact, .amend: effect = ContactForm.submit(&form, context)
        case .flag: effect = FlagForm.submitReferral(&form, context)
        case .safeguarding: effect = FlagForm.submitSafeguarding(&form, context)
        case .handover: effect = HandoverForm.submitHandover(&form)
        case .reassign: effect = HandoverForm.submitReassign(&form)
        case .familyTold: effect = HandoverForm.submitFamilyTold(&form, context)
        case .referralStatus: effect = ReferralForm.submit(&form)
        case .consent: effect = ConsentForm.submit(&form, context)
        case .editPerson: effect = PersonForm.submitEdit(&form, context)
        case .addParty: effect = PersonForm.submitAdd(&form, context)
        default: effect = CaseworkForms.submit(&form, context)
        }
        if effect == nil { form.focusFirstError() }
        return effect
    }
}
