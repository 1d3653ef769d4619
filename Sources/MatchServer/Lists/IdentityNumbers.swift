/// Identity numbers (身份证号) as a caller may see them: whole for administrators and for
/// clerks whose scope covers the household, masked for everyone else.
enum IdentityNumbers {
    /// Keeps the first four and the last four characters (region, and sequence with check
    /// digit) and hides the rest, the date of birth among it; short values are hidden whole.
    static func mask(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8)
            + String(characters.suffix(4))
    }
}
