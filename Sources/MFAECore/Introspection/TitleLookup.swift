import Foundation

/// How a title query resolved: one item, several candidates, or none.
public enum TitleMatch: Sendable, Equatable {
    /// The query names exactly one item.
    case found(ItemIndex)
    /// The query fits several items and names none of them exactly: every candidate, best first.
    case ambiguous([ItemIndex])
    /// No title (or id) fits the query.
    case notFound
}

/// The one way `train --similar`, `similar` and `report --probe` find an item by title.
///
/// Tried in order, case-insensitively and ignoring surrounding spaces; the first rule that fits
/// exactly one item picks it:
/// 1. the whole title (`Star Trek: Generations (1994)`), or else an item id;
/// 2. the title without its year and with a trailing article moved to the front, as MovieLens writes
///    `Usual Suspects, The (1995)`: `star trek: generations`, `the usual suspects`;
/// 3. a part of the title (`generations`).
///
/// A query that fits several items under a rule stops there: under rules 1 and 2 (two films of one
/// name, `Sabrina (1954)` and `Sabrina (1995)`) and under rule 3 (`Star Trek`) it is ambiguous, and
/// the candidates are ranked: titles that fit by an earlier rule first, then titles that start with
/// the query, then shorter titles, then alphabetically. So a query that names one title exactly
/// picks it even when it is part of others, and an ambiguous query lists the exact matches first.
public enum TitleLookup {
    /// Resolves `query` against `titles` (by dense item index) and, for rule 1, `ids`.
    public static func find(_ query: String, titles: [String], ids: [String] = []) -> TitleMatch {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return .notFound }
        let plainNeedle = plainTitle(needle)
        var exact: [Int] = [], plain: [Int] = [], part: [Int] = []
        for (index, title) in titles.enumerated() {
            let lowered = title.trimmingCharacters(in: .whitespaces).lowercased()
            if lowered == needle {
                exact.append(index)
            } else if plainTitle(lowered) == plainNeedle {
                plain.append(index)
            } else if lowered.contains(needle) {
                part.append(index)
            }
        }
        if exact.isEmpty, let id = ids.firstIndex(of: query.trimmingCharacters(in: .whitespaces)) {
            exact = [id]
        }
        if let first = [exact, plain, part].first(where: { !$0.isEmpty }), first.count == 1 {
            return .found(ItemIndex(first[0]))
        }
        let candidates = ranked(exact, needle, titles) + ranked(plain, needle, titles) + ranked(part, needle, titles)
        return candidates.isEmpty ? .notFound : .ambiguous(candidates.map(ItemIndex.init))
    }

    /// `indices` best first: titles starting with `needle`, then shorter titles, then alphabetical
    /// order, then item order.
    private static func ranked(_ indices: [Int], _ needle: String, _ titles: [String]) -> [Int] {
        indices.sorted { a, b in
            let startsA = titles[a].lowercased().hasPrefix(needle), startsB = titles[b].lowercased().hasPrefix(needle)
            if startsA != startsB { return startsA }
            if titles[a].count != titles[b].count { return titles[a].count < titles[b].count }
            let lowerA = titles[a].lowercased(), lowerB = titles[b].lowercased()
            if lowerA != lowerB { return lowerA < lowerB }
            return a < b
        }
    }

    /// A lowercased title without a trailing `(1994)` and with a trailing `, the` / `, a` / `, an`
    /// moved to the front: `usual suspects, the (1995)` → `the usual suspects`.
    static func plainTitle(_ lowered: String) -> String {
        var text = Substring(lowered).trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inside = text[text.index(after: open) ..< text.index(before: text.endIndex)]
            if inside.count == 4, inside.allSatisfy(\.isNumber) {
                text = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            }
        }
        for article in ["the", "a", "an"] where text.hasSuffix(", \(article)") {
            text = article + " " + String(text.dropLast(article.count + 2))
            break
        }
        return text
    }
}
