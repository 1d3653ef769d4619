import Foundation
import Testing
@testable import Matcher

/// ``RollFiles`` writes a roll that the reader reads back as the same roll, field by field
/// (the what-if applied on the office server stores its roll this way).
@Suite struct RollFilesTests {
    @Test(arguments: [1, 2] as [UInt64])
    func aWrittenRollReadsBackTheSame(seed: UInt64) throws {
        var generator = Generator(preset: .xigang, seed: seed)
        let tables = generator.generate()
        func csv(_ rows: [[String]]) -> [UInt8] {
            var writer = CSVWriter(byteOrderMark: true)
            for row in rows { writer.row(row) }
            return writer.data
        }
        let roll = try RollReader.parse(households: csv(tables.households), helpers: csv(tables.helpers))
        let again = try RollReader.parse(households: RollFiles.households(roll), helpers: RollFiles.helpers(roll))
        let (a, b) = (roll.households, again.households)
        #expect(a.ids == b.ids && a.names == b.names && a.members == b.members && a.severity == b.severity)
        #expect(a.needs == b.needs && a.idNumbers == b.idNumbers && a.phones == b.phones)
        #expect(roll.dimensions.names == again.dimensions.names)
        func householdPlaces(_ r: Roll) -> [[String]] {
            (0..<r.households.count).map { h in
                let l = r.households.locations[h]
                return [r.places.districtNames[Int(l.district)], r.places.streetNames[Int(l.street)], r.places.communityNames[Int(l.community)]]
            }
        }
        #expect(householdPlaces(roll) == householdPlaces(again))
        let (g, h) = (roll.helpers, again.helpers)
        #expect(g.ids == h.ids && g.names == h.names && g.kinds == h.kinds && g.capacity == h.capacity)
        #expect(g.offers == h.offers && g.organizations == h.organizations)
        #expect((0..<g.count).map { roll.helperPlaceNames($0) == again.helperPlaceNames($0) }.allSatisfy { $0 })
        #expect(g.locations.filter(\.isCitywide).count == h.locations.filter(\.isCitywide).count)
    }
}
