import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// GroupLens ML-100k (`u.data`, `u.item`) and ML-1M/10M (`ratings.dat`, `movies.dat`).
@Suite struct ReaderGroupLensTests {
    /// `text` in Latin-1: one byte per character (all characters must be below U+0100).
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8($0.value) }
    }

    @Test func readsUDataWithLatin1Titles() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t242\t1\t878887116\n", to: "u.data")
            let uItem = "242|Kolya (1996)|24-Jan-1997||http://example.invalid/|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "302|Misérables, Les (1995)|01-Jan-1995||http://example.invalid/|0|0|0|0|0|0|0|0|1|0|0|0|1|0|0|0|0|0|0\n"
            let bytes = Self.latin1(uItem)
            #expect(bytes.contains(0xE9))  // é as one Latin-1 byte: not valid UTF-8
            try folder.write(bytes: bytes, to: "u.item")
            let set = try DatasetLoader.load(folder: folder.url, name: "ml-100k")
            #expect(set.userIDs == ["196", "186", "22"])
            #expect(set.itemIDs == ["242", "302"])
            #expect(set.itemTitles == ["Kolya (1996)", "Misérables, Les (1995)"])
            #expect(set.levels == [1, 3])
            #expect(set.count == 3)
        }
    }

    @Test func uItemMayHaveJustIdAndTitle() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1\t2\t5\t0\n", to: "u.data")
            try folder.write("2|Heat (1995)\n", to: "u.item")
            let set = try DatasetLoader.load(folder: folder.url, format: .udata, name: "tiny")
            #expect(set.itemTitles == ["Heat (1995)"])
        }
    }

    @Test func readsDatWithLatin1Titles() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n", to: "ratings.dat")
            let movies = "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
                + "661::Cérémonie, La (1995)::Drama|Thriller\n"
            try folder.write(bytes: Self.latin1(movies), to: "movies.dat")
            let set = try DatasetLoader.load(folder: folder.url, name: "ml-1m")
            #expect(set.userIDs == ["1", "2"])
            #expect(set.itemIDs == ["1193", "661"])
            #expect(set.itemTitles == ["One Flew Over the Cuckoo's Nest (1975)", "Cérémonie, La (1995)"])
            #expect(set.levels == [3, 4, 5])
        }
    }

    @Test func readsUTF8MoviesDat() throws {
        // ML-10M's movies.dat is UTF-8; a valid UTF-8 file is read as UTF-8.
        try TemporaryDirectory.with { folder in
            try folder.write("1::5::4.5::0\n", to: "ratings.dat")
            try folder.write("5::Á köldum klaka (Cold Fever) (1994)::Comedy|Drama\n", to: "movies.dat")
            let set = try DatasetLoader.load(folder: folder.url, name: "ml-10m")
            #expect(set.itemTitles == ["Á köldum klaka (Cold Fever) (1994)"])
            #expect(set.levels == [4.5])
        }
    }

    @Test func acceptsWindowsLineEndingsAndNoFinalNewline() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1::10::5::0\r\n2::10::4::0", to: "ratings.dat")
            let set = try DatasetLoader.load(folder: folder.url, name: "crlf")
            #expect(set.count == 2)
            #expect(set.levels == [4, 5])
        }
    }

    @Test func itemsFileIsOptional() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1\t10\t4\t0\n", to: "u.data")
            let set = try DatasetLoader.load(folder: folder.url, name: "no-items")
            #expect(set.itemTitles == ["10"])
        }
    }
}
