import Foundation
@testable import MFAECore
import MFAETestSupport
import Testing

/// The byte-level pieces under the readers: numbers, fields, lines across chunk boundaries.
@Suite struct DataParsingTests {
    static func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(arguments: ["4", "3.5", "0.5", "4.0", "-1.25", " 2.5 ", "123456.7891", "1e0", "0.1", "3.", "1234567.5"])
    func ratingsParseLikeFloatInit(text: String) {
        let parsed = Self.withBytes(text) { DecimalParsing.rating($0) }
        let expected = Float(text.trimmingCharacters(in: .whitespaces))
        #expect(parsed == expected, "\(text)")
    }

    @Test(arguments: ["", "abc", "4,5", "--1", "."])
    func nonNumbersAreNil(text: String) {
        #expect(Self.withBytes(text) { DecimalParsing.rating($0) } == nil)
    }

    @Test func canonicalIntegers() {
        #expect(Self.withBytes("0") { DecimalParsing.canonicalInteger($0) } == 0)
        #expect(Self.withBytes("162541") { DecimalParsing.canonicalInteger($0) } == 162_541)
        #expect(Self.withBytes("01") { DecimalParsing.canonicalInteger($0) } == nil)
        #expect(Self.withBytes("1a") { DecimalParsing.canonicalInteger($0) } == nil)
        #expect(Self.withBytes("") { DecimalParsing.canonicalInteger($0) } == nil)
    }

    @Test func csvFields() {
        let fields: [String] = Self.withBytes(#"11,"American President, The (1995)","Say ""Hi""",,x"#) { line in
            var cursor = FieldCursor(line, separator: .csv)
            var fields: [String] = []
            while let field = cursor.next() {
                fields.append(TitleText.decode(field, encoding: .utf8, unescapingQuotes: cursor.lastFieldHasEscapedQuotes))
            }
            #expect(!cursor.hasQuoteError)
            return fields
        }
        #expect(fields == ["11", "American President, The (1995)", "Say \"Hi\"", "", "x"])
    }

    @Test func doubleColonFields() {
        let fields: [String] = Self.withBytes("1::Toy Story: Part 1 (1995)::Animation") { line in
            var cursor = FieldCursor(line, separator: .doubleColon)
            var fields: [String] = []
            while let field = cursor.next() { fields.append(String(decoding: field, as: UTF8.self)) }
            return fields
        }
        #expect(fields == ["1", "Toy Story: Part 1 (1995)", "Animation"])
    }

    @Test func linesAcrossChunkBoundaries() throws {
        // More than two chunks of lines of varying length, so lines are cut at the boundaries.
        try TemporaryDirectory.with { folder in
            var text = ""
            var expected: [String] = []
            var index = 0
            while text.utf8.count < 2 * ByteLines.chunkSize + 1_000 {
                let line = "\(index)\t\(String(repeating: "x", count: index % 97))"
                expected.append(line)
                text += line + (index % 5 == 0 ? "\r\n" : "\n")
                index += 1
            }
            text += "last line without newline"
            expected.append("last line without newline")
            let file = try folder.write(text, to: "lines.txt")
            var seen: [String] = []
            try ByteLines.forEachLine(inFileAt: file) { line, number in
                #expect(number == seen.count + 1)
                seen.append(String(decoding: line, as: UTF8.self))
            }
            #expect(seen.count == expected.count)
            #expect(seen == expected)
        }
    }

    @Test func levelsAreDistinctAscending() {
        #expect(RatingLevels.distinct([3, 3, 1, 5, 1, 3.5]) == [1, 3, 3.5, 5])
        let many = (0 ..< 100).map { Float($0) / 4 }
        #expect(RatingLevels.distinct(many.reversed() + many) == many)
        #expect(RatingLevels.index(of: 3.5, in: [1, 3, 3.5, 5]) == 2)
        #expect(RatingLevels.index(of: 2, in: [1, 3, 3.5, 5]) == nil)
    }
}
