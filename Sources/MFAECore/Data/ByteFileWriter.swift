import Foundation

/// Writes bytes to a file through a buffer, appearing under its final name only when finished:
/// the bytes go to `<name>.partial`, renamed over `<name>` by ``finish()``.
struct ByteFileWriter {
    /// Bytes gathered before each write.
    private static let bufferSize = 1 << 20
    /// The file being written, under its final name.
    let url: URL
    private let partialURL: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Scratch for ``appendDecimal(_:)``.
    private var digits = [UInt8](repeating: 0, count: 20)

    /// Opens `<url>.partial` for writing, replacing any earlier one.
    /// - Throws: ``DatasetError/unreadable(file:reason:)`` (the error for files that cannot be used)
    ///   naming `url`.
    init(url: URL) throws {
        self.url = url
        partialURL = url.appendingPathExtension("partial")
        guard FileManager.default.createFile(atPath: partialURL.path, contents: nil) else {
            throw DatasetError.unreadable(file: url.path, reason: "cannot create \(partialURL.lastPathComponent)")
        }
        do {
            handle = try FileHandle(forWritingTo: partialURL)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
        buffer.reserveCapacity(Self.bufferSize + 4096)
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func append(_ text: String) throws {
        try append(Array(text.utf8))
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        buffer.append(byte)
    }

    /// Appends a non-negative integer in decimal.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0, "appendDecimal writes non-negative integers")
        var value = value, count = 0
        repeat {
            digits[count] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
            count += 1
        } while value > 0
        for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(digits[i]) }
    }

    /// Writes what is left, closes the file and renames it to ``url``.
    mutating func finish() throws {
        try flush()
        do {
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: partialURL, to: url)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
    }

    /// Closes and deletes the partial file, after an error.
    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: partialURL)
    }

    /// Writes the buffer to the file.
    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
