import Foundation
@testable import SQLiteStore
import Testing

/// `RollupClaim`: the first thread free writes the trend rollups, once; the store's thread waits
/// for the side thread's pass, and is released (told no) if that thread stops first.
@Suite struct RollupClaimTests {
    /// `claim(.store)` on another thread, which must still be waiting 0.2 s later; `release` is
    /// then called, and the answer returned once it arrives (nil, with an issue, if it came early).
    private static func storeAnswer(_ claim: RollupClaim, releasedBy release: (RollupClaim) -> Void) -> Bool? {
        let answer = storeClaims(claim)
        let early = answer.arrived.wait(timeout: .now() + 0.2) == .success
        #expect(!early, "the store's thread did not wait for the pass")
        release(claim)
        if !early { answer.arrived.wait() }
        return answer.value
    }

    /// The box the other thread's answer arrives in.
    private final class Answer: @unchecked Sendable {
        let arrived = DispatchSemaphore(value: 0)
        var value: Bool?
    }

    /// Runs `claim(.store)` on another thread; its answer arrives in the box returned.
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
        // Not before the pass is over: the tallies are not complete.
        #expect(Self.storeAnswer(claim, releasedBy: { $0.passIsOver() }) == true)
        #expect(!claim.claim(.side))
    }

    @Test func theStoreAfterThePassDoesNotWait() {
        let claim = RollupClaim()
        claim.passIsOver()
        // On another thread, so that a wait fails the test instead of hanging it.
        let answer = Self.storeClaims(claim)
        #expect(answer.arrived.wait(timeout: .now() + 10) == .success, "the store's thread waited after the pass")
        #expect(answer.value == true)
        #expect(!claim.claim(.side))
    }

    @Test func aSideThreadThatStopsReleasesTheStore() {
        let claim = RollupClaim()
        #expect(Self.storeAnswer(claim, releasedBy: { $0.sideEnded() }) == false)
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
