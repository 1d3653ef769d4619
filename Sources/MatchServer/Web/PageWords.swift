/// The words of the pages in one language, from ``Catalogue``. `words["key"]` is the
/// text; `words("key", ["n": 3])` fills `{n}` in it. A key missing from the catalogue
/// shows as itself (and the catalogue tests fail).
struct PageWords: Sendable {
    let language: Language
    let table: [String: String]

    init(_ language: Language) {
        self.language = language
        table = Catalogue.table(language)
    }

    subscript(_ key: String) -> String { table[key] ?? key }

    func callAsFunction(_ key: String, _ values: [String: CustomStringConvertible]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value.description) }
        return text
    }
}
