import ArgumentParser
import Foundation
import MatchServer

/// `match backup`: a consistent copy of the office's database, taken while it runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the office's database consistently (safe while the server runs).")
    @Option(help: "Folder of the office's database.") var data: String
    @Option(help: "The backup file to write (must not exist).") var out: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: data + "/" + OfficeStore.fileName) else {
            throw ValidationError("\(data) holds no office database (\(OfficeStore.fileName))")
        }
        try OfficeStore(directory: data).backup(to: out)
        print("backed up to \(out)")
    }
}
