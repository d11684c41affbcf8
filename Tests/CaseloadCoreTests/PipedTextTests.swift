import Testing
@testable import CaseloadCore

@Suite struct PipedTextTests {
    @Test func textWithinTheLimitIsKeptByteForByte() throws {
        let text = "Siân rang: 李明 🙂\nline two\r\n"
        #expect(try PipedText.decode(Array(text.utf8)) == text)
        #expect(try PipedText.decode(Array(repeating: UInt8(ascii: "x"), count: 10), limit: 10).count == 10)
    }

    @Test func oneByteOverTheLimitIsRefused() {
        #expect(throws: CaseloadError.self) { try PipedText.decode(Array(repeating: UInt8(ascii: "x"), count: 11), limit: 10) }
    }

    @Test func aNulOrBytesThatAreNotUTF8AreRefusedNamingWhere() {
        do {
            _ = try PipedText.decode([0x61, 0x62, 0x00, 0x63])
            Issue.record("a NUL was taken")
        } catch let error as CaseloadError {
            #expect(error.message.contains("a NUL byte at byte 3"))
        } catch { Issue.record("\(error)") }
        // "é" takes two bytes, so the stray byte after it is the fourth.
        do {
            _ = try PipedText.decode(Array("aé".utf8) + [0xFF, 0x62])
            Issue.record("a stray byte was taken")
        } catch let error as CaseloadError {
            #expect(error.message.contains("not UTF-8 text at byte 4"))
        } catch { Issue.record("\(error)") }
        // A sequence cut short at the end is not UTF-8 either.
        #expect(throws: CaseloadError.self) { try PipedText.decode([0x61, 0xE2, 0x82]) }
    }
}
