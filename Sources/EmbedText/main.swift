import Foundation

// Writes a Swift file that holds text files as string literals, so the binary carries its data
// (the bundled dataset, the reference tables) and works after it is copied anywhere: SwiftPM's
// resources on Linux live beside the binary, and a committed copy of the data as Swift is a
// second source of truth. Run by the EmbedTextPlugin at build time.
//
// Usage: embed-text OUTPUT.swift ENUM.PROPERTY=INPUT... (several properties may share an enum)

struct Embedding {
    let enumName: String
    let property: String
    let path: String
}

func fail(_ message: String) -> Never {
    let line = Array("embed-text: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: embed-text OUTPUT.swift ENUM.PROPERTY=INPUT...") }
let embeddings = arguments.dropFirst().map { argument -> Embedding in
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    let name = parts.first?.split(separator: ".").map(String.init) ?? []
    guard parts.count == 2, name.count == 2 else { fail("expected ENUM.PROPERTY=INPUT, got '\(argument)'") }
    return Embedding(enumName: name[0], property: name[1], path: parts[1])
}

/// A raw string literal that no text can close early: one more `#` than the longest run after a quote or backslash.
func rawLiteral(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var output = "// Generated at build time by embed-text. Do not edit; edit the inputs named below.\n"
var enumOrder: [String] = []
var members: [String: [String]] = [:]
for embedding in embeddings {
    guard let data = FileManager.default.contents(atPath: embedding.path),
          let text = String(data: data, encoding: .utf8) else { fail("cannot read \(embedding.path) as UTF-8") }
    if text.contains("\r") { fail("\(embedding.path): use LF line endings") }
    if members[embedding.enumName] == nil { enumOrder.append(embedding.enumName) }
    let name = (embedding.path as NSString).lastPathComponent
    members[embedding.enumName, default: []].append(
        "    /// The text of \(name), as committed.\n    static let \(embedding.property) = \(rawLiteral(text))\n")
}
for name in enumOrder {
    output += "\nenum \(name) {\n" + members[name]!.joined(separator: "\n") + "}\n"
}
do {
    try Data(output.utf8).write(to: URL(fileURLWithPath: arguments[0]), options: .atomic)
} catch {
    fail("cannot write \(arguments[0]): \(error)")
}
