/// A minimal ZIP writer for tests (stored entries, no compression), so that a test can build
/// exactly the workbook it needs: parts with odd names, XML that is broken or hostile,
/// declared sizes that lie. Independent of ZIPFoundation and libxlsxwriter.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        /// The uncompressed size written in the headers (the real one unless a test lies).
        var declaredSize: UInt32? = nil
    }

    var entries: [Entry] = []

    mutating func add(_ name: String, _ text: String) { entries.append(Entry(name: name, data: Array(text.utf8))) }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32, _ a: inout [UInt8]) { for s in [0, 8, 16, 24] { a.append(UInt8(v >> UInt32(s) & 0xFF)) } }
        for e in entries {
            let name = Array(e.name.utf8), crc = Self.crc32(e.data), offset = UInt32(out.count)
            let size = UInt32(e.data.count), declared = e.declaredSize ?? size
            le32(0x0403_4B50, &out); le16(20, &out); le16(0x0800, &out); le16(0, &out); le16(0, &out); le16(0x21, &out)
            le32(crc, &out); le32(size, &out); le32(declared, &out); le16(name.count, &out); le16(0, &out)
            out += name + e.data
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0x0800, &central); le16(0, &central)
            le16(0, &central); le16(0x21, &central); le32(crc, &central); le32(size, &central); le32(declared, &central)
            le16(name.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central)
            central += name
        }
        let start = UInt32(out.count)
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(UInt32(central.count), &out); le32(start, &out); le16(0, &out)
        return out
    }

    /// A workbook with one sheet named `sheet` whose `<sheetData>` is `rows`; `strings` are
    /// the shared-string items (`<si>` bodies), `workbookPrefix` goes before `<workbook>`.
    static func workbook(
        sheet: String = "Sheet1", rows: String, strings: [String]? = nil, sheetPath: String = "xl/worksheets/sheet1.xml",
        workbookPrefix: String = ""
    ) -> ZipBuilder {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        zip.add("xl/workbook.xml", workbookPrefix + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(sheet)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        zip.add("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>
            """)
        zip.add(sheetPath, """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
            """)
        if let strings {
            zip.add("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + strings.map { "<si>\($0)</si>" }.joined() + "</sst>")
        }
        return zip
    }
}
