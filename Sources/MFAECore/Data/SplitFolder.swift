import Foundation

/// A data set that arrives already split, so that published numbers on fixed splits, and other
/// libraries run on this harness's own splits, are comparable.
///
/// Two layouts:
/// - the files `mfae-lab data split` writes (``SplitWriter``): `train.csv`, optional `valid.csv`,
///   `test.csv` (`user_id,item_id,rating`), and optionally `users.csv` and `items.csv`, which fix
///   the dense index order (so a re-imported split trains exactly like the run it was exported from)
///   and give titles;
/// - a GroupLens fold: `u1.base`/`u1.test` … `u5`, `ua`, `ub` in an ML-100k folder, titles from `u.item`.
///
/// Every rating is tagged with its part (``RatingSet/presplit``); the `warm` and `reconstruction`
/// protocols then use those parts instead of drawing a split, carving a validation part from the
/// training part (seeded) when the folder has none.
public enum SplitFolder {
    /// The part files, in the order they are read.
    public static let partFiles: [(part: SplitPart, name: String)] = [
        (.train, "train.csv"), (.valid, "valid.csv"), (.test, "test.csv"),
    ]
    /// One user id per line after the header `user_id`, in dense index order.
    public static let usersFile = "users.csv"
    /// `item_id,title`, in dense index order.
    public static let itemsFile = "items.csv"
    /// What the split is: ``SplitManifest``.
    public static let manifestFile = "split.json"

    /// Whether `folder` holds a split written by `data split` (at least `train.csv` and `test.csv`).
    public static func holdsSplit(_ folder: URL) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: folder.appendingPathComponent("train.csv").path)
            && manager.fileExists(atPath: folder.appendingPathComponent("test.csv").path)
    }

    /// Reads the part files of `folder` into one set whose ratings carry their parts.
    /// - Throws: ``DatasetError`` naming the file and line of a problem, or an id of a part file
    ///   missing from `users.csv`/`items.csv`.
    public static func load(folder: URL, name: String) throws -> RatingSet {
        var builder = RatingSetBuilder()
        let usersURL = folder.appendingPathComponent(usersFile), itemsURL = folder.appendingPathComponent(itemsFile)
        let fixedUsers = try idColumn(of: usersURL)
        let fixedItems = try idColumn(of: itemsURL)
        for id in fixedUsers ?? [] { _ = builder.userIndex(for: id) }
        for id in fixedItems ?? [] { _ = builder.itemIndex(for: id) }
        for (part, file) in partFiles {
            let url = folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if part == .valid { continue }
                throw DatasetError.unreadable(file: url.path, reason: "no such file")
            }
            builder.part = part
            try RatingsFileReader.read(url, format: .csv, into: &builder)
        }
        if let fixedUsers, builder.userIDs.count != fixedUsers.count {
            throw DatasetError.invalidDataset(
                "\(usersURL.path): user \"\(builder.userIDs[fixedUsers.count])\" of the part files is not listed")
        }
        if let fixedItems, builder.itemIDs.count != fixedItems.count {
            throw DatasetError.invalidDataset(
                "\(itemsURL.path): item \"\(builder.itemIDs[fixedItems.count])\" of the part files is not listed")
        }
        let titles = fixedItems == nil ? [:] : try ItemsFileReader.readTitles(itemsURL, format: .csv)
        return try build(builder, name: name, titles: titles, ratingsFile: folder.appendingPathComponent("train.csv"))
    }

    /// Reads GroupLens fold `fold` (`u1` … `u5`, `ua`, `ub`) of an ML-100k folder: `<fold>.base` is
    /// the training part, `<fold>.test` the test part.
    public static func loadFold(_ fold: String, in folder: URL, name: String) throws -> RatingSet {
        var builder = RatingSetBuilder()
        for (part, suffix) in [(SplitPart.train, "base"), (.test, "test")] {
            builder.part = part
            try RatingsFileReader.read(folder.appendingPathComponent("\(fold).\(suffix)"), format: .udata, into: &builder)
        }
        let items = folder.appendingPathComponent("u.item")
        let titles = FileManager.default.fileExists(atPath: items.path)
            ? try ItemsFileReader.readTitles(items, format: .udata) : [:]
        return try build(builder, name: name, titles: titles, ratingsFile: folder.appendingPathComponent("\(fold).base"))
    }

    private static func build(_ builder: RatingSetBuilder, name: String, titles: [String: String],
                              ratingsFile: URL) throws -> RatingSet {
        let levels = builder.distinctValues()
        let (codeCount, overflow) = builder.itemIDs.count.multipliedReportingOverflow(by: levels.count)
        guard !overflow, codeCount <= Int(Int32.max) else {
            throw DatasetError.invalidDataset("\(ratingsFile.path): too many items × rating levels for Int32 codes")
        }
        return builder.build(name: name, titles: titles, noiseFloorMSE: nil, levels: levels)
    }

    /// The first field of every line after the header, or nil when the file is absent.
    private static func idColumn(of url: URL) throws -> [String]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        var ids: [String] = []
        var seen: Set<String> = []
        try ByteLines.forEachLine(inFileAt: url) { line, number in
            guard number > 1, !line.isEmpty else { return }
            var cursor = FieldCursor(line, separator: .csv)
            guard let field = cursor.next(), !field.isEmpty else {
                throw DatasetError.malformedLine(file: url.path, line: number, reason: "empty id")
            }
            let id = String(decoding: field, as: UTF8.self)
            guard seen.insert(id).inserted else {
                throw DatasetError.malformedLine(file: url.path, line: number, reason: "id \"\(id)\" listed twice")
            }
            ids.append(id)
        }
        return ids
    }
}
