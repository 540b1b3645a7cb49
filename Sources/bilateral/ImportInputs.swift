import ArchiveInput
import ArgumentParser
import DatasetFormats
import ReferenceStore
import TimelineKit

extension InputFormat: ExpressibleByArgument {}

/// The inputs and reading options shared by `import` and `convert`.
struct ImportInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files (our JSON, JSON Lines, TimelineJS, GDELT, ICEWS, CSV/TSV).", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("The inputs' format; auto tells it from each file's name and content.", valueName: "format"))
    var format: InputFormat = .auto

    @Option(name: .long, help: ArgumentHelp("For CSV/TSV: which column holds a field (\(ImportOptions.fields.joined(separator: ", "))); repeatable.", valueName: "field=column"))
    var map: [String] = []

    @Flag(name: .long, help: "Import the good records and report the bad ones, instead of writing nothing.")
    var skipInvalid = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one input file") }
        do { _ = try ImportOptions(mapArguments: map) } catch { throw ValidationError(error.message) }
    }

    /// Reads the inputs into `sink` record by record (`DatasetImport.stream`): the same checks and
    /// failures as `load`, thrown after the records went to the sink. `report` prints what `load` prints.
    func stream(into sink: some DatasetSink, progress: ((Int) throws -> Void)? = nil) throws -> DatasetImport.Outcome {
        let options: ImportOptions
        do { options = try ImportOptions(mapArguments: map) } catch { throw ValidationError(error.message) }
        return try DatasetImport.stream(inputs: inputs, format: format, options: options, skipInvalid: skipInvalid,
                                        unzip: ZipArchive.entries, into: sink, progress: progress)
    }

    /// The problems passed over and the summary line, on stderr.
    static func report(_ outcome: DatasetImport.Outcome) {
        DiagnosticPrinter.print(outcome.skippedDiagnostics)
        StandardError.write(StdoutText.line(outcome.summary) + "\n")
    }

    /// Reads and merges the inputs, printing the problems passed over and the summary line to
    /// stderr; what stops the import is thrown for `CommandFailure` to report (exit 64, 65 or 66).
    func load() throws -> Dataset {
        let options: ImportOptions
        do { options = try ImportOptions(mapArguments: map) } catch { throw ValidationError(error.message) }
        let outcome = try DatasetImport.run(inputs: inputs, format: format, options: options, skipInvalid: skipInvalid,
                                           unzip: ZipArchive.entries)
        Self.report(outcome)
        return outcome.dataset
    }
}
