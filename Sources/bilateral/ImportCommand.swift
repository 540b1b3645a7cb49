import ArgumentParser
import DatasetFormats
import Foundation
import PostgresStore
import ReferenceStore
import SQLiteStore
import TimelineKit

/// `bilateral import INPUT... -o OUT.bilateral [--format F] [--map FIELD=COLUMN]... [--skip-invalid]`:
/// files in any input format, one store out.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files in any input format into a store file that opens instantly with --data.",
        discussion: """
        Every problem in the inputs is reported as file:line:column: path: message (exit 65) and \
        nothing is written, unless --skip-invalid imports the good records. A summary line says how \
        many records were read, imported and skipped, and why. The store is written to a temporary file beside OUT and renamed into place \
        only when complete, so a failed or interrupted import leaves no partial file and never damages \
        an existing one. On PostgreSQL the dataset is loaded into a scratch schema and swapped in \
        whole by renames in one transaction; readers see the old dataset or the new one, never a part.
        """
    )

    @OptionGroup var source: ImportInputs

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The store to write: a file, or a dataset on a PostgreSQL server "
                                                                      + "(postgresql://user@host:port/db?dataset=NAME).", valueName: "out"))
    var output: String

    @Option(name: .long, help: ArgumentHelp(
        "Memory for the events being sorted (such as 64M, 512M, 2G; at least 1M); beyond it they are sorted in runs in a scratch file beside OUT.",
        valueName: "size"))
    var memoryBudget = "512M"

    @Flag(name: .long, help: "Replace the PostgreSQL dataset of that name if there is one (a file is always replaced).")
    var replace = false

    func validate() throws {
        do { _ = try MemoryBudget.bytes(memoryBudget) } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        if PostgresAddress.isAddress(output) {
            try StoreImport.run(source, postgres: try DataOptions.postgresAddress(output), replace: replace)
            return
        }
        let budget: Int
        do { budget = try MemoryBudget.bytes(memoryBudget) } catch { throw ValidationError(error.message) }
        try OutputPath.check(output, inputs: source.inputs)
        try StoreImport.run(source, output: output, memoryBudget: budget)
    }
}
