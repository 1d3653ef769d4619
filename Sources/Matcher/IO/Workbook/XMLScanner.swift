/// A streaming scanner over the UTF-8 bytes of one XML part of a workbook: start tags (with
/// their attributes, read on demand), end tags and text, as ranges into the bytes.
///
/// Why by hand rather than Foundation's `XMLParser` or SWXMLHash: measured on the worksheet of
/// a 52,000-row households workbook (release build, this machine; `benchmarks/xlsx_read.md`),
/// `XMLParser` alone took several times the one second a city's roll may take, because every
/// element and attribute crosses into Foundation strings and dictionaries, and SWXMLHash builds
/// a tree on top of it. A worksheet is a flat, machine-written vocabulary (`row`, `c`, `v`,
/// `is`, `t`), so a scanner that compares bytes and decodes only the text it keeps reads it in
/// a fraction of that.
///
/// What it accepts is XML as office programs write it: the declaration and processing
/// instructions, comments and CDATA sections; namespace prefixes on any name (compared by
/// local name). It refuses what a workbook never contains and an attack needs: a document type
/// declaration (`<!DOCTYPE`, so no entity can be declared, which rules out "billion laughs" and
/// external entities), and any entity other than the five predefined ones and character
/// references.
///
/// - Complexity: O(bytes) over the whole part; each byte is looked at a bounded number of times.
struct XMLScanner {
    enum Token: Equatable {
        /// `<name …>` (or `<name …/>`, then `selfClosing`): `name` is the local name, `tag`
        /// the bytes between `<` and `>`, for ``attribute(_:in:)``.
        case start(name: Range<Int>, tag: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Character data, entities not yet decoded (``text(_:)`` decodes it).
        case text(Range<Int>, cdata: Bool)
    }

    /// Why a part is not XML this reader takes; `offset` is the byte where it was found.
    struct Failure: Error, Equatable {
        var reason: String
        var offset: Int
    }

    let bytes: [UInt8]
    private(set) var position = 0
    /// Where scanning stops (the end of the bytes, or of a fragment).
    let end: Int
    /// Local names of the elements open at `position`, for matching end tags.
    private(set) var open: [Range<Int>] = []
    /// A fragment (a run of a worksheet's rows, read on its own thread) may end with elements
    /// open, and may close elements opened before it: those end tags are kept here.
    let isFragment: Bool
    private(set) var danglingEnds: [Range<Int>] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
        isFragment = false
        // A UTF-8 byte-order mark before the declaration is allowed.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// A scanner over `range` of `bytes` only, as a fragment.
    init(_ bytes: [UInt8], fragment range: Range<Int>) {
        self.bytes = bytes
        end = range.upperBound
        isFragment = true
        position = range.lowerBound
    }

