/// Builds RFC 4180 CSV text: fields with a comma, quote or line break are quoted, inner
/// quotes doubled; lines end in CRLF, as Excel writes them.
public struct CSVWriter {
    private var bytes: [UInt8] = []

    /// `byteOrderMark` puts the UTF-8 BOM first, so that Excel on Chinese Windows reads
    /// UTF-8 rather than guessing the local code page.
    public init(byteOrderMark: Bool) {
        if byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
    }

    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes += utf8
            }
        }
        bytes += [0x0D, 0x0A]
    }

    public var data: [UInt8] { bytes }
}
