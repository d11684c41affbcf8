import CaseloadCore
import Testing

@Suite struct PluralTests {
    @Test func oneIsSingularAndEveryOtherCountPlural() {
        #expect(Plural.count(1, "case") == "1 case")
        #expect(Plural.count(2, "case") == "2 cases")
        #expect(Plural.count(0, "case") == "0 cases")
        #expect(Plural.count(1, "entry", "entries") == "1 entry")
        #expect(Plural.count(3, "entry", "entries") == "3 entries")
        #expect(Plural.noun(1, "day") == "day")
        #expect(Plural.noun(-1, "day") == "days")
    }
}
