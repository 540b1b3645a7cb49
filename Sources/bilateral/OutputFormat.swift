import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown

    /// For the commands that print text or JSON only (`pairs`, `show`, `quotes`).
    func requireTableOrJSON(command: String) throws {
        guard self == .table || self == .json else { throw ValidationError("\(command) supports --format table or json") }
    }
}
