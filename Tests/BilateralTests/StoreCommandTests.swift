import Foundation
import TestSupport
import Testing

/// Stores from the command line: import, --data with a store, bad stores, the JSON cache.
@Suite("stores on the command line")
struct StoreCommandTests {
    let scratch: ScratchFolder
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder("store")
    }

    func path(_ name: String) -> String { scratch.path(name) }

    private func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }

    @Test("A store answers every command as its JSON does")
    func importedStoreMatchesJSON() throws {
        let store = path("article.bilateral")
        let result = try BinaryRunner.run(["import", Repository.articleFixture, "-o", store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("imported 13 events, 6 pairs, 29 quotes"))
        for command in [["list"], ["list", "--format", "json"], ["list", "--pair", "RUS-PAK", "--search", "friendship drills"],
                        ["list", "--country", "IND", "--format", "csv"], ["pairs", "--format", "json"],
                        ["show", "friendship-2017"], ["quotes", "--speaker", "korybko", "--format", "json"]] {
            let fromStore = try BinaryRunner.run(command + ["--data", store])
            let fromJSON = try BinaryRunner.run(command + ["--data", Repository.articleFixture, "--no-cache"])
            #expect(fromStore.status == 0)
            #expect(fromStore.stdout == fromJSON.stdout, "\(command.joined(separator: " ")) differs")
            #expect(!fromStore.stdout.isEmpty)
        }
    }

    @Test("An import with bad input writes nothing and leaves an existing store untouched")
    func failedImportWritesNothing() throws {
        let store = path("out.bilateral")
        let bad = try BinaryRunner.run(["import", Repository.fixture("bad-many.json"), "-o", store])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad-many.json:4:26: events[0].date: invalid EDTF date"))
        #expect(try files().isEmpty, "no store and no temporary file")

        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", store]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(try BinaryRunner.run(["import", Repository.fixture("bad-utf8.json"), "-o", store]).status == 65)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(try files() == ["out.bilateral"])
    }

    @Test("Two inputs with the same id are refused, naming both")
    func duplicateIDsAcrossInputs() throws {
        let result = try BinaryRunner.run(["import", Repository.articleFixture, Repository.articleFixture, "-o", path("twice.bilateral")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is in both"))
        #expect(try files().isEmpty)
    }

    @Test("--memory-budget takes sizes such as 64M and 2G; anything else is refused with the usage status, nothing written")
    func memoryBudgetOption() throws {
        let store = path("budget.bilateral")
        for (budget, reason) in [("0", "must be positive"), ("-5M", "must be positive"), ("100K", "is too small"),
                                 ("lots", "is not a size"), ("1.5G", "is not a size")] {
            let result = try BinaryRunner.run(["import", Repository.articleFixture, "-o", store, "--memory-budget=" + budget])
            #expect(result.status == 64, "\(budget): \(result.stderr)")
            #expect(result.stderr.contains("memory budget '\(budget)' \(reason)"), "\(result.stderr)")
            #expect(try files().isEmpty)
        }
        let small = try BinaryRunner.run(["import", Repository.articleFixture, "-o", store, "--memory-budget", "1M"])
        #expect(small.status == 0, "\(small.stderr)")
        let large = try BinaryRunner.run(["import", Repository.articleFixture, "-o", path("large.bilateral"), "--memory-budget", "2G"])
        #expect(large.status == 0, "\(large.stderr)")
        #expect(try files() == ["budget.bilateral", "large.bilateral"])
    }

    @Test("Files that are not stores get one clear line and exit 65; a missing one 66; none is written")
    func badStores() throws {
        let store = path("good.bilateral")
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", store]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        let truncated = path("truncated.bilateral")
        try bytes.prefix(4096).write(to: URL(fileURLWithPath: truncated))
        let corrupt = path("corrupt.bilateral")
        var damaged = bytes
        for offset in stride(from: 8192, to: min(damaged.count, 40_000), by: 1) { damaged[offset] = 0xA5 }
        try damaged.write(to: URL(fileURLWithPath: corrupt))
        let foreign = path("foreign.sqlite")
        // A SQLite header with another application's id (bytes 68–71) on a real store's body.
        var other = bytes
        other.replaceSubrange(68..<72, with: [0, 0, 0, 7])
        try other.write(to: URL(fileURLWithPath: foreign))

        for (file, expected) in [(truncated, "truncated"), (foreign, "another application"), (corrupt, "corrupt")] {
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let result = try BinaryRunner.run(["list", "--data", file])
            #expect(result.status == 65, "\(file): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("bilateral: \(file): "), "names the file: \(result.stderr)")
            #expect(result.stderr.contains(expected))
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "never written")
        }
        let missing = try BinaryRunner.run(["list", "--data", path("missing.bilateral")])
        #expect(missing.status == 66)

        let good = try BinaryRunner.run(["validate", store])
        #expect(good.status == 0)
        #expect(good.stdout == "\(store): ok: store format 4, 13 events, 6 pairs, 29 quotes\n")
        let bad = try BinaryRunner.run(["validate", store, corrupt, truncated])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("\(corrupt): ") && bad.stderr.contains("\(truncated): truncated store"))
    }

    @Test("A JSON dataset is imported into the cache once, and again when it changes")
    func cacheFollowsTheFile() throws {
        let cache = path("cache")
        let json = path("data.json")
        try FileManager.default.copyItem(atPath: Repository.articleFixture, toPath: json)
        let environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": cache]) { $1 }
        func count() throws -> String { try BinaryRunner.run(["list", "--count", "--data", json], environment: environment).stdout }
        func cached() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache + "/bilateral") }

        #expect(try count() == "13\n")
        let first = try cached()
        #expect(first.count == 1 && first[0].hasSuffix(".bilateral"))
        let firstDate = try FileManager.default.attributesOfItem(atPath: cache + "/bilateral/" + first[0])[.modificationDate] as? Date
        #expect(try count() == "13\n")
        #expect(try cached() == first, "the second open reuses the cached store")
        let secondDate = try FileManager.default.attributesOfItem(atPath: cache + "/bilateral/" + first[0])[.modificationDate] as? Date
        #expect(firstDate == secondDate, "not rewritten")

        // Drop the last event: a different file, so a fresh import replaces the old copy.
        var text = try String(contentsOfFile: json, encoding: .utf8)
        let last = try #require(text.range(of: "\"id\": \"bajwa-visit-2017\""))
        let objectStart = try #require(text[..<last.lowerBound].range(of: "{", options: .backwards))
        let previousComma = try #require(text[..<objectStart.lowerBound].range(of: ",", options: .backwards))
        let end = try #require(text[last.upperBound...].range(of: "\n    }"))
        text.removeSubrange(previousComma.lowerBound..<end.upperBound)
        try text.write(toFile: json, atomically: true, encoding: .utf8)
        #expect(try count() == "12\n")
        let second = try cached()
        #expect(second.count == 1 && second != first, "the stale copy is replaced")
    }
}

