import Foundation
@testable import PostgresStore
import ReferenceStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// The server stopped and started again under a reader: while it is away every call fails with a
/// typed lost connection (what the browser waits on), and once it is back the same store answers
/// as before. On a server of its own (`scripts/dev-postgres` in a scratch folder), so that the
/// shared test server stays up for the other suites.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresRestartTests {
    /// Runs the script with its output to nowhere: a pipe would never end, the server it starts
    /// inherits it. The address comes from the port file it writes.
    func devPostgres(_ command: String, _ directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.path("scripts/dev-postgres"))
        process.arguments = [command, directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PostgresStoreError(message: "dev-postgres \(command) failed", exitCode: 70) }
        let port = (try? String(contentsOfFile: directory + "/port", encoding: .utf8)) ?? ""
        return "postgresql://bilateral@127.0.0.1:\(port.trimmingCharacters(in: .whitespacesAndNewlines))/bilateral"
    }

    @Test("A reader recovers when the server comes back")
    func serverRestarted() throws {
        _ = try TestPostgres.server()
        let folder = try ScratchFolder("pgrestart")
        let directory = folder.path("server")
        let url = try devPostgres("start", directory)
        defer { _ = try? devPostgres("stop", directory) }
        let address = try PostgresAddress(parsing: url).with(dataset: "restarted")
        let timeline = try Fixtures.article()
        try PostgresDatasetWriter.write(dataset: timeline.dataset, to: address, replace: false)
        let store = try PostgresEventStore(address: address)
        let everything = try store.selection(TimelineQuery()).rows(0..<13)
        #expect(everything.count == 13)

        _ = try devPostgres("halt", directory)
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

        _ = try devPostgres("start", directory)
        var again: [EventRow]?
        for _ in 0..<50 where again == nil {
            again = try? store.selection(TimelineQuery()).rows(0..<13)
            if again == nil { usleep(100_000) }
        }
        #expect(again == everything)
        try StoreConformance.compare(MemoryEventStore(timeline: timeline), store, searches: ["helic"])
    }
}
