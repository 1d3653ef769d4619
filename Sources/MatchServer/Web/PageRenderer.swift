import Foundation
import Hummingbird
import Mustache

/// The office's page templates (Resources/templates/*.mustache), loaded once at start.
/// Each page template extends `layout` (Mustache template inheritance), which holds the
/// header, the language switch and the sign-out form.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    enum SetupError: Error, CustomStringConvertible {
        case missingTemplates
        case unreadable(String)
        var description: String {
            switch self {
            case .missingTemplates: "the page templates are missing from the server's resources"
            case .unreadable(let name): "the page template \(name) cannot be read"
            }
        }
    }

    init() throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw SetupError.missingTemplates
        }
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for file in names.sorted() {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else {
                throw SetupError.unreadable(file)
            }
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// The template names (for the tests that check every `{{t.key}}` is in the catalogue).
    static func templateTexts() throws -> [String: String] {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw SetupError.missingTemplates
        }
        var texts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            texts[file] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        return texts
    }

    func render(_ template: String, _ data: [String: Any]) -> String {
        library.render(data, withTemplate: template) ?? ""
    }
}
