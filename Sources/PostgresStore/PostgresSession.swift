import Dispatch
import Foundation
import Logging
import PostgresNIO

/// One connection to the server, used synchronously.
///
/// Why synchronous: the `EventStore` seam is synchronous (`throws`, not `async`): the browser's
/// update loop and the commands ask it from plain threads and wait for the answer, as they do with
/// SQLite. postgres-nio is asynchronous, so each call here starts the request on the connection's
/// event loop and blocks the *calling* thread on its future (`wait()`), or, for the `async`-only
/// COPY, on a semaphore. That is safe because the caller is never an event-loop thread: every
/// connection lives on `PostgresSession.group`, a group of its own with one thread that only does
/// the connections' I/O, and none of our code runs on it (NIO's `wait()` traps if it ever did).
/// One connection a session (no pool): the browser and its worker each have their own, so a long
/// count on the worker never holds up a key.
final class PostgresSession: @unchecked Sendable {
    /// The event loop every connection of the process runs on: a thread of its own, never a caller's.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// postgres-nio logs at debug and trace; nothing of it belongs on the user's terminal.
    static let logger = Logger(label: "bilateral.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    let address: PostgresAddress
    private var connection: PostgresConnection
    private let configuration: PostgresConnection.Configuration
    /// Whether a lost connection is made again at the next statement (a reader's, so that the
    /// browser goes on when the server is back; an import's never: its scratch schema is gone with it).
    private let reconnects: Bool
    /// The server process of this connection, for `interrupt()` (pg_cancel_backend).
    private(set) var backendPID: Int = 0
    /// The publication a reader's store holds (`PostgresPin`), held again after a reconnect.
    var pinned: PostgresCatalog.Location? {
        get { lock.withLock { pinnedLocation } }
        set { lock.withLock { pinnedLocation = newValue } }
    }
    private var pinnedLocation: PostgresCatalog.Location?
    private let lock = NSLock()
    private var running = 0
    private var interrupted = false
    /// The COPY `copyInBackground` sent and no one has waited for yet (only the importing thread touches it).
    private var inFlight: CopyFlight?
    let statementTimeout: Int

    /// Connects; what fails is a one-line `PostgresStoreError` naming the server.
    /// `statementTimeout`: seconds a statement may run (0: no limit, for imports).
    init(address: PostgresAddress, statementTimeout: Int = 30, reconnects: Bool = false) throws {
        self.address = address
        self.statementTimeout = statementTimeout
        self.reconnects = reconnects
        var configuration: PostgresConnection.Configuration
        if address.isUnixSocket {
            configuration = .init(unixSocketPath: address.socketPath, username: address.user, password: address.password,
                                  database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: try Self.tls(address.sslMode, address: address))
        }
        configuration.options.connectTimeout = .seconds(Int64(address.connectTimeout))
        // Per design/postgres.md: READ COMMITTED (a repeatable-read snapshot reads an empty table after
        // a publication swap), jit off (3-16 ms added to every plan costed over 100,000).
        configuration.options.additionalStartupParameters = [
            ("application_name", "bilateral"),
            ("statement_timeout", String(statementTimeout * 1000)),
            ("default_transaction_isolation", "read committed"),
            ("jit", "off"),
            ("client_min_messages", "warning"),
        ]
        self.configuration = configuration
        connection = try Self.connect(configuration, address: address, timeout: statementTimeout)
        backendPID = try query("SELECT pg_backend_pid()::bigint").first?.int(0) ?? 0
    }

    private static func connect(_ configuration: PostgresConnection.Configuration, address: PostgresAddress,
                                timeout: Int) throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw failure(error, address: address, interrupted: false, timeout: timeout)
        }
    }

    /// The connection for the next statement: made again if the server closed it (restarted, or
    /// the network cut) and this session reconnects; until the server is back, each statement
    /// fails with "server unreachable".
    private func liveConnection() throws -> PostgresConnection {
        let current = lock.withLock { connection }
        guard reconnects, current.isClosed else { return current }
        let fresh = try Self.connect(configuration, address: address, timeout: statementTimeout)
        let pid = try Self.rows(fresh, "SELECT pg_backend_pid()::bigint").first?.int(0) ?? 0
        // The old connection's hold on the publication went with it: hold it again, if it is
        // still there (an import may have dropped it while no one held it).
        if let pinned, let generation = pinned.generation {
            _ = try Self.rows(fresh, "SELECT pg_advisory_lock_shared(\(PostgresPin.namespace), \(generation % Int(Int32.max)))::text")
            let schema = PostgresSchema.literal(pinned.schema)
            if try Self.rows(fresh, "SELECT 1::bigint FROM pg_namespace WHERE nspname = \(schema)").isEmpty {
                _ = try? fresh.close().wait()
                throw Self.replaced(address.dataset ?? pinned.schema, address: address)
            }
        }
        lock.withLock {
            connection = fresh
            backendPID = pid
        }
        return fresh
    }

    private static func rows(_ connection: PostgresConnection, _ sql: String) throws -> [PGRow] {
        try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().rows.map { PGRow(row: $0, table: "") }
    }

    /// The publication a reader held was replaced and dropped while its connection was lost: what
    /// it read before cannot be continued (the new one is another dataset); open it again.
    static func replaced(_ dataset: String, address: PostgresAddress) -> PostgresStoreError {
        PostgresStoreError(message: "PostgreSQL at \(address.server): dataset \(dataset) was replaced while the connection was lost; open it again",
                           exitCode: 69, reason: .datasetReplaced)
    }

    deinit {
        let connection = lock.withLock { self.connection }
        try? connection.close().wait()
    }

    private static func tls(_ mode: PostgresAddress.SSLMode, address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return mode == .allow || mode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw PostgresStoreError.unavailable("\(address.server): cannot set up TLS (\(error))")
        }
    }

    /// Runs one statement (parameters `$1`...), all its rows read.
    func query(_ sql: String, _ binds: [PGValue] = [], table: String = "") throws -> [PGRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { bind.append(to: &bindings) }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        return try guarded {
            try liveConnection().query(query, logger: Self.logger).wait().rows.map { PGRow(row: $0, table: table) }
        }
    }

    /// Runs statements separated by semicolons, one after the other (postgres-nio sends every
    /// statement as a prepared one, which holds one command). Only for our own DDL: no semicolon
    /// inside a literal.
    func execute(_ sql: String) throws {
        for statement in sql.split(separator: ";") {
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { _ = try query(text) }
        }
    }

    /// `COPY table (columns) FROM STDIN` of rows in COPY's text format (`CopyText`).
    func copy(into table: String, columns: [String], data: ByteBuffer) throws {
        let connection = self.connection
        try guarded {
            try Self.blocking {
                try await connection.copyFrom(table: table, columns: columns, logger: Self.logger) { (writer: PostgresCopyFromWriter) in
                    // The type is spelled out: this is postgres-nio's COPY writer, whose `write(_:)` is
                    // async and throws (a failed write is reported as the server's error), not
                    // Foundation's file-handle write.
                    try await writer.write(data)
                }
            }
        }
    }

    /// COPY batches sent while the caller goes on building the next ones, so that an import's
    /// reading and the server's loading overlap (two processes, two cores). One list of batches is
    /// on the wire at a time: this first waits for the one before, and `finishCopies` for the
    /// last; a failure of either is thrown by the next of these calls. No other statement may
    /// run on the session until `finishCopies` returns.
    func copyInBackground(_ batches: [(table: String, data: ByteBuffer)]) throws {
        try finishCopies()
        guard !batches.isEmpty else { return }
        let connection = self.connection
        let flight = CopyFlight()
        lock.withLock {
            running += 1
            interrupted = false
        }
        Task(executorPreference: CopyExecutor.shared) {
            do {
                for batch in batches {
                    try await connection.copyFrom(table: batch.table, columns: [], logger: Self.logger) { writer in
                        try await writer.write(batch.data)
                    }
                }
            } catch {
                flight.error = error
            }
            flight.done.signal()
        }
        inFlight = flight
    }

    /// Waits for the COPY `copyInBackground` sent last, and throws its failure.
    func finishCopies() throws {
        guard let flight = inFlight else { return }
        inFlight = nil
        flight.done.wait()
        let interrupted = lock.withLock { () -> Bool in
            running -= 1
            return self.interrupted
        }
        if let error = flight.error {
            throw Self.failure(error, address: address, interrupted: interrupted, timeout: statementTimeout)
        }
    }

    /// A background COPY's end: signalled once, its error (if any) written before the signal.
    private final class CopyFlight: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?
    }

    /// Waits on this thread for async work done on `CopyExecutor`'s thread (the COPY API has no
    /// future-based form).
    private static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: CopyExecutor.shared) {
            do { try await body() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// Stops the statement running on this connection now, from another thread: the server cancels
    /// it (pg_cancel_backend from a second, short-lived connection) and the call in progress throws
    /// an interruption. Nothing running: nothing happens.
    func interrupt() {
        let busy = lock.withLock { () -> Bool in
            if running > 0 { interrupted = true }
            return running > 0
        }
        let backendPID = lock.withLock { self.backendPID }
        guard busy, backendPID > 0, let side = try? PostgresSession(address: address, statementTimeout: 5) else { return }
        _ = try? side.query("SELECT pg_cancel_backend($1::int)", [.int(backendPID)])
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        lock.withLock {
            running += 1
            interrupted = false
        }
        defer { lock.withLock { running -= 1 } }
        do {
            return try body()
        } catch {
            throw Self.failure(error, address: address, interrupted: lock.withLock { interrupted }, timeout: statementTimeout)
        }
    }

    /// What went wrong, on one line naming the server and never the password.
    static func failure(_ error: any Error, address: PostgresAddress, interrupted: Bool, timeout: Int) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        let server = "PostgreSQL at \(address.server)"
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError:
                let reason = error.underlying.map { Self.reason($0) } ?? "no answer"
                return PostgresStoreError(message: "\(server): server unreachable (\(reason))", exitCode: 69, reason: .connectionLost)
            case .sslUnsupported:
                return .unavailable("\(server): the server does not offer TLS, which sslmode=\(address.sslMode.rawValue) requires")
            case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
                return .unavailable("\(server): TLS could not be set up")
            case .authMechanismRequiresPassword:
                return .unavailable("\(server): the server asks user \(address.user) for a password (give it in the address, PGPASSWORD or ~/.pgpass)")
            case .unsupportedAuthMechanism, .saslError:
                return .unavailable("\(server): authentication failed for user \(address.user)")
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return PostgresStoreError(message: "\(server): connection lost", exitCode: 69, reason: .connectionLost)
            case .queryCancelled:
                return PostgresStoreError(message: "\(server): interrupted", exitCode: 130)
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                let message = error.serverInfo?[.message] ?? "error \(state)"
                switch state {
                case "28P01", "28000":
                    return .unavailable("\(server): authentication failed for user \(address.user)")
                case "3D000":
                    return .unavailable("\(server): database \(address.database) does not exist")
                case "57014":
                    if interrupted { return PostgresStoreError(message: "\(server): interrupted", exitCode: 130) }
                    return .unavailable("\(server): a query took longer than \(timeout) s (statement timeout)")
                case "57P01", "57P02", "57P03", "08006", "08001", "08004", "53300":
                    return PostgresStoreError(message: "\(server): \(message)", exitCode: 69, reason: .connectionLost)
                case "55P03":
                    return .unavailable("\(server): timed out waiting for a lock (\(message))")
                case "42P01", "42703", "3F000":
                    return .bad("\(server): not a usable Bilateral dataset (\(message))")
                default:
                    return .bad("\(server): \(message)")
                }
            default:
                return .unavailable("\(server): \(error.code)")
            }
        }
        if error is PostgresDecodingError { return .bad("\(server): a value of an unexpected type (not a Bilateral dataset?)") }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .unavailable("\(server): server unreachable (no answer within \(address.connectTimeout) s)")
        }
        return .unavailable("\(server): \(Self.reason(error))")
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "no answer within \(amount.nanoseconds / 1_000_000_000) s"
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first?.error { return reason(first) }
            if error.dnsAAAAError != nil || error.dnsAError != nil { return "unknown host" }
        }
        let text = "\(error)"
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

