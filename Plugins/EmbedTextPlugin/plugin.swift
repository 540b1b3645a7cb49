import Foundation
import PackagePlugin

/// Generates each target's embedded text (see the embed-text tool) from the files under `data/`.
/// The table below is the one place that says which target carries which file.
@main
struct EmbedTextPlugin: BuildToolPlugin {
    /// Target → (enum.property, path from the package root).
    static let embeddings: [String: [(name: String, path: String)]] = [
        "TimelineKit": [("CountryTable.iso3166", "data/reference/iso-3166-countries.tsv")],
        "DatasetFormats": [("GDELTTables.cameo", "data/reference/cameo-event-codes.tsv"),
                           ("GDELTTables.fips", "data/reference/fips-10-4-countries.tsv")],
        "BundledData": [("BundledText.timeline", "data/timeline.json")],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let embeddings = Self.embeddings[target.name] else {
            Diagnostics.error("EmbedTextPlugin has no embeddings for target \(target.name)")
            return []
        }
        let inputs = embeddings.map { context.package.directoryURL.appending(path: $0.path) }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded\(target.name).swift")
        let arguments = [output.path] + zip(embeddings, inputs).map { "\($0.name)=\($1.path)" }
        return [.buildCommand(displayName: "Embedding data in \(target.name)",
                              executable: try context.tool(named: "embed-text").url,
                              arguments: arguments, inputFiles: inputs, outputFiles: [output])]
    }
}
