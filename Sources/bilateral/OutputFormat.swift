import ArgumentParser
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown
}

/// Writes text to stdout in one piece; stdout closed early (`| head`) is not an error worth a trap.
enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
