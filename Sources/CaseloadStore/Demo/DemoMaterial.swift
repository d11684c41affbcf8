import CaseloadCore
import CaseloadResources
import Foundation

/// The fictional names, schools and note sentences the demo draws on
/// (Resources/demo/material.json).
struct DemoMaterial: Decodable {
    struct School: Decodable {
        let name: String
        let phase: String
    }

    let childGivenNames: [String]
    let adultGivenNames: [String]
    let familyNames: [String]
    let workerNames: [String]
    let schools: [School]
    let contactSentences: [String: [String]]
    let adviceSentences: [String]
    let followUpActions: [String]
    let referralNarratives: [String]
    let handoverSummaries: [String]
    let safeContactNotes: [String]

    /// The sentences, split into text and slots once.
    struct Templates {
        let contactSentences: [String: [Template]]
        let adviceSentences: [Template]
        let followUpActions: [Template]
        let referralNarratives: [Template]
        let handoverSummaries: [Template]
    }

    var templates: Templates {
        Templates(contactSentences: contactSentences.mapValues { $0.map(Template.init) },
                  adviceSentences: adviceSentences.map(Template.init),
                  followUpActions: followUpActions.map(Template.init),
                  referralNarratives: referralNarratives.map(Template.init),
                  handoverSummaries: handoverSummaries.map(Template.init))
    }

    static func load() throws -> DemoMaterial {
        try JSONDecoder().decode(DemoMaterial.self, from: ResourceFiles.data("demo/material.json"))
    }
}
