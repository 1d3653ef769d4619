import CXLSXWriter
import Foundation
import ZIPFoundation

/// The ZIP container of an .xlsx workbook, read from its bytes with ZIPFoundation: finds
/// parts by name whatever their case or slash (`XL\Workbook.xml` as some generators write
/// it), and unpacks a part only after checking that it fits the memory budget.
///
/// A ZIP bomb (a small file that unpacks to gigabytes) is refused twice over: before
/// unpacking, from the sizes the archive declares, against the memory budget; while
/// unpacking, a part that grows past its declared size stops at once.
struct WorkbookArchive {
    /// Why the archive cannot be read.
    enum Failure: Error, Equatable {
        /// Not a ZIP archive ZIPFoundation can open, or a part that does not unpack.
        case corrupt(String)
        /// A ZIP archive without a workbook in it (an .ods, a .docx, any other ZIP).
        case notAWorkbook(what: String)
        /// The parts to read unpack to more than the budget allows.
        case tooLarge(part: String, bytes: Int, limit: Int)
    }

    /// Memory needed per unpacked byte of a part: the XML itself, and the cell texts and rows
    /// built from it (measured peak for the 52,000-row households sheet: under 3×).
    static let bytesPerUnpackedByte = 4
    /// More entries than any workbook has; a ZIP with more is refused before it is indexed.
    static let maximumEntries = 100_000

    private let archive: Archive
    /// Entries by normalized path (lowercase, forward slashes, no leading slash).
    private let entries: [String: Entry]
    let budget: MemoryBudget

    /// True when `bytes` start like a ZIP archive (a local file header, or the end record of
    /// an empty archive).
    static func looksLikeZIP(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// Opens the archive in `bytes`. ZIPFoundation reads it from a private temporary file,
    /// removed at once (the open file stays readable): its in-memory archive traps on a
    /// damaged directory that points past the end (found by fuzzing, see
    /// Fuzz/regressions/roll-xlsx-zipfoundation-memory-read-past-end), where a file read
    /// there simply returns nothing.
    init(bytes: [UInt8], budget: MemoryBudget) throws(Failure) {
        self.budget = budget
        let temporary = FileManager.default.temporaryDirectory.path
            + "/.match-workbook-\(getpid())-\(UInt32.random(in: .min ... .max))"
        PendingFiles.add(temporary)
        defer {
            unlink(temporary)
            PendingFiles.remove(temporary)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .corrupt("no temporary file to read it from (\(String(cString: strerror(errno))))") }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
        close(fd)
        guard written else { throw .corrupt("no room to unpack it in the temporary folder") }
        do {
            archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .read)
        } catch {
            throw .corrupt("it is not a ZIP archive that can be opened (\(error))")
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            if count > Self.maximumEntries {
                throw .corrupt("it holds more than \(Self.maximumEntries) parts, which no workbook has")
            }
            entries[Self.normalized(entry.path)] = entry
        }
        self.entries = entries
        if !contains("xl/workbook.xml") && officeDocumentPath() == nil {
            throw .notAWorkbook(what: Self.describe(entries: entries))
        }
    }

    /// `path` as entries are indexed: lowercase, `/` for `\`, no leading slash.
    static func normalized(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/").lowercased()
        while p.hasPrefix("/") { p.removeFirst() }
        return p
    }

    func contains(_ path: String) -> Bool { entries[Self.normalized(path)] != nil }

    /// The workbook part named by the package's relationships (`_rels/.rels`), when present.
    func officeDocumentPath() -> String? {
        guard let rels = try? part("_rels/.rels"),
              let targets = try? Relationships(rels, base: "") else { return nil }
        return targets.first(ofType: "/officeDocument").flatMap { contains($0) ? $0 : nil }
    }

    /// Declared unpacked size of a part (nil when absent).
    func declaredSize(_ path: String) -> Int? {
        entries[Self.normalized(path)].map { Int(clamping: $0.uncompressedSize) }
    }

    /// Refuses when `paths` together would need more memory than the budget.
    func checkBudget(_ paths: [String]) throws(Failure) {
        var total = 0
        for path in paths {
            let size = declaredSize(path) ?? 0
            let (need, overflow) = size.multipliedReportingOverflow(by: Self.bytesPerUnpackedByte)
            total = overflow ? .max : total.addingReportingOverflow(need).partialValue
            if overflow || total > budget.bytes {
                throw .tooLarge(part: path, bytes: size, limit: budget.bytes / Self.bytesPerUnpackedByte)
            }
        }
    }

    /// The unpacked bytes of the part at `path`, or nil when the archive has none.
    func part(_ path: String) throws(Failure) -> [UInt8]? {
        guard let entry = entries[Self.normalized(path)] else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        try checkBudget([path])
        var out: [UInt8] = []
        out.reserveCapacity(min(declared, 1 << 26))
        do {
            // The checksum is zlib's (ZIPFoundation's own loop is several times slower).
            var checksum: uLong = crc32(0, nil, 0)
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { chunk in
                if out.count + chunk.count > declared { throw Overflow() }
                chunk.withUnsafeBytes { raw in
                    checksum = crc32(checksum, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
                }
                out.append(contentsOf: chunk)
            }
            if UInt32(truncatingIfNeeded: checksum) != entry.checksum { throw Failure.corrupt("the part \(path) is damaged (its checksum does not match)") }
        } catch is Overflow {
            throw .corrupt("the part \(path) unpacks to more than the \(declared) bytes it declares")
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .corrupt("the part \(path) does not unpack (\(error))")
        }
        if out.count != declared {
            throw .corrupt("the part \(path) unpacks to \(out.count) bytes, not the \(declared) it declares")
        }
        return out
    }

    private struct Overflow: Error {}

    /// What a ZIP without a workbook most likely is, from the parts it holds.
    static func describe(entries: [String: Entry]) -> String {
        if entries["content.xml"] != nil && entries["mimetype"] != nil {
            return "an OpenDocument file (.ods or .odt, as LibreOffice saves)"
        }
        if entries["word/document.xml"] != nil { return "a Word document (.docx)" }
        if entries["ppt/presentation.xml"] != nil { return "a PowerPoint file (.pptx)" }
        if entries.keys.contains(where: { $0.hasSuffix(".xlsx") || $0.hasSuffix(".csv") }) {
            return "a ZIP archive with files inside (unpack it and give the workbook or CSV itself)"
        }
        return "a ZIP archive, not a workbook"
    }
}
