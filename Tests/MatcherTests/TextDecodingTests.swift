import Foundation
import Testing
@testable import Matcher

/// UTF-8 (with or without BOM), GB18030 detection, forced encodings, and the position of
/// bytes that are neither.
@Suite struct TextDecodingTests {
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// "张三" in GB18030 (张 = D5 C5, 三 = C8 FD).
    private static let zhangSanGB: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]

    private func decode(_ bytes: [UInt8], _ encoding: TextEncoding? = nil) throws(InputProblem) -> String {
        String(decoding: try TextDecoding.utf8Bytes(bytes, encoding: encoding, file: "f.csv"), as: UTF8.self)
    }

    /// Converts UTF-8 text to GB18030 with the system's iconv tool.
    private func gb18030(_ text: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](data)
    }

    @Test func utf8WithoutBOMIsKept() throws {
        let text = "户编号,户主姓名\nH1,张三\n"
        #expect(try TextDecoding.utf8Bytes(Array(text.utf8), encoding: nil, file: "f") == Array(text.utf8))
    }

    @Test func utf8BOMIsRemoved() throws {
        let text = "id,name\nH1,张三\n"
        #expect(try decode(Self.bom + Array(text.utf8)) == text)
        #expect(try decode(Self.bom + Array(text.utf8), .utf8) == text)
        #expect(try decode(Self.bom) == "")
        #expect(try decode([]) == "")
    }

    @Test func hardCodedGB18030IsDetected() throws {
        #expect(try decode(Array("id,name\nH1,".utf8) + Self.zhangSanGB + [0x0A]) == "id,name\nH1,张三\n")
    }

    @Test func gb18030FromIconvIsDetected() throws {
        let text = "户编号,户主姓名,区,街道,社区\nH1,张三,西岗区,站北街道,旗兴社区\n"
        let bytes = try gb18030(text)
        #expect(bytes != Array(text.utf8))
        #expect(Array(bytes.prefix(4)) == [0xBB, 0xA7, 0xB1, 0xE0], "户编 in GB18030")
        #expect(try decode(bytes) == text)
        #expect(try decode(bytes, .gb18030) == text)
    }

    @Test func gb18030HouseholdsFileReadsThroughRollReader() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let households = dir.write("households.csv", bytes: try gb18030(
            "户编号,户主姓名,区,街道,社区,困难程度\nH1,张三,西岗区,站北街道,旗兴社区,3\n"))
        let helpers = dir.write("helpers.csv", bytes: try gb18030("编号,名称,类型\nG1,李四,干部\n"))
        let roll = try RollReader.read(households: households, helpers: helpers)
        #expect(roll.households.names == ["张三"])
        #expect(roll.places.streetNames == ["站北街道"])
        #expect(roll.helpers.kinds == [.cadre])
        // Forcing UTF-8 on GB18030 bytes names the first bad byte of each file.
        #expect(throws: InputProblems([
            InputProblem(file: households, line: 1, column: 1, .badEncoding(expected: "UTF-8")),
            InputProblem(file: helpers, line: 1, column: 1, .badEncoding(expected: "UTF-8")),
        ])) {
            try RollReader.read(households: households, helpers: helpers, encoding: .utf8)
        }
    }

    @Test func latin1InvalidInBothIsReportedWithLineAndColumn() {
        // "café" in Latin-1: é = 0xE9, then a line feed, which is no GB18030 trail byte.
        let bytes = Array("id,name\nH1,caf".utf8) + [0xE9] + Array("\nH2,x\n".utf8)
        #expect(throws: InputProblem(file: "f.csv", line: 2, column: 7, .badEncoding(expected: "UTF-8 or GB18030"))) {
            try decode(bytes)
        }
        // 0xFF is never valid in either encoding.
        #expect(throws: InputProblem(file: "f.csv", line: 3, column: 3, .badEncoding(expected: "UTF-8 or GB18030"))) {
            try decode(Array("a\n\nxy".utf8) + [0xFF] + Array("z\n".utf8))
        }
        // At the very end of the file (an incomplete sequence).
        #expect(throws: InputProblem(file: "f.csv", line: 1, column: 4, .badEncoding(expected: "UTF-8 or GB18030"))) {
            try decode(Array("caf".utf8) + [0xE9])
        }
    }

    @Test func forcedUTF8RejectsGB18030AtTheFirstBadByte() {
        // D5 is a UTF-8 lead byte but C5 is no continuation byte.
        let bytes = Array("id,name\nH1,".utf8) + Self.zhangSanGB + [0x0A]
        #expect(throws: InputProblem(file: "f.csv", line: 2, column: 4, .badEncoding(expected: "UTF-8"))) {
            try decode(bytes, .utf8)
        }
    }

    @Test func forcedUTF8AcceptsValidUTF8() throws {
        #expect(try decode(Array("id\n张三\n".utf8), .utf8) == "id\n张三\n")
    }

    @Test func forcedGB18030IsObeyedWithoutDetection() throws {
        #expect(try decode(Array("id,name\nH1,x\n".utf8), .gb18030) == "id,name\nH1,x\n")
        // UTF-8 bytes of 张三 (E5 BC A0 E4 B8 89) read as GB18030 are three other characters.
        let misread = try decode(Array("张三".utf8), .gb18030)
        #expect(misread != "张三")
        #expect(misread == "寮犱笁")
        // A BOM is still removed.
        #expect(try decode(Self.bom + Self.zhangSanGB, .gb18030) == "张三")
    }

    @Test func forcedGB18030ReportsItsOwnEncoding() {
        #expect(throws: InputProblem(file: "f.csv", line: 2, column: 1, .badEncoding(expected: "GB18030"))) {
            try decode(Array("a\n".utf8) + [0xFF], .gb18030)
        }
    }

    @Test func validUTF8IsPreferredOverGB18030() throws {
        // These bytes are valid both ways; detection must keep them as UTF-8.
        #expect(try decode(Array("张三".utf8)) == "张三")
    }

    @Test func firstInvalidUTF8FindsOverlongsSurrogatesAndTruncation() {
        #expect(TextDecoding.firstInvalidUTF8(Array("ok 张".utf8)) == nil)
        #expect(TextDecoding.firstInvalidUTF8([0x61, 0xC0, 0x80]) == 1)  // overlong
        #expect(TextDecoding.firstInvalidUTF8([0xE0, 0x80, 0x80]) == 0)  // overlong 3-byte
        #expect(TextDecoding.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(TextDecoding.firstInvalidUTF8([0x61, 0xE5, 0xBC]) == 1)  // truncated
        #expect(TextDecoding.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(TextDecoding.firstInvalidUTF8([0xF0, 0x9F, 0x98, 0x80]) == nil)  // 😀
    }
}
