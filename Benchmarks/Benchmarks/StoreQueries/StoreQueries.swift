import Benchmark
import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TimelineKit

/// The queries behind every key of the browser, on stores of 1k and 100k synthetic events
/// (seed 1) in one run: a query that grows with N shows as a ratio between the two rows.
let benchmarks: @Sendable () -> Void = {
    let sizes = [1_000, 100_000]
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-benchmarks")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for size in sizes {
        let path = directory.appendingPathComponent("synthetic-\(size).bilateral").path
        if !FileManager.default.fileExists(atPath: path) {
            let timeline = try! DatasetLoader.load(bytes: SyntheticDataset.json(events: size, seed: 1), name: "synthetic")
            try! StoreWriter.write(dataset: timeline.dataset, to: path)
        }
        let store = try! SQLiteEventStore(path: path)
        let all = try! store.selection(TimelineQuery())
        let pair = try! store.selection(TimelineQuery(pairs: [try! CountryPair.parse("RUS-PAK")]))
        let middle = all.count / 2
        let day = CivilCalendar.dayNumber(year: 1990, month: 6, day: 1)
        let search = SearchText("talks")
        let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(1))

        Benchmark("open store \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try SQLiteEventStore(path: path).info.eventCount) }
        }
        Benchmark("page of 60 rows mid-way \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try all.rows(middle..<(middle + 60))) }
        }
        Benchmark("jump to a day \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try all.index(onOrAfterDay: day)) }
        }
        Benchmark("pair filter applied \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let selection = try store.selection(TimelineQuery(pairs: [try CountryPair.parse("RUS-PAK")]))
                blackHole(try selection.rows(0..<60))
            }
        }
        Benchmark("pair page mid-way \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try pair.rows((pair.count / 2)..<(pair.count / 2 + 60))) }
        }
        Benchmark("first search match \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try all.match(search, from: middle, forward: true)) }
        }
        Benchmark("ruler months \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try all.monthCounts()) }
        }
        Benchmark("event in full \(size)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try store.event(atPosition: middle)) }
        }
    }
}
