import Foundation

/// Loads a folder of MovieLens files into a ``RatingSet``.
///
/// ```swift
/// let set = try DatasetLoader.load(folder: URL(fileURLWithPath: "data/ml-1m"), format: nil, name: "ml-1m")
/// ```
/// The format is detected from the files present when not given (``MovieLensFormat/detect(in:)``);
/// a folder holding `train.csv` and `test.csv` is a pre-split set (``SplitFolder``).
/// The items file is optional: without it every title is the item's id. Users and items are
/// numbered in order of first appearance in the ratings file; each user's ratings keep file order.
public enum DatasetLoader {
    /// Reads the ratings (and titles and genres, when the items file is there) of `folder`.
    ///
    /// - Parameters:
    ///   - folder: the folder holding the files.
    ///   - format: the files' format, or nil to detect it.
    ///   - name: the set's display name (``RatingSet/name``).
    /// - Throws: ``DatasetError`` naming the folder, or the file and 1-based line, of the problem:
    ///   `unknownFormat`, `unreadable`, `malformedLine`, `emptyFile`, or `invalidDataset` when
    ///   `items × levels` exceeds the `Int32` code range.
    public static func load(folder: URL, format: MovieLensFormat? = nil, name: String) throws -> RatingSet {
        if format == nil, SplitFolder.holdsSplit(folder) { return try SplitFolder.load(folder: folder, name: name) }
        let format = try format ?? MovieLensFormat.detect(in: folder)
        let files = try format.files(in: folder)
        let builder = try RatingsFileReader.read(files.ratings, format: format)
        let items = try files.items.map { try ItemsFileReader.read($0, format: format) } ?? ItemsFileReader.Contents()
        let levels = builder.distinctValues()
        let levelCount = levels.count
        let (codeCount, overflow) = builder.itemIDs.count.multipliedReportingOverflow(by: levelCount)
        guard !overflow, codeCount <= Int(Int32.max) else {
            throw DatasetError.invalidDataset(
                "\(files.ratings.path): \(builder.itemIDs.count) items × \(levelCount) rating levels is more "
                    + "codes than fit in Int32")
        }
        var set = builder.build(name: name, titles: items.titles, noiseFloorMSE: nil, levels: levels)
        set.itemGenres = ItemGenres(itemIDs: set.itemIDs, byID: items.genres)
        return set
    }
}
