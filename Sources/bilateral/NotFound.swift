import TimelineKit

enum NotFound {
    /// "no event 'frendship-2017'; did you mean 'friendship-2017'?" with exit status 1.
    static func event(_ id: String, in store: any EventStore) throws -> CommandFailure {
        var message = "no event '\(StdoutText.line(id))'"
        if let guess = try store.suggestions(forEventID: id).first { message += "; did you mean '\(StdoutText.line(guess))'?" }
        return CommandFailure(.notFound, message: message)
    }
}