    /// The local names of `ranges`, as text.
    func names(_ ranges: [Range<Int>]) -> [String] { ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let colon = UInt8(ascii: ":"), amp = UInt8(ascii: "&")

    /// The next token, or nil at the end of the part.
    mutating func next() throws(Failure) -> Token? {
        let n = end
        guard position < n else {
            if !isFragment, let last = open.last {
                throw Failure(reason: "the element <\(String(decoding: bytes[last], as: UTF8.self).prefix(20))> is never closed", offset: n)
            }
            return nil
        }
        if bytes[position] != Self.lt {
            let start = position
            while position < n && bytes[position] != Self.lt { position += 1 }
            return .text(start..<position, cdata: false)
        }
        let open = position
        guard open + 1 < n else { throw Failure(reason: "a '<' at the end of the part", offset: open) }
        switch bytes[open + 1] {
        case UInt8(ascii: "?"):
            position = try end(of: [UInt8(ascii: "?"), Self.gt], from: open + 2)
            return try next()
        case UInt8(ascii: "!"):
            if matches("<!--", at: open) {
                position = try end(of: Array("-->".utf8), from: open + 4)
                return try next()
            }
            if matches("<![CDATA[", at: open) {
                let body = open + 9
                position = try end(of: Array("]]>".utf8), from: body)
                return .text(body..<(position - 3), cdata: true)
            }
            throw Failure(
                reason: "a document type declaration (<!DOCTYPE or <!ENTITY), which workbooks never contain; refused",
                offset: open)
        case Self.slash:
            let close = try tagEnd(from: open + 2)
            position = close + 1
            let name = localName(in: (open + 2)..<close)
            if isFragment && self.open.isEmpty {
                danglingEnds.append(name)
                return .end(name: name)
            }
            guard let expected = self.open.popLast(), same(expected, name) else {
                throw Failure(reason: "an end tag that closes no open element of its name", offset: open)
            }
            return .end(name: name)
        default:
            let close = try tagEnd(from: open + 1)
            position = close + 1
            let selfClosing = bytes[close - 1] == Self.slash
            let tag = (open + 1)..<(selfClosing ? close - 1 : close)
            let name = localName(in: tag)
            if name.isEmpty { throw Failure(reason: "a tag without a name", offset: open) }
            if !selfClosing { self.open.append(name) }
            return .start(name: name, tag: tag, selfClosing: selfClosing)
        }
    }

    /// Skips to the end tag that closes the element just started (nesting counted).
    mutating func skipElement() throws(Failure) {
        var depth = 1
        while depth > 0, let token = try next() {
            switch token {
            case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
            case .end: depth -= 1
            case .text: break
            }
        }
        if depth > 0 { throw Failure(reason: "an element that is never closed", offset: bytes.count) }
    }

    /// The offset of the `>` that ends a tag, skipping quoted attribute values.
    private func tagEnd(from start: Int) throws(Failure) -> Int {
        let found: Int = bytes.withUnsafeBufferPointer { p in
            var i = start
            var quote: UInt8 = 0
            while i < p.count {
                let b = p[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == Self.gt {
                    return i
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == Self.lt {
                    return -1 - i
                }
                i += 1
            }
            return Int.min
        }
        if found >= 0 { return found }
        if found == Int.min { throw Failure(reason: "a tag that is never closed", offset: start - 1) }
        throw Failure(reason: "a '<' inside a tag", offset: -1 - found)
    }

    /// The offset just past `terminator`, searched from `start`.
    private func end(of terminator: [UInt8], from start: Int) throws(Failure) -> Int {
        var i = start
        let last = bytes.count - terminator.count
        while i <= last {
            if bytes[i] == terminator[0] && bytes[i..<(i + terminator.count)].elementsEqual(terminator) {
                return i + terminator.count
            }
            i += 1
        }
        throw Failure(reason: "a comment, CDATA section or instruction that never ends", offset: start)
    }

    private func matches(_ text: StaticString, at offset: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return text.withUTF8Buffer { bytes[offset..<(offset + count)].elementsEqual($0) }
    }

    /// The name at the start of `tag` without its namespace prefix.
    private func localName(in tag: Range<Int>) -> Range<Int> {
        var i = tag.lowerBound, start = tag.lowerBound
        while i < tag.upperBound {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == Self.slash { break }
            if b == Self.colon { start = i + 1 }
            i += 1
        }
        return start..<i
    }

    /// True when the bytes in `range` spell `name`.
    func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard name.utf8CodeUnitCount == range.count else { return false }
        let expected = name.utf8Start
        return bytes.withUnsafeBufferPointer { p in
            for k in 0..<range.count where p[range.lowerBound + k] != expected[k] { return false }
            return true
        }
    }

    /// True when the bytes of `a` and `b` are the same (a byte loop: the generic
    /// `elementsEqual` over array slices was a tenth of a worksheet's read time).
    func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return bytes.withUnsafeBufferPointer { p in
            for k in 0..<a.count where p[a.lowerBound + k] != p[b.lowerBound + k] { return false }
            return true
        }
    }

    /// The raw value of the attribute `name` (its local name; `prefixed` asks for one with a
    /// namespace prefix, such as `r:id`) in a start tag, or nil when absent.
    func attribute(_ name: StaticString, in tag: Range<Int>, prefixed: Bool = false) -> Range<Int>? {
        let wanted = name.utf8Start, wantedCount = name.utf8CodeUnitCount
        return bytes.withUnsafeBufferPointer { p -> Range<Int>? in
            func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var i = tag.lowerBound
            let end = tag.upperBound
            while i < end && !space(p[i]) { i += 1 }  // past the element's own name
            while i < end {
                while i < end && space(p[i]) { i += 1 }
                let nameStart = i
                var local = i
                while i < end && p[i] != UInt8(ascii: "=") && !space(p[i]) {
                    if p[i] == Self.colon { local = i + 1 }
                    i += 1
                }
                let nameEnd = i
                while i < end && (space(p[i]) || p[i] == UInt8(ascii: "=")) { i += 1 }
                guard i < end else { return nil }
                let quote = p[i]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
                let valueStart = i + 1
                i = valueStart
                while i < end && p[i] != quote { i += 1 }
                let value = valueStart..<min(i, end)
                i += 1
                guard nameEnd - local == wantedCount, (local > nameStart) == prefixed else { continue }
                var match = true
                for k in 0..<wantedCount where p[local + k] != wanted[k] { match = false; break }
                if match { return value }
            }
            return nil
        }
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Text with its entities decoded (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, `&#N;`,
    /// `&#xH;`); CDATA is taken as it is.
    func text(_ range: Range<Int>, cdata: Bool = false) throws(Failure) -> String {
        if cdata || !bytes[range].contains(Self.amp) {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            guard b == Self.amp else {
                out.append(b)
                i += 1
                continue
            }
            guard let semicolon = bytes[i..<range.upperBound].firstIndex(of: UInt8(ascii: ";")),
                  semicolon - i <= 12 else {
                throw Failure(reason: "an '&' that starts no entity", offset: i)
            }
            let name = bytes[(i + 1)..<semicolon]
            switch String(decoding: name, as: UTF8.self) {
            case "lt": out.append(Self.lt)
            case "gt": out.append(Self.gt)
            case "amp": out.append(Self.amp)
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            case let reference where reference.hasPrefix("#"):
                let digits = reference.dropFirst()
                let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw Failure(reason: "a character reference to no character", offset: i)
                }
                out += Array(String(Character(scalar)).utf8)
            default:
                throw Failure(reason: "an entity that is not defined (only &lt; &gt; &amp; &quot; &apos; are)", offset: i)
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An attribute's value as text.
    func value(_ range: Range<Int>) throws(Failure) -> String { try text(range) }
}
