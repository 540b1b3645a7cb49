import Foundation
@testable import PostgresStore
import Testing

/// Addresses as PostgreSQL users write them, and libpq's defaults for what they leave out.
@Suite struct PostgresAddressTests {
    let none: [String: String] = [:]

    @Test func fullAddress() throws {
        let address = try PostgresAddress(parsing: "postgresql://ana:s%3Acret@db.example.org:6543/history?dataset=gdelt&sslmode=require",
                                          environment: none, home: nil)
        #expect(address.host == "db.example.org")
        #expect(address.port == 6543)
        #expect(address.user == "ana")
        #expect(address.password == "s:cret")
        #expect(address.database == "history")
        #expect(address.dataset == "gdelt")
        #expect(address.sslMode == .require)
        #expect(!address.shown.contains("cret"))
        #expect(address.shown == "postgresql://ana@db.example.org:6543/history?dataset=gdelt")
    }

    @Test func postgresSchemeIPv6AndSocketDirectory() throws {
        let v6 = try PostgresAddress(parsing: "postgres://u@[::1]:5433/d", environment: none, home: nil)
        #expect(v6.host == "::1")
        #expect(v6.port == 5433)
        #expect(v6.server == "[::1]:5433")
        let socket = try PostgresAddress(parsing: "postgresql://u@%2Fvar%2Frun%2Fpostgresql:5444/d?dataset=x", environment: none, home: nil)
        #expect(socket.isUnixSocket)
        #expect(socket.socketPath == "/var/run/postgresql/.s.PGSQL.5444")
        let parameter = try PostgresAddress(parsing: "postgresql:///d?host=/tmp/sock&port=7000&user=bob", environment: none, home: nil)
        #expect(parameter.host == "/tmp/sock")
        #expect(parameter.port == 7000)
        #expect(parameter.user == "bob")
        #expect(parameter.database == "d")
    }

    @Test func environmentFillsTheGaps() throws {
        let environment = ["PGHOST": "pg.internal", "PGPORT": "6000", "PGUSER": "carol", "PGDATABASE": "events", "PGPASSWORD": "pw",
                           "PGSSLMODE": "disable"]
        let address = try PostgresAddress(parsing: "postgresql://", environment: environment, home: nil)
        #expect(address.host == "pg.internal")
        #expect(address.port == 6000)
        #expect(address.user == "carol")
        #expect(address.database == "events")
        #expect(address.password == "pw")
        #expect(address.sslMode == .disable)
        // What the address says wins over the environment.
        let explicit = try PostgresAddress(parsing: "postgresql://dave@h:1/x?sslmode=verify-full", environment: environment, home: nil)
        #expect(explicit.user == "dave")
        #expect(explicit.host == "h")
        #expect(explicit.port == 1)
        #expect(explicit.database == "x")
        #expect(explicit.sslMode == .verifyFull)
        // No database: the user's name, as libpq does.
        #expect(try PostgresAddress(parsing: "postgresql://erin@h", environment: none, home: nil).database == "erin")
    }

    @Test func badAddresses() throws {
        for text in ["postgresql://h:99999/d", "postgresql://h:port/d", "postgresql://h/d?sslmode=maybe", "postgresql://h/d?dataset=Bad-Name",
                     "postgresql://h/d?dataset=bilateral_scratch_1", "postgresql://h/d?dataset=1x", "mysql://h/d"] {
            #expect(throws: PostgresStoreError.self, "\(text)") { try PostgresAddress(parsing: text, environment: none, home: nil) }
        }
        do {
            _ = try PostgresAddress(parsing: "postgresql://u:topsecret@h/d?password=topsecret&sslmode=nope", environment: none, home: nil)
            Issue.record("accepted")
        } catch let error as PostgresStoreError {
            #expect(!error.message.contains("topsecret"))
            #expect(error.exitCode == 64)
        }
    }

    @Test func passwordFile() throws {
        let home = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let file = home + "/.pgpass"
        try """
            # comment
            other:5432:*:ana:wrong
            db.example.org:5432:history:ana:right\\:one
            *:*:*:bob:any
            localhost:5432:*:sock:viasocket

            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        var warnings: [String] = []
        func parse(_ text: String) throws -> PostgresAddress {
            try PostgresAddress(parsing: text, environment: [:], home: home, warn: { warnings.append($0) })
        }
        #expect(try parse("postgresql://ana@db.example.org/history").password == "right:one")
        #expect(try parse("postgresql://ana@db.example.org/other").password == nil)
        #expect(try parse("postgresql://bob@anything:9/x").password == "any")
        #expect(try parse("postgresql://sock@%2Ftmp/x").password == "viasocket")
        // The address's own password wins.
        #expect(try parse("postgresql://bob:mine@h/x").password == "mine")
        #expect(warnings.isEmpty)

        // Readable by others: ignored, with a warning that names the file and never the password.
        chmod(file, 0o644)
        #expect(try parse("postgresql://ana@db.example.org/history").password == nil)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(file) == true)
        #expect(warnings.first?.contains("right") == false)
        // PGPASSFILE names another file.
        let other = home + "/elsewhere"
        try "*:*:*:*:fromenv\n".write(toFile: other, atomically: true, encoding: .utf8)
        chmod(other, 0o600)
        #expect(try PostgresAddress(parsing: "postgresql://z@h/x", environment: ["PGPASSFILE": other], home: home).password == "fromenv")
    }

    @Test func passwordFileEscapes() {
        #expect(PasswordFile.split(#"h:1:d:u:p\:w\\x:y"#) == ["h", "1", "d", "u", #"p:w\x:y"#])
    }
}
