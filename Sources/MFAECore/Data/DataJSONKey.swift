/// A coding key made from any string, used to list the keys a JSON object really has so that
/// unknown ones can be rejected by name (`JSONDecoder` silently ignores them otherwise).
struct DataJSONKey: CodingKey, Hashable {
    /// The key as written in the JSON.
    var stringValue: String
    /// Always nil: data set objects have no integer keys.
    var intValue: Int? { nil }

    /// Wraps a key name.
    init(_ name: String) { stringValue = name }
    /// Wraps a key name.
    init?(stringValue: String) { self.stringValue = stringValue }
    /// Not used: data set objects have no integer keys.
    init?(intValue: Int) { return nil }

    /// Throws a `DecodingError` naming the first key of `container` that is not in `allowed`.
    ///
    /// The error's coding path ends at the unknown key and its description names the key and the
    /// keys that are allowed, e.g. `unknown key "user" (allowed: users, items, …)`.
    static func rejectUnknownKeys(in container: KeyedDecodingContainer<DataJSONKey>, allowed: [String]) throws {
        let known = Set(allowed)
        // Sorted so that the error names the same key whatever order the decoder lists them in.
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        if let key = unknown.first {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath + [DataJSONKey(key)],
                debugDescription: "unknown key \"\(key)\" (allowed: \(allowed.joined(separator: ", ")))"))
        }
    }
}