/// A parameter of a statement.
enum PGValue {
    case int(Int)
    case text(String)
    case optionalText(String?)
    case ints([Int])

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .int(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .optionalText(let value): if let value { bindings.append(value) } else { bindings.appendNull() }
        case .ints(let value): bindings.append(value)
        }
    }
}

/// A row as read, its values decoded on demand and checked: a value of the wrong type or a NULL
/// where none belongs is a dataset that is not ours or damaged (exit 65), never a trap.
struct PGRow {
    let cells: [PostgresCell]
    let table: String

    init(row: PostgresRow, table: String) {
        cells = Array(row)
        self.table = table
    }

    private func bad(_ index: Int, _ what: String) -> PostgresStoreError {
        let column = index < cells.count ? cells[index].columnName : "#\(index)"
        return .bad("\(table.isEmpty ? "" : table + ".")\(column): \(what)")
    }

    func isNull(_ index: Int) -> Bool { index >= cells.count || cells[index].bytes == nil }

    func int(_ index: Int) throws -> Int {
        guard index < cells.count, cells[index].bytes != nil else { throw bad(index, "missing value") }
        do { return try cells[index].decode(Int.self) } catch { throw bad(index, "not an integer") }
    }

    func double(_ index: Int) throws -> Double {
        guard index < cells.count, cells[index].bytes != nil else { throw bad(index, "missing value") }
        do { return try cells[index].decode(Double.self) } catch { throw bad(index, "not a number") }
    }

    func int(_ index: Int, in range: Range<Int>) throws -> Int {
        let value = try int(index)
        guard range.contains(value) else { throw bad(index, "\(value) is out of range") }
        return value
    }

    func optionalInt(_ index: Int) throws -> Int? { isNull(index) ? nil : try int(index) }

    func text(_ index: Int) throws -> String {
        guard index < cells.count, cells[index].bytes != nil else { throw bad(index, "missing value") }
        do { return try cells[index].decode(String.self) } catch { throw bad(index, "not text") }
    }

    func optionalText(_ index: Int) throws -> String? { isNull(index) ? nil : try text(index) }

    func ints(_ index: Int) throws -> [Int] {
        guard index < cells.count, cells[index].bytes != nil else { return [] }
        do { return try cells[index].decode([Int].self) } catch { throw bad(index, "not a list of integers") }
    }
}
