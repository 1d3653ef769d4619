/// Why the store refused a change to a round (each maps to one HTTP status in ``APIError``).
enum RoundRefusal: Error, Equatable {
    /// No round with that id.
    case noSuchRound(Int64)
    /// The round is published and read-only.
    case published(Int64)
    /// The round is being solved; it changes again when the solve ends.
    case solving(Int64)
    /// The round has no plan yet (not solved).
    case notSolved(Int64)
    /// The solve needs a file that has not been uploaded.
    case missingInput(String)
    /// An earlier round named as previous that is not published (or does not exist).
    case previousNotPublished(Int64)
    /// Locks or forbids naming households or helpers not on the round's roll.
    case unknownIds([String])
    /// A clerk naming households outside its scope (the count only).
    case outOfScope(households: Int)
    /// A place asked for that lies outside the caller's scope.
    case placeOutsideScope
    /// A household outside the caller's scope (its id is not repeated).
    case householdOutsideScope
    /// No household of that id in the round's plan or roll.
    case noSuchHousehold(String)
    /// No helper of that id on the round's roll.
    case noSuchHelper(String)
    /// No hand edit of that id in the round.
    case noSuchEdit(Int64)
    /// No what-if of that id in the round.
    case noSuchWhatIf(Int64)
    /// A what-if already applied or discarded (its state).
    case whatIfClosed(Int64, String)
    /// A request that cannot be carried out on this round, with the reason in words.
    case cannot(String)
}