/// An import stopped by a signal (Ctrl-C, a `kill`, a closed terminal) removes its scratch files
/// before it ends: nothing is left beside the output, and an existing store is untouched.
///
/// The import is signalled at a known point halfway through its write: `BILATERAL_TEST_PAUSE_FIFO`
/// (see `TestPause` in SQLiteStore) makes it stop there and say so through a FIFO.
@Suite("an interrupted import")
struct InterruptedImportTests {
    let scratch: ScratchFolder
    /// The FIFO's folder: apart, so that `scratch` holds only what the import leaves.
    let control: ScratchFolder

    init() throws {
        scratch = try ScratchFolder("interrupted")
        control = try ScratchFolder("interrupted-control")
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func leavesNothing(signal: Int32) throws {
        try interrupt(signal: signal, events: 2000, options: [], scratchFile: ".tmp-")
    }

    /// With a small memory budget the events are spilled as sorted runs beside the output; the
    /// import is stopped while it merges them (halfway through writing the events).
    @Test(arguments: [SIGTERM, SIGINT])
    func leavesNothingWhenStoppedDuringTheMerge(signal: Int32) throws {
        try interrupt(signal: signal, events: 12_000, options: ["--memory-budget", "1M"], scratchFile: "-spill")
    }

    /// `scratchFile`: part of the name of a file that must be beside the output at the pause.
    func interrupt(signal: Int32, events: Int, options: [String], scratchFile: String) throws {
        let json = scratch.path("big.json")
        #expect(try BinaryRunner.run(["generate", "--events", String(events), "-o", json]).status == 0)
        let output = scratch.path("out.bilateral")
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", output]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: output))

        let fifo = control.path("pause")
        try #require(mkfifo(fifo, 0o600) == 0)
        // Open for reading first (without waiting for a writer), so that the import's open for writing does not block.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let pid = try BinaryRunner.spawnWithDefaultSignals(["import", json, "-o", output] + options,
                                                           environment: ["BILATERAL_TEST_PAUSE_FIFO": fifo])
        var status: Int32 = 0
        // Wait (no polling loop: one wait, with a time limit) for the import to reach its pause.
        var ready = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
        var line = [UInt8](repeating: 0, count: 16)
        let count = poll(&ready, 1, 120_000) == 1 ? read(reader, &line, line.count) : 0
        guard count > 0 else {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            Issue.record("the import never reached its pause (wait status \(status))")
            return
        }
        #expect(String(decoding: line[..<count], as: UTF8.self) == "paused\n")
        #expect(entries().contains { $0.hasPrefix(".out.bilateral.tmp-") }, "paused mid-write, its temporary store beside the output")
        #expect(entries().contains { $0.hasPrefix(".out.bilateral.tmp-") && $0.contains(scratchFile) }, "\(entries())")
        kill(pid, signal)
        waitpid(pid, &status, 0)

        #expect(status & 0x7F == signal, "ended by the signal it was sent (wait status \(status))")
        #expect(entries().sorted() == ["big.json", "out.bilateral"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
    }

    func entries() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) ?? [] }
}
