import ArgumentParser
import Foundation
import Matcher

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the public-notice list (公示) of an existing plan, without re-solving.")

    @Flag(name: .customLong("public"), help: "The list for public notice: masked names, place and kind only (required; the only export so far).")
    var publicNotice = false

    @Option(help: "households.csv the plan was made from.")
    var households: String

    @Option(help: "helpers.csv the plan was made from.")
    var helpers: String

    @Option(help: "Input encoding: utf-8 or gb18030 (default: detect).")
    var encoding: String?

    @Option(help: "The plan: a pairs.csv written by match pair, or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The CSV file to write.")
    var out: String

    @Option(help: "Language of the list: en or zh.")
    var lang: String = "en"

    @Option(help: "Encoding of the list: utf-8 (with a byte-order mark, for Excel and WPS) or gb18030.")
    var outputEncoding: String = "utf-8"

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if !publicNotice { throw ValidationError("say what to export: --public (the list for public notice)") }
        if Presentation.Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or zh") }
        for (name, value) in [("--encoding", encoding), ("--output-encoding", outputEncoding)] {
            if let value, TextEncoding(rawValue: value.lowercased()) == nil {
                throw ValidationError("\(name) must be utf-8 or gb18030")
            }
        }
    }

    func run() throws {
        var options = PublicExport.Options(households: households, helpers: helpers, pairs: pairs, output: out)
        options.encoding = encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) }
        options.presentation = Presentation(
            language: Presentation.Language(rawValue: lang)!, encoding: TextEncoding(rawValue: outputEncoding.lowercased())!)
        options.force = force
        let count: Int
        do {
            count = try PublicExport.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        print("wrote \(out) (\(count) pairs)")
    }
}
