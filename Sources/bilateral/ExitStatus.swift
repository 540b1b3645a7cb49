import ArgumentParser

/// How `bilateral` ends when it does not succeed: the statuses of README's table, after
/// sysexits.h, so scripts can tell a bad file from a missing one or an unwritable output.
/// Bad usage is mostly swift-argument-parser's (it exits 64 for a `ValidationError`, with the usage);
/// `usage` is for a refusal that one line explains, such as an output that is an input.
enum ExitStatus: Int32, Comparable {
    /// `show` or `quotes --event` of an event id the dataset does not have.
    case notFound = 1
    /// A command line that cannot be carried out as given (EX_USAGE): `-o` names an input, or
    /// something that is not a regular file.
    case usage = 64
    /// An invalid dataset, or a file given as a store that is not a usable one (EX_DATAERR).
    case dataError = 65
    /// An input that cannot be read at all (EX_NOINPUT).
    case noInput = 66
    /// No usable terminal for the browser (EX_UNAVAILABLE).
    case unavailable = 69
    /// A bug of ours, such as output our own loader rejects (EX_SOFTWARE).
    case software = 70
    /// The output file could not be written (EX_CANTCREAT).
    case cantCreate = 73
    /// Standard output could not be written: a full disk, `/dev/full`, EIO (EX_IOERR).
    case ioError = 74
    /// Standard output's reader went away with SIGPIPE ignored: the status the shell reports
    /// when SIGPIPE ends a process (128 + 13), with nothing printed.
    case brokenPipe = 141

    /// The status a layer's error carries as a number (`DatasetLoadError.exitCode`,
    /// `StoreError.exitCode`); a number this table lacks is the data's fault.
    init(layerCode: Int32) {
        self = ExitStatus(rawValue: layerCode) ?? .dataError
    }

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// 128 + the signal's number, as a shell reports a process a signal ended.
    static func stopped(bySignal signal: Int32) -> ExitCode { ExitCode(128 + signal) }

    static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}
