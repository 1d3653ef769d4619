import ArgumentParser
import Foundation
import Matcher

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the public-notice list (公示) of an existing plan, or its lists one file per street or district, without re-solving.")

    @Flag(name: .customLong("public"), help: "The list for public notice: masked names, place and kind only.")
    var publicNotice = false

    @Option(help: "One file per street or district (street|district), named after it, in the directory --out; without --public, the pairs list.")
    var by: String?

    @Option(help: "households.csv the plan was made from.")
    var households: String

    @Option(help: "helpers.csv the plan was made from.")
    var helpers: String

    @Option(help: "Input encoding: utf-8 or gb18030 (default: detect).")
    var encoding: String?

    @Option(help: "The plan: a pairs.csv written by match pair, or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The file to write (CSV or .xlsx with --format xlsx), or with --by the directory.")
    var out: String

    @OptionGroup var format: OutputFormatOptions

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if !publicNotice && by == nil {
            throw ValidationError("say what to export: --public (the list for public notice) and/or --by street|district")
        }
        if let by, PlaceExport.Level(rawValue: by) == nil { throw ValidationError("--by must be street or district") }
        if let encoding, TextEncoding(rawValue: encoding.lowercased()) == nil {
            throw ValidationError("--encoding must be utf-8 or gb18030")
        }
    }

    func run() throws {
        var options = PublicExport.Options(households: households, helpers: helpers, pairs: pairs, output: out)
        options.encoding = encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) }
        options.presentation = format.presentation
        options.force = force
        options.publicNotice = publicNotice
        options.by = by.flatMap(PlaceExport.Level.init(rawValue:))
        let written: (pairs: Int, files: [String])
        do {
            written = try PublicExport.write(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        if by == nil {
            print("wrote \(out) (\(written.pairs) pairs)")
        } else {
            print("wrote \(written.files.count) files into \(out) (\(written.pairs) pairs in all)")
        }
    }
}
