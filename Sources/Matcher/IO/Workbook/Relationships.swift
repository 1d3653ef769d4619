/// A part's relationships (`_rels/*.rels`): id → type and target, targets resolved to paths in
/// the archive (relative to the part's folder, or absolute from the root; `..` resolved).
struct Relationships {
    struct Relationship: Equatable {
        var id: String
        var type: String
        var target: String
    }

    private(set) var all: [Relationship] = []

    /// Parses `bytes`; `base` is the folder of the part they belong to (`xl/` for
    /// `xl/_rels/workbook.xml.rels`, "" for the package's `_rels/.rels`).
    init(_ bytes: [UInt8], base: String) throws(XMLScanner.Failure) {
        var xml = XMLScanner(bytes)
        while let token = try xml.next() {
            guard case .start(let name, let tag, _) = token, xml.isName(name, "Relationship") else { continue }
            // External targets (links to other files) are not parts of this archive.
            if let mode = xml.attribute("TargetMode", in: tag), try xml.value(mode) == "External" { continue }
            guard let id = xml.attribute("Id", in: tag), let target = xml.attribute("Target", in: tag) else { continue }
            let type = try xml.attribute("Type", in: tag).map { range throws(XMLScanner.Failure) in try xml.value(range) } ?? ""
            all.append(Relationship(
                id: try xml.value(id), type: type, target: Self.resolve(try xml.value(target), base: base)))
        }
    }

    /// The target of relationship `id`.
    func target(id: String) -> Relationship? { all.first { $0.id == id } }

    /// The first target whose type ends in `suffix` (`/worksheet`, `/sharedStrings`): the
    /// transitional and strict namespaces differ in their prefix only.
    func first(ofType suffix: String) -> String? { all.first { $0.type.hasSuffix(suffix) }?.target }

    /// `target` as an archive path: `\` as `/`, relative to `base` unless it starts with `/`,
    /// `.` and `..` resolved.
    static func resolve(_ target: String, base: String) -> String {
        let slashed = target.replacingOccurrences(of: "\\", with: "/")
        let joined = slashed.hasPrefix("/") ? slashed : base + slashed
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// The folder of `path`, with its trailing slash ("" at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The relationships part of `path`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func partPath(for path: String) -> String {
        let folder = folder(of: path)
        return folder + "_rels/" + path.dropFirst(folder.count) + ".rels"
    }
}
