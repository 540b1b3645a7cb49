// Measures the CSV readers behind the figures in Sources/TimelineKit/Formats/DelimitedText.swift:
// swift build -c release, then `.build/release/csv-measure hand|csvswift|swiftcsv [FILE]` under /usr/bin/time.
// The first run writes the 1,000,000-row file (the same bytes every time).
import Foundation
import SwiftCSV
import CSV

let path = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "/tmp/csv-measure-rows.csv"
if !FileManager.default.fileExists(atPath: path) {
    var out = "id,Event Date,Source Country,Target Country,Event Text,Goldstein,Url,Note\n"
    var s: UInt64 = 1
    for i in 0..<1_000_000 {
        s = s &* 6364136223846793005 &+ 1442695040888963407
        out += "\(i),2017-0\(1 + Int(s >> 60) % 9)-1\(Int(s >> 50) % 9),Russia,Pakistan,\"Talks, \"\"friendly\"\" ones \(s >> 40)\",\(Double(Int(s >> 55) % 200) / 10 - 10),https://example.org/\(s >> 44),plain note text\n"
    }
    try! out.write(toFile: path, atomically: true, encoding: .utf8)
}
let which = CommandLine.arguments[1]
let start = Date()
var fields = 0
switch which {
case "hand":
    let bytes = [UInt8](try! Data(contentsOf: URL(fileURLWithPath: path)))
    var reader = DelimitedText(bytes: bytes, separator: UInt8(ascii: ","), quoting: true)
    while let r = reader.next() { if case .success(let rec) = r { fields += rec.fields.count } }
case "swiftcsv":
    let csv = try! CSV<Enumerated>(url: URL(fileURLWithPath: path))
    for row in csv.rows { fields += row.count }
case "csvswift":
    let stream = InputStream(fileAtPath: path)!
    let reader = try! CSVReader(stream: stream, hasHeaderRow: true)
    while let row = reader.next() { fields += row.count }
default: break
}
print(which, fields, String(format: "%.2f s", Date().timeIntervalSince(start)))
