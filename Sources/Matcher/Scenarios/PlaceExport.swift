import Foundation

/// `match export --by street|district`: a plan's list split into one file per place, named
/// after it, for handing each street (or district) office its own list. The files together
/// hold every row of the whole list once: households are taken in the lists' place order,
/// where each place's households come together, and cut where the place changes.
public enum PlaceExport {
    public enum Level: String, Sendable, CaseIterable { case street, district }

    /// One file per place: the place's name and its households in list order.
    public struct Part: Sendable, Equatable {
        /// `西岗区` or `西岗区/白云街道`.
        public var place: String
        /// The file name, without directory: `西岗区-白云街道.xlsx`.
        public var fileName: String
        public var households: [Int]
    }

    /// The places of `writer`'s plan at `level`, each with its households.
    ///
    /// - Complexity: O(n log n) for n households (one sort, then one pass).
    public static func parts(_ writer: PlanWriter, level: Level) -> [Part] {
        let hs = writer.model.roll.households, places = writer.model.roll.places
        var parts: [Part] = []
        var currentKey: Int32 = -1
        for h in writer.householdsByPlace() {
            let l = hs.locations[h]
            let key = level == .street ? l.street : l.district
            if key != currentKey || parts.isEmpty {
                currentKey = key
                let district = places.districtNames[Int(l.district)]
                let names = level == .street ? [district, places.streetNames[Int(l.street)]] : [district]
                parts.append(Part(
                    place: names.joined(separator: "/"),
                    fileName: names.map(fileSafe).joined(separator: "-") + "." + writer.presentation.format.rawValue,
                    households: []))
            }
            parts[parts.count - 1].households.append(h)
        }
        return parts
    }

    /// `name` with the characters no file system takes (`/ \ : * ? " < > |`, control
    /// characters) replaced by `_`; never empty, never `.` or `..`.
    static func fileSafe(_ name: String) -> String {
        let bad = Set("/\\:*?\"<>|")
        let cleaned = String(name.map { bad.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? "_" : $0 })
            .trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" : cleaned
    }

    /// The bytes of every place's file: the public notice when `publicNotice`, otherwise the
    /// pairs (and, in a workbook, the place's unpaired households as a second sheet).
    public static func files(
        _ writer: PlanWriter, level: Level, publicNotice: Bool
    ) throws(WorkbookWriter.Failure) -> [(part: Part, bytes: [UInt8])] {
        let p = writer.presentation
        var out: [(part: Part, bytes: [UInt8])] = []
        for part in parts(writer, level: level) {
            // Each sheet's title (and printed heading) names the place: 西岗区 白云街道 结对名单.
            func titled(_ table: ListTable) -> ListTable {
                var table = table
                table.title = part.place.replacingOccurrences(of: "/", with: " ") + " " + table.title
                return table
            }
            let bytes: [UInt8]
            if publicNotice {
                bytes = try p.file(titled(writer.publicNoticeTable(households: part.households)))
            } else if p.format == .xlsx {
                bytes = try WorkbookWriter.workbook(
                    [titled(writer.pairsTable(households: part.households)),
                     titled(writer.unpairedTable(households: part.households))],
                    language: p.language)
            } else {
                bytes = p.csv(writer.pairsTable(households: part.households))
            }
            out.append((part, bytes))
        }
        return out
    }
}
