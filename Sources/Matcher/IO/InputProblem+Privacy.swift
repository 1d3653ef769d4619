/// Values quoted in messages, with personal data withheld.
///
/// A message quotes a cell only from columns that should hold no personal data (numbers,
/// kinds), but a shifted column or a mislabelled header can put an id number (身份证号, 18
/// characters) or a phone number (11 digits) there. Any value with `personalDigits` digits or
/// more is therefore described by its length instead of quoted.
extension InputProblem {
    /// Seven digits is longer than any count, level or capacity a roll holds and shorter than
    /// any phone or id number.
    static let personalDigits = 7

    /// `'value'`, or `a value of N characters` when it may be personal data.
    static func shown(_ value: String) -> String {
        let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        return digits >= personalDigits ? "a value of \(value.count) characters" : "'\(value)'"
    }

    /// The number, or `a number of N digits` when it may be personal data.
    static func shown(_ value: Int) -> String {
        let text = String(value.magnitude)
        return text.count >= personalDigits ? "a number of \(text.count) digits" : String(value)
    }
}
