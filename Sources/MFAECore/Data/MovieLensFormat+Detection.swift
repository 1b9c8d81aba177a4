import Foundation

/// Recognising a folder's format from the files it holds.
extension MovieLensFormat {
    /// The ratings files each format is recognised by, for messages: `*.inter, u.data, ratings.dat, ratings.csv`.
    public static var recognisedFiles: String {
        allCases.map { $0.ratingsFileName ?? "*.inter" }.joined(separator: ", ")
    }

    /// The format of the MovieLens files in `folder`, from the ratings file present: `*.inter`
    /// (RecBole), `u.data`, `ratings.dat` or `ratings.csv`.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)`` when the folder cannot be listed, and
    ///   ``DatasetError/unknownFormat(path:reason:)`` when it holds none of these files (saying which
    ///   were looked for) or files of more than one format.
    public static func detect(in folder: URL) throws -> MovieLensFormat {
        let names = try fileNames(in: folder)
        let found = allCases.filter { !$0.ratingsFiles(among: names).isEmpty }
        switch found.count {
        case 1:
            return found[0]
        case 0:
            throw DatasetError.unknownFormat(
                path: folder.path, reason: "found none of \(recognisedFiles)")
        default:
            let files = found.flatMap { $0.ratingsFiles(among: names) }.joined(separator: ", ")
            throw DatasetError.unknownFormat(
                path: folder.path,
                reason: "found ratings files of several formats (\(files)); name the format")
        }
    }

    /// Whether `folder` holds a ratings file of any format (false when it does not exist).
    public static func folderHasRatings(_ folder: URL) -> Bool {
        guard let names = try? fileNames(in: folder) else { return false }
        return allCases.contains { !$0.ratingsFiles(among: names).isEmpty }
    }

    /// The ratings file of this format in `folder`, and its items file when present.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)`` when the folder or the ratings file is
    ///   missing, ``DatasetError/unknownFormat(path:reason:)`` when a RecBole folder holds several
    ///   `.inter` files.
    public func files(in folder: URL) throws -> (ratings: URL, items: URL?) {
        let names = try Self.fileNames(in: folder)
        let candidates = ratingsFiles(among: names)
        let ratingsName: String
        if let name = ratingsFileName {
            guard candidates == [name] else {
                throw DatasetError.unreadable(file: folder.appendingPathComponent(name).path, reason: "no such file")
            }
            ratingsName = name
        } else {
            guard let first = candidates.first else {
                throw DatasetError.unreadable(file: folder.appendingPathComponent("*.inter").path,
                                              reason: "no RecBole .inter file")
            }
            guard candidates.count == 1 else {
                throw DatasetError.unknownFormat(
                    path: folder.path, reason: "several RecBole files (\(candidates.joined(separator: ", ")))")
            }
            ratingsName = first
        }
        let itemsName = itemsFileName(besideRatingsFile: ratingsName)
        return (folder.appendingPathComponent(ratingsName),
                names.contains(itemsName) ? folder.appendingPathComponent(itemsName) : nil)
    }

    /// The names among `names` that are this format's ratings file, sorted.
    private func ratingsFiles(among names: [String]) -> [String] {
        if let name = ratingsFileName { return names.contains(name) ? [name] : [] }
        return names.filter { $0.hasSuffix(".inter") && $0.count > ".inter".count }.sorted()
    }

    /// The names of the entries of `folder`.
    private static func fileNames(in folder: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw DatasetError.unreadable(file: folder.path, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw DatasetError.unreadable(file: folder.path, reason: "not a folder")
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw DatasetError.unreadable(file: folder.path, reason: DatasetError.describe(error))
        }
    }
}
