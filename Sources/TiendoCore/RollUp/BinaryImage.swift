import Foundation

/// Writes a binary image (`ValueTable.writeImage`) through a buffer, flushed to `sink` a few
/// megabytes at a time: a country's table is about a gigabyte and is never held twice.
/// Numbers are written in the machine's byte order; the image starts with a byte-order mark
/// (`BinaryImageReader` refuses an image from a machine of the other order).
public final class BinaryImageWriter {
    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    private let flushAt = 8 << 20

    /// A writer handing its bytes to `sink` in order.
    public init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(flushAt + 4096)
    }

    /// Writes the fixed-size value `value` as its bytes.
    public func write<T: FixedWidthInteger>(_ value: T) throws {
        try withUnsafeBytes(of: value) { try append($0) }
    }

    public func write(_ value: Double) throws {
        try withUnsafeBytes(of: value.bitPattern) { try append($0) }
    }

    /// A string as its length in bytes (UInt32) and its UTF-8 bytes.
    public func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        try write(UInt32(clamping: bytes.count))
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// The elements of `values` as their bytes, no length.
    public func writeRaw<T: BitwiseCopyable>(_ values: some Collection<T>) throws {
        var chunk: [T] = []
        chunk.reserveCapacity(Swift.min(values.count, 1 << 16))
        for value in values {
            chunk.append(value)
            if chunk.count == 1 << 16 {
                try chunk.withUnsafeBytes { try append($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try chunk.withUnsafeBytes { try append($0) }
    }

    /// Hands everything still buffered to the sink.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushAt { try flush() }
    }
}

/// Reads what `BinaryImageWriter` wrote, checking every length against the bytes there are: a
/// truncated or damaged image throws `BinaryImageError`, never reads past its end.
public struct BinaryImageReader {
    private let bytes: UnsafeRawBufferPointer
    /// Where the next read starts.
    public private(set) var offset = 0

    /// A reader over `bytes`, which must stay valid while it is used.
    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw BinaryImageError("ảnh bị cắt cụt") }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        offset += count
        return slice
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try take(MemoryLayout<T>.size).loadUnaligned(as: T.self)
    }

    public mutating func readDouble() throws -> Double {
        Double(bitPattern: try read(UInt64.self))
    }

    public mutating func readString() throws -> String {
        let length = Int(try read(UInt32.self))
        let slice = try take(length)
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw BinaryImageError("ảnh có một chuỗi không phải UTF-8")
        }
        return text
    }

    /// `count` elements written by `writeRaw`.
    public mutating func readRaw<T: BitwiseCopyable>(_: T.Type, count: Int) throws -> [T] {
        guard count >= 0, count <= (bytes.count - offset) / Swift.max(MemoryLayout<T>.stride, 1) else {
            throw BinaryImageError("ảnh bị cắt cụt")
        }
        let slice = try take(count * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let source = slice.baseAddress, let target = buffer.baseAddress, count > 0 {
                UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: slice.count)
            }
            initialized = count
        }
    }

    /// A count read as UInt64, refused when it exceeds `limit` (no image holds more).
    public mutating func readCount(atMost limit: Int) throws -> Int {
        let count = try read(UInt64.self)
        guard limit >= 0, count <= UInt64(limit) else { throw BinaryImageError("ảnh ghi một số lượng không hợp lệ") }
        return Int(count)
    }
}

/// An image that cannot be read: truncated, damaged or of another format. The reason, in
/// Vietnamese, is for the server log.
public struct BinaryImageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
