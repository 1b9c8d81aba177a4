import Foundation

/// Splits bytes into lines without making strings: each line is handed over as a buffer of its bytes
/// (without `\n`, `\r\n` or a leading UTF-8 byte-order mark) with its 1-based line number.
///
/// Files are read in chunks of ``chunkSize`` bytes, so memory does not grow with the file; only a
/// line cut by a chunk boundary is copied. Pointer access stays inside this type.
enum ByteLines {
    /// Bytes read from a file at a time.
    static let chunkSize = 4 << 20

    /// Calls `body` with every line of the file at `url` and its 1-based number.
    ///
    /// - Throws: ``DatasetError/unreadable(file:reason:)`` when the file cannot be opened or read,
    ///   and whatever `body` throws.
    static func forEachLine(inFileAt url: URL,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DatasetError.unreadable(file: url.path, reason: "is a folder, not a file")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        var lineNumber = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
            }
            if chunk.isEmpty { break }
            try chunk.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                if !carry.isEmpty {
                    // Finish the line the previous chunk cut.
                    guard let end = firstNewline(in: bytes, from: 0) else {
                        carry.append(contentsOf: bytes)
                        return
                    }
                    carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0 ..< end]))
                    lineNumber += 1
                    try carry.withUnsafeBufferPointer { try body(trimmed($0, lineNumber: lineNumber), lineNumber) }
                    carry.removeAll(keepingCapacity: true)
                    start = end + 1
                }
                start = try forEachCompleteLine(in: bytes, from: start, lineNumber: &lineNumber, body)
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            }
        }
        if !carry.isEmpty {
            lineNumber += 1
            try carry.withUnsafeBufferPointer { try body(trimmed($0, lineNumber: lineNumber), lineNumber) }
        }
    }

    /// Calls `body` with every line of `bytes` (the last one may lack a newline) and its 1-based number.
    static func forEachLine(in bytes: UnsafeBufferPointer<UInt8>,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var lineNumber = 0
        let start = try forEachCompleteLine(in: bytes, from: 0, lineNumber: &lineNumber, body)
        if start < bytes.count {
            lineNumber += 1
            try body(trimmed(UnsafeBufferPointer(rebasing: bytes[start...]), lineNumber: lineNumber), lineNumber)
        }
    }

    /// Calls `body` with every CSV record of `bytes` and the line number it starts on. A record ends
    /// at a newline outside double quotes, so a quoted field may hold line breaks (RFC 4180).
    static func forEachCSVRecord(in bytes: UnsafeBufferPointer<UInt8>,
                                 _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var lineNumber = 1, recordLine = 1, start = 0, isQuoted = false
        for position in 0 ..< bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                isQuoted.toggle()
            } else if byte == UInt8(ascii: "\n") {
                if !isQuoted {
                    try body(trimmed(UnsafeBufferPointer(rebasing: bytes[start ..< position]), lineNumber: recordLine),
                             recordLine)
                    start = position + 1
                    recordLine = lineNumber + 1
                }
                lineNumber += 1
            }
        }
        if start < bytes.count {
            try body(trimmed(UnsafeBufferPointer(rebasing: bytes[start...]), lineNumber: recordLine), recordLine)
        }
    }

    /// Hands over each newline-terminated line from `start`; returns where the unterminated rest begins.
    private static func forEachCompleteLine(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                            lineNumber: inout Int,
                                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Int {
        var start = start
        while let end = firstNewline(in: bytes, from: start) {
            lineNumber += 1
            try body(trimmed(UnsafeBufferPointer(rebasing: bytes[start ..< end]), lineNumber: lineNumber), lineNumber)
            start = end + 1
        }
        return start
    }

    /// The position of the first `\n` at or after `start`, found with `memchr`.
    @inline(__always)
    private static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// `line` without a trailing `\r`, and without a UTF-8 byte-order mark on line 1.
    @inline(__always)
    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> UnsafeBufferPointer<UInt8> {
        var line = line
        if let last = line.last, last == UInt8(ascii: "\r") {
            line = UnsafeBufferPointer(rebasing: line.dropLast())
        }
        if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line.dropFirst(3))
        }
        return line
    }
}
