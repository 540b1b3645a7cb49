import TimelineKit

/// The formats `bilateral import` and `convert` read; `auto` decides from the name and content.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto, bilateral, jsonl, timelinejs, gdelt, icews, csv

    /// The format of a file from its name and its first bytes. Content wins where it is clear
    /// (a `.json` file with `"start_date"`, `"unique_id"` or `"headline"` is TimelineJS: the last
    /// also tells one with no events, as `export --format timelinejs` of an empty selection writes);
    /// the name decides the rest.
    public static func detect(name: String, head: [UInt8]) -> InputFormat {
        let lower = name.lowercased()
        if lower.hasSuffix(".zip") || DatasetImport.isZip(head) { return .gdelt }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        let text = String(decoding: head.prefix(1 << 16), as: UTF8.self)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            if text.contains("\"bilateral-timeline/") { return .bilateral }
            if ["\"start_date\"", "\"unique_id\"", "\"headline\""].contains(where: text.contains) { return .timelinejs }
            // One object per line: the first line closes its object.
            let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r\n" }
            if trimmed.contains("\n"), firstLine.hasSuffix("}"), (try? JSONParser.parse(Array(firstLine.utf8))) != nil { return .jsonl }
            return .bilateral
        }
        let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r\n" }
        let tabs = firstLine.split(separator: "\t", omittingEmptySubsequences: false)
        if tabs.contains(where: { $0 == "Event ID" }) && tabs.contains(where: { $0 == "CAMEO Code" }) { return .icews }
        if [57, 58, 61].contains(tabs.count), let first = tabs.first, !first.isEmpty, first.allSatisfy(\.isNumber) { return .gdelt }
        if lower.hasSuffix(".export.csv") { return .gdelt }
        return .csv
    }
}
