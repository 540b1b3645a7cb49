import Foundation

/// Where a dataset lives on a PostgreSQL server, written as PostgreSQL users write it:
/// `postgresql://user[:password]@host[:port]/database?dataset=NAME` (or `postgres://`), with libpq's
/// defaults for what the address leaves out (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`,
/// `PGPASSWORD`, `PGSSLMODE`, then `~/.pgpass`). A host that begins with "/" is a Unix socket
/// directory (percent-encoded in the authority, `%2Ftmp`, or as `?host=/tmp`).
///
/// Parsed by hand: Foundation's `URLComponents` refuses a percent-encoded socket path as a host,
/// and libpq's parameters (`host`, `port`, `user`, `dbname`, `sslmode`) may come in the query too.
public struct PostgresAddress: Sendable, Equatable {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    /// Never shown: `shown` leaves it out, and so does every message.
    public var password: String?
    public var database: String
    /// The dataset (a schema of the database); nil when the address names only the database.
    public var dataset: String?
    public var sslMode: SSLMode
    /// Seconds to wait for the server to answer a connection (libpq's `connect_timeout`).
    public var connectTimeout: Int

    public var isUnixSocket: Bool { host.hasPrefix("/") }
    /// The socket file: libpq's name for it in the directory.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// True for text that is a PostgreSQL address rather than a path.
    public static func isAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// The address as a message shows it: never the password.
    public var shown: String {
        let hostText = isUnixSocket ? host : (host.contains(":") ? "[\(host)]" : host)
        var text = "postgresql://\(user)@\(hostText):\(port)/\(database)"
        if let dataset { text += "?dataset=\(dataset)" }
        return text
    }

    /// The server alone, for messages about the connection.
    public var server: String {
        isUnixSocket ? "\(socketPath)" : (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    public init(host: String, port: Int, user: String, password: String?, database: String, dataset: String?,
                sslMode: SSLMode = .prefer, connectTimeout: Int = 10) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.dataset = dataset
        self.sslMode = sslMode
        self.connectTimeout = connectTimeout
    }

    /// Parses an address; what it leaves out comes from `environment` (libpq's variables) and the
    /// password file. `warn` is told why a password file was ignored.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String? = NSHomeDirectory(), warn: (String) -> Void = { _ in }) throws {
        guard Self.isAddress(text) else { throw PostgresStoreError.address("'\(text)' is not a postgresql:// address") }
        var rest = Substring(text[text.range(of: "://")!.upperBound...])
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let key = Self.decode(parts[0]), let value = Self.decode(parts[1]) else {
                    throw PostgresStoreError.address("bad parameter '\(Self.withoutPassword(String(pair)))' in a postgresql:// address")
                }
                parameters[key] = value
            }
            rest = rest[..<question]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?, password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = Self.decode(userInfo[..<colon])
                password = Self.decode(userInfo[userInfo.index(after: colon)...])
            } else {
                user = Self.decode(userInfo)
            }
        }
        var host: String?, port: String?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            host = Self.decode(rest[..<colon])
            port = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            host = Self.decode(rest)
        }
        if host?.isEmpty == true { host = nil }
        if port?.isEmpty == true { port = nil }
        let database = path.isEmpty ? nil : Self.decode(path)

        let env = { (name: String) -> String? in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.host = parameters["host"] ?? host ?? env("PGHOST") ?? "/var/run/postgresql"
        let portText = parameters["port"] ?? port ?? env("PGPORT") ?? "5432"
        guard let portNumber = Int(portText), (1...65535).contains(portNumber) else {
            throw PostgresStoreError.address("bad port '\(portText)' in a postgresql:// address")
        }
        self.port = portNumber
        self.user = parameters["user"] ?? user ?? env("PGUSER") ?? Self.loginName()
        self.database = parameters["dbname"] ?? database ?? env("PGDATABASE") ?? self.user
        let dataset = parameters["dataset"]
        self.dataset = dataset?.isEmpty == true ? nil : dataset
        let modeText = parameters["sslmode"] ?? env("PGSSLMODE") ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw PostgresStoreError.address("unknown sslmode '\(modeText)' (one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        sslMode = mode
        let timeoutText = parameters["connect_timeout"] ?? env("PGCONNECT_TIMEOUT") ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else {
            throw PostgresStoreError.address("bad connect_timeout '\(timeoutText)'")
        }
        connectTimeout = timeout == 0 ? 10 : max(2, timeout)
        self.password = parameters["password"] ?? password ?? env("PGPASSWORD")
        if self.password == nil {
            let file = env("PGPASSFILE") ?? home.map { $0 + "/.pgpass" }
            if let file {
                self.password = PasswordFile.password(file: file, host: self.host, port: self.port, database: self.database,
                                                      user: self.user, warn: warn)
            }
        }
        if let name = self.dataset { try Self.checkDatasetName(name) }
    }

    /// Dataset names are schema names: plain lower-case identifiers, so that they need no quoting
    /// in any tool and never collide with the importer's scratch schemas.
    public static func checkDatasetName(_ name: String) throws {
        let valid = !name.isEmpty && name.utf8.count <= 40 && !name.hasPrefix("bilateral_") && !name.hasPrefix("pg_")
            && name.utf8.first.map { $0 >= 0x61 && $0 <= 0x7A || $0 == 0x5F } == true
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard valid else {
            throw PostgresStoreError.address("bad dataset name '\(name)': lower-case letters, digits and _, at most 40, "
                                             + "not beginning with a digit, bilateral_ or pg_")
        }
    }

    /// The same address naming another dataset of the database.
    public func with(dataset: String?) -> PostgresAddress {
        var copy = self
        copy.dataset = dataset
        return copy
    }

    private static func decode(_ text: Substring) -> String? { String(text).removingPercentEncoding }

    /// A parameter as a message may show it.
    private static func withoutPassword(_ pair: String) -> String {
        pair.lowercased().hasPrefix("password=") ? "password=…" : pair
    }

    private static func loginName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "postgres"
    }
}

/// libpq's password file (`~/.pgpass`): `host:port:database:user:password` lines, `*` for any,
/// `\:` and `\\` escaped. Ignored, with a warning, when others can read it (not 0600 or stricter).
enum PasswordFile {
    static func password(file: String, host: String, port: Int, database: String, user: String, warn: (String) -> Void) -> String? {
        var status = stat()
        guard stat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        if status.st_mode & 0o077 != 0 {
            warn("password file \(file) has group or world access (mode \(String(status.st_mode & 0o777, radix: 8))); ignored: chmod 0600 it")
            return nil
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        // A socket directory matches "localhost" as libpq's does.
        let hosts: Set<String> = host.hasPrefix("/") ? [host, "localhost"] : [host]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            if (fields[0] == "*" || hosts.contains(fields[0])) && matches(fields[1], String(port))
                && matches(fields[2], database) && matches(fields[3], user) {
                return fields[4]
            }
        }
        return nil
    }

    /// A line's fields at unescaped colons, escapes removed.
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], field = "", escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
