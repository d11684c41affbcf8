import CaseloadCore
import CaseloadStore
import Foundation

/// Moving a family-support referral on: sent, acknowledged, accepted ...
enum ReferralForm {
    static func make(_ reference: String, current: ReferralStatus, _ context: FormContext) -> Form {
        let next = current.next
        var intro = ["Each change is dated and recorded with your name."]
        if context.user.isSupervisor {
            intro.append("Sending without consent needs your written reason as the supervisor.")
        }
        var fields = [
            FormField("status", "Move to", .choice(next.map { Choice($0.rawValue, $0.rawValue.capitalized) })),
            FormField("theirReference", "Trust reference", .line, help: "The Children's Trust's reference, if given"),
        ]
        if context.user.isSupervisor {
            fields.append(FormField("override", "Override reason", .note(rows: 3),
                                    help: "Only to send without consent: why it is right to", shownWhen: .init(field: "status", values: ["sent"])))
        }
        return Form(.referralStatus(reference: reference, current: current), title: "Referral on \(reference)"
                    + " (now \(current.rawValue))", intro: intro, fields: fields)
    }

    static func submit(_ form: inout Form) -> StoreWork? {
        let status = ReferralStatus(rawValue: form.value("status"))
        if status == nil { form.set("status", error: "Choose what the referral moves to.") }
        guard form.errors.isEmpty, let status else { return nil }
        return .moveReferral(ReferralMoveInput(reference: form.purpose.references.first ?? "", status: status,
                                               externalReference: FormValues.optional(form, "theirReference"),
                                               overrideReason: status == .sent ? FormValues.optional(form, "override") : nil))
    }
}
