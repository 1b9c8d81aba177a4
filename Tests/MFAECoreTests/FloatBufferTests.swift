import Testing
@testable import MFAECore

@Suite struct FloatBufferTests {
    @Test func largeBuffersAreHugePageAlignedAndFilled() {
        let count = FloatBuffer.hugePageThreshold / 4 * 3 + 5  // not a multiple of a page
        for _ in 0 ..< 20 {  // mapped and unmapped again each time
            let buffer = FloatBuffer(count: count, repeating: 1.5)
            #expect(Int(bitPattern: buffer.pointer) % HugePageMapping.alignment == 0)
            #expect(buffer.count == count)
            #expect(buffer[0] == 1.5 && buffer[count - 1] == 1.5)
            buffer[count - 1] = 7
            #expect(buffer.array.reduce(0, +) == 1.5 * Float(count - 1) + 7)
        }
    }

    @Test func smallBuffersAreCacheLineAligned() {
        let buffer = FloatBuffer([1, 2, 3])
        #expect(Int(bitPattern: buffer.pointer) % FloatBuffer.alignment == 0)
        #expect(buffer.array == [1, 2, 3])
        buffer.fill(4)
        #expect(buffer.array == [4, 4, 4])
    }
}
