import Foundation

/// JSON forms of a data set, and the `--dataset` flag.
///
/// | JSON                                   | source                                   |
/// |----------------------------------------|------------------------------------------|
/// | `"synthetic"`                          | `.synthetic(SyntheticParameters())`      |
/// | `"./ml"`, `"/data/ml-1m"`, `"a/b"`     | `.folder(path:format: nil)` (has `/` or starts with `.`) |
/// | `"ml-100k"`, any other name            | `.named(name)`                           |
/// | `{"synthetic": {"users": 500}}`        | `.synthetic(…)`, missing keys default    |
/// | `{"folder": "path", "format": "dat"}`  | `.folder(…)`, `format` optional          |
/// | `{"folder": "path", "fold": "u1"}`     | `.fold(…)`: GroupLens's `u1.base`/`u1.test` |
///
/// Unknown keys are errors that name the key. Encoding always writes the object forms for
/// synthetic and folder sources, with every parameter, so that a stored record keeps its meaning
/// if defaults change.
extension DatasetSource: Codable {
    /// The keys of the object forms.
    private enum Key {
        static let synthetic = "synthetic", folder = "folder", format = "format", fold = "fold"
    }

    /// Decodes any of the forms in the table above.
    public init(from decoder: Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            do {
                self = try DatasetSource(text: text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
            }
            return
        }
        let container = try decoder.container(keyedBy: DataJSONKey.self)
        if container.contains(DataJSONKey(Key.synthetic)) {
            try DataJSONKey.rejectUnknownKeys(in: container, allowed: [Key.synthetic])
            self = .synthetic(try container.decode(SyntheticParameters.self, forKey: DataJSONKey(Key.synthetic)))
        } else if container.contains(DataJSONKey(Key.folder)) {
            try DataJSONKey.rejectUnknownKeys(in: container, allowed: [Key.folder, Key.format, Key.fold])
            let path = try container.decode(String.self, forKey: DataJSONKey(Key.folder))
            guard !path.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: DataJSONKey(Key.folder), in: container,
                                                       debugDescription: "empty folder path")
            }
            if let fold = try container.decodeIfPresent(String.self, forKey: DataJSONKey(Key.fold)) {
                guard !fold.isEmpty, !fold.contains("/"), !container.contains(DataJSONKey(Key.format)) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: DataJSONKey(Key.fold), in: container,
                        debugDescription: "a fold is a GroupLens split name such as \"u1\" (files u1.base, u1.test), without \"format\"")
                }
                self = .fold(path: path, fold: fold)
                return
            }
            let format = try container.decodeIfPresent(MovieLensFormat.self, forKey: DataJSONKey(Key.format))
            self = .folder(path: path, format: format)
        } else {
            try DataJSONKey.rejectUnknownKeys(in: container, allowed: [Key.synthetic, Key.folder, Key.format])
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a data set object needs a \"synthetic\" or a \"folder\" key"))
        }
    }

    /// Encodes names as strings and the other sources as objects with every field.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case let .named(name):
            var container = encoder.singleValueContainer()
            try container.encode(name)
        case let .synthetic(parameters):
            var container = encoder.container(keyedBy: DataJSONKey.self)
            try container.encode(parameters, forKey: DataJSONKey(Key.synthetic))
        case let .folder(path, format):
            var container = encoder.container(keyedBy: DataJSONKey.self)
            try container.encode(path, forKey: DataJSONKey(Key.folder))
            try container.encodeIfPresent(format, forKey: DataJSONKey(Key.format))
        case let .fold(path, fold):
            var container = encoder.container(keyedBy: DataJSONKey.self)
            try container.encode(path, forKey: DataJSONKey(Key.folder))
            try container.encode(fold, forKey: DataJSONKey(Key.fold))
        }
    }

    /// Parses the `--dataset` flag: a string form (`ml-100k`, `synthetic`, a path) or, when it starts
    /// with `{` or `"`, any JSON form.
    ///
    /// - Throws: ``DatasetError/invalidDataset(_:)`` with the JSON error's path and reason.
    public static func parse(_ text: String) throws -> DatasetSource {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("\"") else { return try DatasetSource(text: trimmed) }
        do {
            return try JSONDecoder().decode(DatasetSource.self, from: Data(trimmed.utf8))
        } catch let error as DecodingError {
            throw DatasetError.invalidDataset("dataset: \(Self.describe(error))")
        } catch {
            throw DatasetError.invalidDataset("dataset: \(error)")
        }
    }

    /// The string form: `synthetic`, a folder path (has `/` or starts with `.`), or a name.
    private init(text: String) throws {
        if text == Key.synthetic {
            self = .synthetic(SyntheticParameters())
        } else if text.contains("/") || text.hasPrefix(".") {
            self = .folder(path: text, format: nil)
        } else if text.isEmpty || text.contains(where: \.isWhitespace) {
            throw DatasetError.invalidDataset(
                "dataset: \"\(text)\" is not a data set name, a folder path (with /) or \"synthetic\"")
        } else {
            self = .named(text)
        }
    }

    /// `at synthetic.user: unknown key "user" (allowed: …)`: where in the JSON, and what is wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : "at \(keys.joined(separator: ".")): "
        }
        switch error {
        case let .dataCorrupted(context):
            return path(context) + context.debugDescription
        case let .keyNotFound(key, context):
            return path(context) + "missing key \"\(key.stringValue)\""
        case let .typeMismatch(type, context):
            return path(context) + "expected \(type): \(context.debugDescription)"
        case let .valueNotFound(type, context):
            return path(context) + "expected \(type), found null"
        @unknown default:
            return "\(error)"
        }
    }
}
