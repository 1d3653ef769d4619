import ArgumentParser
import Matcher

/// How the CSV files meant for people are written: their language and encoding. Shared by
/// every command that writes such files.
struct OutputFormatOptions: ParsableArguments {
    @Option(help: "Language of the CSV files: en or zh (Chinese headers and values, which read back in).")
    var lang: String = "en"

    @Option(help: "Encoding of the CSV files: utf-8 (with a byte-order mark, for Excel and WPS) or gb18030.")
    var outputEncoding: String = "utf-8"

    @Option(help: "Format of the lists for people: csv, or xlsx (Excel workbooks, laid out for printing).")
    var format: String = "csv"

    func validate() throws {
        if Presentation.Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or zh") }
        if TextEncoding(rawValue: outputEncoding.lowercased()) == nil {
            throw ValidationError("--output-encoding must be utf-8 or gb18030")
        }
        if Presentation.Format(rawValue: format.lowercased()) == nil { throw ValidationError("--format must be csv or xlsx") }
    }

    /// The presentation these options name (valid once `validate()` has passed).
    var presentation: Presentation {
        Presentation(
            language: Presentation.Language(rawValue: lang)!, encoding: TextEncoding(rawValue: outputEncoding.lowercased())!,
            format: Presentation.Format(rawValue: format.lowercased())!)
    }
}
