import ArgumentParser
import Foundation
import MatchServer

/// `match user add|list|disable|enable|reset-password`: the office's accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the office server's accounts.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input (one line).")
        @Option(help: "Folder of the office's database.") var data: String
        @Option(help: "Sign-in name.") var name: String
        @Option(help: "admin, clerk or viewer.") var role: Role
        @Option(help: "DISTRICT or DISTRICT/STREET (clerks and viewers; none: the whole city).") var scope: String?

        func validate() throws {
            if let scope, PlaceScope(parsing: scope) == nil {
                throw ValidationError("--scope must be DISTRICT or DISTRICT/STREET")
            }
            if role == .admin && scope != nil { throw ValidationError("an admin covers the whole city; leave out --scope") }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be blank") }
        }

        func run() throws {
            let password = try readPassword()
            let place = scope.flatMap(PlaceScope.init(parsing:)) ?? .city
            try OfficeStore(directory: data).addUser(
                name: name, role: role, scope: place, passwordHash: Passwords.hash(password, cost: 12))
            print("added \(role.rawValue) \(name) (scope: \(place))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @Option(help: "Folder of the office's database.") var data: String
        func run() throws {
            for user in try OfficeStore(directory: data).users() {
                print([user.name, user.role.rawValue, user.scope.description, user.disabled ? "disabled" : "active", user.createdAt]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and end its sessions.")
        @Option(help: "Folder of the office's database.") var data: String
        @Option(help: "Sign-in name.") var name: String
        func run() throws { try OfficeStore(directory: data).setDisabled(true, name: name) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @Option(help: "Folder of the office's database.") var data: String
        @Option(help: "Sign-in name.") var name: String
        func run() throws { try OfficeStore(directory: data).setDisabled(false, name: name) }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (read from standard input) and end the user's sessions.")
        @Option(help: "Folder of the office's database.") var data: String
        @Option(help: "Sign-in name.") var name: String
        func run() throws {
            let password = try readPassword()
            try OfficeStore(directory: data).setPasswordHash(Passwords.hash(password, cost: 12), name: name)
            print("password of \(name) reset; its sessions are ended")
        }
    }
}

extension Role: ExpressibleByArgument {}

/// One line of standard input, checked as a password.
private func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true) else {
        throw ValidationError("give the password on standard input (one line)")
    }
    let problems = Passwords.problems(line)
    if !problems.isEmpty { throw ValidationError(problems.joined(separator: "; ")) }
    return line
}
