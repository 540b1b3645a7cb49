@testable import SQLiteStore
import Testing

/// `PositionBits.nearest` and `positions`, against a plain scan of the same set: word edges, the
/// set's ends, starts before and past them, an empty set, and a count that is not a multiple of 64.
@Suite struct PositionBitsTests {
    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func nearestAsAScan(count: Int) {
        let members = [0, 1, 62, 63, 64, 127, 128, 150, 199].filter { $0 < count }
        for chosen in [members, [], members.filter { $0 % 2 == 1 }, members.suffix(1).map { $0 }] {
            var bits = PositionBits(count: count)
            for position in chosen { bits.insert(position) }
            #expect(Array(bits.positions) == chosen)
            for start in -2 ... count + 2 {
                #expect(bits.nearest(from: start, forward: true) == chosen.first { $0 >= start }, "\(chosen) from \(start) forward")
                #expect(bits.nearest(from: start, forward: false) == chosen.last { $0 <= start }, "\(chosen) from \(start) back")
            }
        }
    }
}
