import Foundation
@testable import SQLiteStore
import Testing

/// `RollupClaim`: the first thread free writes the trend rollups, once; the store's thread waits
/// for the side thread's pass, and is released (told no) if that thread stops first.
@Suite struct RollupClaimTests {
    /// Runs `claim(.store)` on another thread; its answer arrives through the returned box.
    private final class Answer: @unchecked Sendable {
        let arrived = DispatchSemaphore(value: 0)
        var value: Bool?
    }

    private static func storeClaims(_ claim: RollupClaim) -> Answer {
        let answer = Answer()
        Thread {
            answer.value = claim.claim(.store)
            answer.arrived.signal()
        }.start()
        return answer
    }

    @Test func theSideFirstWritesThemAlone() {
        let claim = RollupClaim()
        claim.passIsOver()
        #expect(claim.claim(.side))
        #expect(!claim.claim(.store))
    }

    @Test func theStoreFirstWaitsForThePass() {
        let claim = RollupClaim()
        let answer = Self.storeClaims(claim)
        // Not before the pass is over: the tallies are not complete.
        let early = answer.arrived.wait(timeout: .now() + 0.2) == .success
        #expect(!early, "the store's thread did not wait for the pass")
        claim.passIsOver()
        if !early { answer.arrived.wait() }
        #expect(answer.value == true)
        #expect(!claim.claim(.side))
    }

    @Test func theStoreAfterThePassDoesNotWait() {
        let claim = RollupClaim()
        claim.passIsOver()
        #expect(claim.claim(.store))
        #expect(!claim.claim(.side))
    }

    @Test func aSideThreadThatStopsReleasesTheStore() {
        let claim = RollupClaim()
        let answer = Self.storeClaims(claim)
        let early = answer.arrived.wait(timeout: .now() + 0.2) == .success
        #expect(!early, "the store's thread did not wait for the pass")
        claim.sideEnded()
        if !early { answer.arrived.wait() }
        #expect(answer.value == false)
        // Stopped before: no wait at all.
        let stopped = RollupClaim()
        stopped.sideEnded()
        #expect(!stopped.claim(.store))
    }

    @Test func forcedEachWay() {
        let side = RollupClaim(forced: .side)
        #expect(!side.claim(.store))
        side.passIsOver()
        #expect(side.claim(.side))
        let store = RollupClaim(forced: .store)
        store.passIsOver()
        #expect(!store.claim(.side))
        #expect(store.claim(.store))
    }

    @Test func aStoreThatFailedLeavesThemUnwritten() {
        let claim = RollupClaim()
        claim.giveUp()
        claim.passIsOver()
        #expect(!claim.claim(.side))
    }
}
