import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit

@main
struct Bilateral: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bilateral",
        abstract: "Browse the history of relations between countries.",
        discussion: """
        With no subcommand, opens the full-screen browser on the bundled dataset (Russia–Pakistan \
        relations, 1948–2025), or prints the list when not on a terminal. Any dataset in the \
        documented JSON format opens with --data PATH.

        Exit status: 0 success, 1 nothing found (an unknown event id), 64 bad usage, \
        65 invalid dataset or store, 66 unreadable input, 69 no usable terminal, 70 internal error, \
        73 output not written, 74 standard output not written, 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM, \
        141 standard output's reader gone (with SIGPIPE ignored).
        """,
        version: version,
        subcommands: [BrowseCommand.self, ListCommand.self, PairsCommand.self, ShowCommand.self, QuotesCommand.self, ValidateCommand.self,
                      ImportCommand.self, ConvertCommand.self, ExportCommand.self, GenerateCommand.self, TrendCommand.self,
                      DatasetsCommand.self],
        defaultSubcommand: BrowseCommand.self
    )

    /// swift-argument-parser's `main`, with the layers' errors reported here, once for every
    /// command, instead of as "Error: …" with status 1.
    static func main() {
        // A file size limit (`ulimit -f`) is a failed write (EFBIG: "cannot write", exit 73, the
        // temporary file removed), not a SIGXFSZ that kills the process and leaves it behind.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard let failure = CommandFailure(error) else { exitReporting(parserError: error) }
            StandardError.write(failure.report)
            exit(withError: failure.status.exitCode)
        }
    }

    /// What `exit(withError:)` does for swift-argument-parser's own errors (the help and the
    /// version on stdout with status 0, a usage error on stderr), with the text written through
    /// `StandardOutput`, so `--help > /dev/full` fails with 74 as any other output does.
    private static func exitReporting(parserError error: any Error) -> Never {
        let status = exitCode(for: error)
        let text = fullMessage(for: error)
        if !text.isEmpty {
            if status == .success {
                do { try StandardOutput.write(text + "\n") } catch {
                    let failure = CommandFailure(error) ?? CommandFailure(.ioError, message: "\(error)")
                    StandardError.write(failure.report)
                    exit(withError: failure.status.exitCode)
                }
            } else {
                StandardError.write(text + "\n")
            }
        }
        exit(withError: status)
    }
}
