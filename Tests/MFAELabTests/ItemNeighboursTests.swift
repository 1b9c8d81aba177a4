import MFAECore
import Testing
@testable import MFAELab

/// `similar`'s item lookup: the core's ``TitleLookup``, with errors that list what fits.
@Suite("Item lookup errors")
struct ItemNeighboursTests {
    static let titles = ["Star Trek: The Wrath of Khan (1982)", "Star Trek: Generations (1994)", "Star Wars (1977)"]

    @Test func anAmbiguousTitleListsTheCandidatesBestFirst() {
        #expect(throws: LabError.ambiguousTitle("Star Trek", candidates: [Self.titles[1], Self.titles[0]])) {
            try ItemNeighbours.item(titled: "Star Trek", titles: Self.titles)
        }
        let message = LabError.ambiguousTitle("Star Trek", candidates: [Self.titles[1], Self.titles[0]]).description
        #expect(message.contains("Star Trek: Generations (1994)") && message.contains("the year may be left out"))
    }

    @Test func exactNamesAndMisses() throws {
        #expect(try ItemNeighbours.item(titled: "star trek: generations", titles: Self.titles) == ItemIndex(1))
        #expect(try ItemNeighbours.item(titled: "2", titles: Self.titles, ids: ["1", "2", "3"]) == ItemIndex(1))
        #expect(throws: LabError.itemNotFound(title: "Solaris")) { try ItemNeighbours.item(titled: "Solaris", titles: Self.titles) }
    }
}
