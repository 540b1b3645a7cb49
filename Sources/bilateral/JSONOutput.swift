import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit

enum JSONOutput {
    /// Sorted keys and pretty printing: output that scripts and diffs can rely on.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escapingTerminalControls(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// JSONEncoder escapes C0 controls but passes DEL, C1 controls (U+009B is a one-byte CSI)
    /// and bidirectional controls raw; a terminal showing the JSON would act on them. They can
    /// only occur inside strings, where `\u009b` means the same character.
    static func escapingTerminalControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { JSONWriter.actsOnTerminals(scalar) }
}
