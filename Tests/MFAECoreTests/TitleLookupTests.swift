import MFAECore
import Testing

/// The one title lookup of `train --similar`, `similar` and `report --probe`, on hand-built lists.
@Suite("Title lookup")
struct TitleLookupTests {
    static let titles = [
        "Toy Story (1995)",                                // 0
        "Star Trek: The Wrath of Khan (1982)",             // 1
        "Star Trek: Generations (1994)",                   // 2
        "Star Trek: First Contact (1996)",                 // 3
        "Star Trek VI: The Undiscovered Country (1991)",   // 4
        "Usual Suspects, The (1995)",                      // 5
        "Sabrina (1954)",                                  // 6
        "Sabrina (1995)",                                  // 7
        "Generations Apart (2001)",                        // 8
        "Star Wars (1977)",                                // 9
        "Heat (1995)",                                     // 10
        "Heat and Dust (1983)",                            // 11
    ]

    func find(_ query: String, ids: [String] = []) -> TitleMatch {
        TitleLookup.find(query, titles: Self.titles, ids: ids)
    }

    @Test func wholeTitleAnyCase() {
        #expect(find("Star Trek: Generations (1994)") == .found(ItemIndex(2)))
        #expect(find("  star trek: GENERATIONS (1994) ") == .found(ItemIndex(2)))
    }

    @Test func titleWithoutYearOrWithTheArticleInFront() {
        #expect(find("Star Trek: Generations") == .found(ItemIndex(2)))
        #expect(find("the usual suspects") == .found(ItemIndex(5)))
        #expect(find("Usual Suspects, The") == .found(ItemIndex(5)))
    }

    @Test func anExactNameWinsOverTitlesContainingIt() {
        // "Heat" is part of "Heat and Dust", but names "Heat (1995)" exactly (without the year).
        #expect(find("heat") == .found(ItemIndex(10)))
        // "Generations" alone is part of two titles and names neither.
        #expect(find("generations") == .ambiguous([ItemIndex(8), ItemIndex(2)]))
    }

    @Test func aUniquePartPicksItsTitle() {
        #expect(find("wrath of khan") == .found(ItemIndex(1)))
        #expect(find("toy") == .found(ItemIndex(0)))
    }

    @Test func anAmbiguousPartListsEveryCandidateBestFirst() {
        // Titles starting with the query first, then shorter ones: Generations, the exact film one
        // would mean, is among them (and first).
        guard case let .ambiguous(items) = find("Star Trek") else { Issue.record("not ambiguous"); return }
        #expect(items.map(\.position) == [2, 3, 1, 4])
        // Two films of one name: both listed, alphabetically for equal lengths.
        #expect(find("Sabrina") == .ambiguous([ItemIndex(6), ItemIndex(7)]))
        #expect(find("Sabrina (1995)") == .found(ItemIndex(7)))
    }

    @Test func equalLengthsAreListedAlphabetically() {
        let titles = ["Item 195", "Item 19", "Item 191", "Film 19"]
        #expect(TitleLookup.find("tem 19", titles: titles) == .ambiguous([ItemIndex(1), ItemIndex(2), ItemIndex(0)]))
    }

    @Test func idsAndMisses() {
        let ids = Self.titles.indices.map { String($0 + 1) }
        #expect(find("3", ids: ids) == .found(ItemIndex(2)))
        #expect(find("Solaris") == .notFound)
        #expect(find("   ") == .notFound)
    }
}
