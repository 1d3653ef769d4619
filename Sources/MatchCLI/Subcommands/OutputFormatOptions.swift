import ArgumentParser
import Matcher

/// How the files meant for people are written: their language, encoding and format. Shared
/// by every command that writes such files.
struct OutputFormatOptions: ParsableArguments {
    @Option(help: "Language of the files: Chinese headers and values (zh) read back in.")
    var lang: Presentation.Language = .en

    @Option(help: "Encoding of the CSV files: utf-8 (with a byte-order mark, for Excel and WPS) or gb18030.")
    var outputEncoding: TextEncoding = .utf8

    @Option(help: "Format of the lists for people: csv, or xlsx (Excel workbooks, laid out for printing).")
    var format: OutputFormat = .csv

    var presentation: Presentation {
        Presentation(language: lang, encoding: outputEncoding, format: format)
    }
}
