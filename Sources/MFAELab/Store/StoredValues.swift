import Foundation
import MFAECore

/// Encodings of values in the database: timestamps as ISO-8601 text, float tables as
/// little-endian Float32 blobs, string lists and configurations as JSON text.
enum StoredValues {
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `2026-11-29T05:20:11.123Z`.
    static func timestamp(_ date: Date) -> String { date.formatted(timestampStyle) }

    /// Parses a timestamp written by ``timestamp(_:)``.
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? timestampStyle.parse(text)
    }

    /// Little-endian Float32 bytes.
    static func blob(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The floats of a blob written by ``blob(_:)``.
    static func floats(_ data: Data) -> [Float] {
        let bytes = [UInt8](data)
        var values = [Float](repeating: 0, count: bytes.count / 4)
        for index in values.indices {
            let b = index * 4
            let bits = UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24
            values[index] = Float(bitPattern: bits)
        }
        return values
    }

    /// Compact JSON text with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes JSON text.
    static func decode<T: Decodable>(_ type: T.Type, json text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
