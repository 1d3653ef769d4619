/// Per need dimension, a roll's whole need against its whole offer: what the office looks
/// at before pairing ("are there enough helpers who can bring medical help?").
public struct NeedAgainstOffer: Sendable, Equatable {
    public var dimension: String
    /// Households with a need > 0 in this dimension, and the sum of their need levels.
    public var householdsInNeed: Int
    public var needLevels: Int
    /// Helpers with an offer > 0 in this dimension, their places (capacity), and the sum of
    /// offer level × capacity.
    public var helpersOffering: Int
    public var placesOffering: Int
    public var offerLevels: Int

    /// One entry per dimension of `roll`, in the roll's order.
    ///
    /// - Complexity: O((households + helpers) × dimensions).
    public static func of(_ roll: Roll) -> [NeedAgainstOffer] {
        let d = roll.dimensions.count, hs = roll.households, gs = roll.helpers
        return (0..<d).map { i in
            var entry = NeedAgainstOffer(
                dimension: roll.dimensions.names[i], householdsInNeed: 0, needLevels: 0, helpersOffering: 0,
                placesOffering: 0, offerLevels: 0)
            for h in 0..<hs.count {
                let need = Int(hs.needs[h * d + i])
                if need > 0 { entry.householdsInNeed += 1; entry.needLevels += need }
            }
            for g in 0..<gs.count {
                let offer = Int(gs.offers[g * d + i]), capacity = Int(gs.capacity[g])
                if offer > 0 && capacity > 0 {
                    entry.helpersOffering += 1
                    entry.placesOffering += capacity
                    entry.offerLevels += offer * capacity
                }
            }
            return entry
        }
    }
}
