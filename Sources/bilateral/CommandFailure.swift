import ArgumentParser
import DatasetFormats
import NcursesTerminal
import PostgresStore
import SQLiteStore

/// A command that cannot finish: what stderr says and the status to exit with. Commands throw
/// one, or let a layer's error through; `Bilateral.main` reports either, so every command says
/// the same thing with the same status for the same problem.
struct CommandFailure: Error {
    var status: ExitStatus
    /// Printed to stderr as it is: whole lines, each ending in a newline.
    var report: String

    init(_ status: ExitStatus, report: String) {
        self.status = status
        self.report = report
    }

    /// One line, "bilateral: message".
    init(_ status: ExitStatus, message: String) {
        self.init(status, report: "bilateral: \(message)\n")
    }

    /// "bilateral: cannot write PATH[: why]" with exit 73.
    static func cannotWrite(_ path: String, because reason: String? = nil) -> CommandFailure {
        CommandFailure(.cantCreate, message: "cannot write \(StdoutText.line(path))" + (reason.map { ": " + StdoutText.line($0) } ?? ""))
    }

    /// A dataset's problems, one `file:line:column: path: message` line each.
    init(_ error: DatasetLoadError) {
        self.init(ExitStatus(layerCode: error.exitCode), report: DiagnosticPrinter.text(error.diagnostics))
    }

    /// The one mapping from what the layers throw to what the user reads and the exit status;
    /// nil for an error no layer describes (swift-argument-parser's own, which it reports itself).
    init?(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as DatasetLoadError:
            self.init(error)
        case let error as StoreError:
            self.init(ExitStatus(layerCode: error.exitCode), message: StdoutText.line(error.message))
        case let error as PostgresStoreError:
            // An interruption reaches here only when the process is being stopped: the data is not at fault.
            self.init(error.isInterruption ? .unavailable : ExitStatus(layerCode: error.exitCode), message: StdoutText.line(error.message))
        case let error as DatasetImport.Failure:
            switch error {
            case .unreadable(let diagnostics):
                self.init(.noInput, report: DiagnosticPrinter.text(diagnostics))
            case .invalid(let diagnostics, let summary):
                self.init(.dataError, report: DiagnosticPrinter.text(diagnostics) + summary + "\n")
            case .conflict(let message, let summary):
                self.init(.dataError, report: "bilateral: \(StdoutText.line(message))\n\(summary)\n")
            }
        case let error as TerminalError:
            self.init(ExitStatus(layerCode: TerminalError.exitCode), message: "\(error)")
        default:
            return nil
        }
    }
}
