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
        let contactSentences: [String: [DemoTemplate]]
        let adviceSentences: [DemoTemplate]
        let followUpActions: [DemoTemplate]
        let referralNarratives: [DemoTemplate]
        let handoverSummaries: [DemoTemplate]
    }

    var templates: Templates {
        Templates(contactSentences: contactSentences.mapValues { $0.map(DemoTemplate.init) },
                  adviceSentences: adviceSentences.map(DemoTemplate.init),
                  followUpActions: followUpActions.map(DemoTemplate.init),
                  referralNarratives: referralNarratives.map(DemoTemplate.init),
                  handoverSummaries: handoverSummaries.map(DemoTemplate.init))
    }

    static func load() throws -> DemoMaterial {
        try JSONDecoder().decode(DemoMaterial.self, from: ResourceFiles.data("demo/material.json"))
    }
}
