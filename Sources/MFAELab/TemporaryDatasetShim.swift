// TEMPORARY SHIM — delete after merging main: the data branch brings `DatasetSource: Codable` and
// `load(dataDirectory:log:)`. This stand-in only lets the lab compile and test before that lands.
import Foundation
import MFAECore

extension DatasetSource: Codable {
    private enum Keys: String, CodingKey { case synthetic, folder, format }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            switch text {
            case "synthetic": self = .synthetic(SyntheticParameters())
            case "ml-100k": self = .named(text)
            default: self = .folder(path: text, format: nil)
            }
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        if container.contains(.synthetic) {
            let given = try container.decode([String: JSONValue].self, forKey: .synthetic)
            guard case var .object(all) = try JSONValue.of(SyntheticParameters()) else { throw DatasetError.invalidDataset("?") }
            all.merge(given) { $1 }
            self = .synthetic(try JSONValue.object(all).decode(SyntheticParameters.self))
        } else {
            self = .folder(path: try container.decode(String.self, forKey: .folder),
                           format: try container.decodeIfPresent(MovieLensFormat.self, forKey: .format))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case let .named(name):
            var single = encoder.singleValueContainer()
            try single.encode(name)
        case let .synthetic(parameters):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(parameters, forKey: .synthetic)
        case let .folder(path, format):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(path, forKey: .folder)
            try container.encodeIfPresent(format, forKey: .format)
        }
    }

    /// Stand-in loader: a planted low-rank synthetic set; other sources are not available yet.
    public func load(dataDirectory: URL, log: (String) -> Void) throws -> RatingSet {
        guard case let .synthetic(p) = self else { throw DatasetError.invalidDataset("only synthetic data until the data branch lands") }
        var random = SplitMix64(seed: p.seed, purpose: .synthetic)
        let userVectors = (0 ..< p.users * p.rank).map { _ in random.nextGaussian() * 0.6 }
        let itemVectors = (0 ..< p.items * p.rank).map { _ in random.nextGaussian() * 0.6 }
        var builder = RatingSetBuilder(expectedCount: p.ratings)
        var seen = Set<Int>()
        while seen.count < min(p.ratings, p.users * p.items) {
            let user = Int(random.next() % UInt64(p.users)), item = Int(random.next() % UInt64(p.items))
            guard seen.insert(user * p.items + item).inserted else { continue }
            var dot = 0.0
            for r in 0 ..< p.rank { dot += userVectors[user * p.rank + r] * itemVectors[item * p.rank + r] }
            let value = min(5, max(1, (3.5 + dot + random.nextGaussian() * p.noise).rounded()))
            builder.add(userID: "u\(user)", itemID: "i\(item)", value: Float(value))
        }
        return builder.build(name: "synthetic", titles: [:])
    }
}
