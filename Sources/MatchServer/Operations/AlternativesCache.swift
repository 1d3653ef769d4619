import Foundation
import Matcher

/// The cost models of the last few solved rounds, each with its helpers grouped for the
/// alternatives (``PairAlternatives``): building one from the stored files takes about a
/// second for a city, so a page of alternatives reuses it. A plan is known by its round and
/// the time it was solved, so a re-solve is never answered from an older model.
actor AlternativesCache {
    private let store: OfficeStore
    private var entries: [(key: Key, value: Entry)] = []
    private let capacity = 3

    struct Key: Equatable { var round: Int64; var solvedAt: String }

    struct Entry: Sendable {
        var alternatives: PairAlternatives
        var householdIndex: [String: Int]
    }

    init(store: OfficeStore) { self.store = store }

    func entry(round id: Int64, solvedAt: String) async throws -> Entry {
        let key = Key(round: id, solvedAt: solvedAt)
        if let hit = entries.first(where: { $0.key == key }) { return hit.value }
        let (inputs, helperPrices, householdPrices) = try await store.alternativesInputs(round: id)
        let entry = try await Task.detached(priority: .userInitiated) { () throws -> Entry in
            let (rules, model) = try Self.model(inputs)
            var residual = model.roll.helpers.capacity
            for g in rules.lockedHelper where g >= 0 { residual[Int(g)] -= 1 }
            let prices = helperPrices.map { helper in
                PairAlternatives.Prices(
                    household: (0..<model.roll.households.count).map { householdPrices[$0]?.price },
                    helper: helper,
                    quotaChain: (0..<model.roll.households.count).map { householdPrices[$0]?.quota ?? 0 })
            }
            return Entry(
                alternatives: PairAlternatives(model: model, residualCapacity: residual, prices: prices),
                householdIndex: model.roll.householdIndex())
        }.value
        entries.removeAll { $0.key.round == id }
        entries.append((key, entry))
        if entries.count > capacity { entries.removeFirst() }
        return entry
    }

    /// Keeps a plan just stored (its model and prices are in hand), so that the first
    /// alternatives asked of it need no rebuild.
    func prime(round id: Int64, solvedAt: String, plan: RoundPairing.Plan) {
        let entry = Entry(
            alternatives: PairAlternatives(
                model: plan.model, residualCapacity: plan.result.residualCapacity, prices: PairAlternatives.Prices(plan.result)),
            householdIndex: plan.model.roll.householdIndex())
        entries.removeAll { $0.key.round == id }
        entries.append((Key(round: id, solvedAt: solvedAt), entry))
        if entries.count > capacity { entries.removeFirst() }
    }

    private static func model(_ inputs: RoundPairing.Inputs) throws -> (PairingRules, CostModel) {
        do {
            return try RoundPairing.model(inputs)
        } catch {
            throw RoundRefusal.cannot("the round's stored inputs no longer read with this version; solve the round again")
        }
    }
}
