/// What a user may do (SPEC "The office server", Roles).
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything: users, rounds, uploads, policy, solving, edits, publishing, the audit log.
    case admin
    /// Within its scope: reads the lists, adds locks and forbids for its households.
    case clerk
    /// Reads within its scope.
    case viewer
}
