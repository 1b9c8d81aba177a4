import Foundation

/// Writes bytes to a file through a buffer, appearing under its final name only when finished:
/// the bytes go to `<name>.partial`, renamed over `<name>` by ``finish()``.
///
/// The buffer is one allocation owned by this object; ``append(_:)-(UnsafeBufferPointer<UInt8>)``
/// is a bounds check and a `memcpy`, so a hot loop can write millions of short lines cheaply.
final class ByteFileWriter {
    /// Bytes gathered before each write.
    private static let capacity = 1 << 20
    /// The file being written, under its final name.
    let url: URL
    private let partialURL: URL
    private let handle: FileHandle
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

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
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Appends bytes, writing the buffer out first when they do not fit.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if count + bytes.count > buffer.count {
            try flush()
            if bytes.count > buffer.count {
                try write(bytes)
                return
            }
        }
        guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
        (target + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends bytes.
    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try append($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    func append(_ text: String) throws {
        try append(Array(text.utf8))
    }

    /// Appends one byte.
    @inline(__always)
    func append(byte: UInt8) throws {
        if count == buffer.count { try flush() }
        buffer[count] = byte
        count += 1
    }

    /// Appends a non-negative integer in decimal.
    @inline(__always)
    func appendDecimal(_ value: Int) throws {
        precondition(value >= 0, "appendDecimal writes non-negative integers")
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            try append(byte: UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// Writes what is left, closes the file and renames it to ``url``.
    func finish() throws {
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

    /// Writes the buffer to the file and empties it.
    private func flush() throws {
        guard count > 0 else { return }
        try write(UnsafeBufferPointer(rebasing: buffer[0 ..< count]))
        count = 0
    }

    /// Writes `bytes` to the file.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        do {
            try handle.write(contentsOf: UnsafeRawBufferPointer(bytes))
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: DatasetError.describe(error))
        }
    }
}
