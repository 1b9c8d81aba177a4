/// The probe item's nearest items for the best autoencoder and MF runs, side by side.
enum NeighbourSection {
    /// The section.
    static func blocks(_ neighbours: NeighbourComparison, probe: String) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Item neighbours")]
        switch neighbours {
        case .noTitles:
            blocks.append(.paragraph("The data set's item titles are not available, so no item neighbours are listed."))
        case let .probeNotFound(text):
            blocks.append(.paragraph(.text("No item title contains “\(text)”, so no item neighbours are listed. Choose another probe with ")
                + .code("--probe TITLE") + "."))
        case let .probeAmbiguous(text, candidates):
            let shown = candidates.prefix(10).map { "“\($0)”" }.joined(separator: ", ") + (candidates.count > 10 ? ", …" : "")
            blocks.append(.paragraph(.text("“\(text)” fits \(candidates.count) titles (\(shown)) and names none of them, so no item "
                + "neighbours are listed. Give the whole title (the year may be left out) with ") + .code("--probe TITLE") + "."))
        case .noItemParameters:
            blocks.append(.paragraph("No best autoencoder or MF run kept its decoder item vectors, so no item neighbours are listed."))
        case let .found(title, item, lists):
            let runs = lists.map { list in
                RichText.text("\(list.model.shortName): run ") + .code(list.run.shortID)
                    + .text(" (\(list.evaluationProtocol.rawValue), seed \(list.run.seed))")
            }
            blocks.append(.paragraph(.text("The \(ProbeNeighbours.count) items nearest to ") + .strong(title)
                + .text(" (item \(item), found by “\(probe)”) in the decoder's item vectors, the probe itself excluded. Each model's "
                    + "run is the seed with the lowest validation RMSE of its best configuration: ") + runs.joined(separator: "; ") + "."))
            blocks.append(.heading(level: 3, text: "Nearest by Euclidean distance"))
            blocks.append(.table(table(lists, scoreName: "distance", pick: \.euclidean)))
            blocks.append(.heading(level: 3, text: "Most similar by cosine similarity"))
            blocks.append(.table(table(lists, scoreName: "cosine", pick: \.cosine)))
        }
        return blocks
    }

    static func table(_ lists: [ProbeNeighbours], scoreName: String, pick: KeyPath<ProbeNeighbours, [ProbeNeighbours.Neighbour]>) -> ReportTable {
        let depth = lists.map { $0[keyPath: pick].count }.max() ?? 0
        let rows = (0..<depth).map { rank -> [RichText] in
            var cells: [RichText] = [.text(String(rank + 1))]
            for list in lists {
                let neighbours = list[keyPath: pick]
                if rank < neighbours.count {
                    cells += [.text(neighbours[rank].title), .text(NumberFormat.fixed(neighbours[rank].score))]
                } else {
                    cells += ["—", "—"]
                }
            }
            return cells
        }
        var header = ["#"]
        var alignments: [ReportTable.Alignment] = [.right]
        for list in lists {
            header += [list.model.shortName, scoreName]
            alignments += [.left, .right]
        }
        return ReportTable(header: header, alignments: alignments, rows: rows)
    }
}
