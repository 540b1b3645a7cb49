import Foundation
@testable import PostgresStore
import ReferenceStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// The server stopped and started again under a reader: while it is away every call fails with a
/// typed lost connection (what the browser waits on), and once it is back the same store answers
/// as before. On a server of its own (`PrivatePostgres`), so that the shared test server stays up
/// for the other suites.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresRestartTests {
    @Test("A reader recovers when the server comes back")
    func serverRestarted() throws {
        _ = try TestPostgres.server()
        let server = try PrivatePostgres()
        let address = try PostgresAddress(parsing: server.url).with(dataset: "restarted")
        let timeline = try Fixtures.article()
        try PostgresDatasetWriter.write(dataset: timeline.dataset, to: address, replace: false)
        let store = try PostgresEventStore(address: address)
        let everything = try store.selection(TimelineQuery()).rows(0..<13)
        #expect(everything.count == 13)

        try server.halt()
        for _ in 0..<2 {
            do {
                _ = try store.selection(TimelineQuery()).rows(0..<13)
                Issue.record("read from a stopped server")
            } catch let error as PostgresStoreError {
                #expect(error.reason == .connectionLost, "\(error)")
                #expect(error.isConnectionLost)
                #expect(StoreConnection.isLost(error))
                #expect(error.message.hasPrefix("PostgreSQL at 127.0.0.1:"))
            }
        }

        try server.resume()
        var again: [EventRow]?
        for _ in 0..<50 where again == nil {
            again = try? store.selection(TimelineQuery()).rows(0..<13)
            if again == nil { usleep(100_000) }
        }
        #expect(again == everything)
        try StoreConformance.compare(MemoryEventStore(timeline: timeline), store, searches: ["helic"])
    }
}
