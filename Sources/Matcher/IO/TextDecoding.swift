#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings the readers accept.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"
}

/// Turns a file's bytes into UTF-8 bytes: strips a UTF-8 BOM, keeps valid UTF-8, and
/// otherwise decodes GB18030 (what Excel on Chinese Windows writes) with the C library's
/// iconv. Detection tries UTF-8 first because GB18030 accepts almost any byte pairs.
public enum TextDecoding {
    /// Decodes `bytes`; `encoding` nil means detect. Throws the line and column of the
    /// first undecodable byte.
    public static func utf8Bytes(
        _ bytes: [UInt8], encoding: TextEncoding?, file: String
    ) throws(InputProblem) -> [UInt8] {
        var body = bytes
        let byteOrderMark = body.starts(with: [0xEF, 0xBB, 0xBF])
        if byteOrderMark { body.removeFirst(3) }
        if encoding != .gb18030 {
            if let bad = firstInvalidUTF8(body) {
                // A UTF-8 file with one broken sequence must not be read as GB18030 (which
                // accepts most byte pairs and would turn the Chinese text into other
                // characters): a byte-order mark, or several multi-byte UTF-8 characters
                // before the bad byte, says the file is UTF-8.
                if encoding == .utf8 || byteOrderMark || multiByteCharacters(in: body[..<bad], atLeast: 4) {
                    throw problem(at: bad, in: body, file: file, expected: "UTF-8")
                }
            } else {
                return body
            }
        }
        switch gb18030ToUTF8(body) {
        case .success(let out): return out
        case .failure(let offset):
            throw problem(at: offset, in: body, file: file, expected: encoding == nil ? "UTF-8 or GB18030" : "GB18030")
        }
    }

    private static func problem(at offset: Int, in bytes: [UInt8], file: String, expected: String) -> InputProblem {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Count characters, not bytes, before the bad one (valid UTF-8 lead bytes).
        let column = 1 + bytes[lineStart..<min(offset, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
        return InputProblem(file: file, line: line, column: column, .badEncoding(expected: expected))
    }

    /// True when valid `bytes` hold at least `count` characters of two or more bytes.
    static func multiByteCharacters(in bytes: ArraySlice<UInt8>, atLeast count: Int) -> Bool {
        var found = 0
        for b in bytes where b >= 0xC2 && b <= 0xF4 {
            found += 1
            if found >= count { return true }
        }
        return false
    }

    /// Offset of the first byte that breaks UTF-8, or nil when all of `bytes` is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            if i + length > n { return i }
            for j in 1..<length {
                let c = bytes[i + j]
                if c & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    private enum Conversion { case success([UInt8]), failure(Int) }

    /// UTF-8 bytes re-encoded as GB18030 (which covers all of Unicode, so this cannot fail
    /// on valid UTF-8; the input is written by this program, so it is valid).
    public static func gb18030Bytes(fromUTF8 input: [UInt8]) -> [UInt8] {
        switch convert(input, from: "UTF-8", to: "GB18030") {
        case .success(let out): return out
        case .failure: preconditionFailure("GB18030 encodes every Unicode scalar")
        }
    }

    private static func gb18030ToUTF8(_ input: [UInt8]) -> Conversion {
        convert(input, from: "GB18030", to: "UTF-8")
    }

    private static func convert(_ input: [UInt8], from source: String, to target: String) -> Conversion {
        let cd = iconv_open(target, source)
        if cd == iconv_t(bitPattern: -1) { return .failure(0) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var input = input
        let inCount = input.count
        let result: Conversion = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inCount
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if inCount > 0 && iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    return .failure(inCount - inLeft)
                }
                return .success([UInt8](outBuf[0..<(outBuf.count - outLeft)]))
            }
        }
        return result
    }
}
