/// The datasets of a database: schemas whose `meta` table says `application` = `bilateral`.
public enum PostgresCatalog {
    /// What a schema of that name is, nil when there is none.
    enum Kind: Equatable {
        case dataset
        case newer(Int)
        /// A schema that is not ours (no `meta` table, or not with our application key).
        case other
    }

    /// One dataset, as `bilateral datasets` lists it.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var title: String
        public var eventCount: Int
        public var quoteCount: Int
        public var firstDay: Int?
        public var lastDay: Int?
    }

    static func kind(of schema: String, session: PostgresSession) throws -> Kind? {
        let rows = try session.query("""
            SELECT n.nspname::text, (CASE WHEN to_regclass(quote_ident(n.nspname) || '.meta') IS NULL THEN 0 ELSE 1 END)::bigint FROM pg_namespace n WHERE n.nspname = $1
            """, [.text(schema)])
        guard let row = rows.first else { return nil }
        guard try row.int(1) == 1 else { return .other }
        let s = PostgresSchema.quoted(schema)
        let meta = try session.query("""
            SELECT (SELECT value FROM \(s).meta WHERE key = 'application'), (SELECT value FROM \(s).meta WHERE key = 'format_version')
            """, table: "meta")
        guard let first = meta.first, try first.optionalText(0) == PostgresSchema.application else { return .other }
        let version = Int(try first.optionalText(1) ?? "") ?? 0
        if version > PostgresSchema.formatVersion { return .newer(version) }
        if version < 1 { return .other }
        return .dataset
    }

    /// Every dataset of the database at `address` (its dataset, if any, is ignored), by name.
    public static func datasets(at address: PostgresAddress) throws -> [Entry] {
        let session = try PostgresSession(address: address.with(dataset: nil))
        return try datasets(session: session)
    }

    static func datasets(session: PostgresSession) throws -> [Entry] {
        let schemas = try session.query("""
            SELECT n.nspname::text FROM pg_namespace n
            WHERE to_regclass(quote_ident(n.nspname) || '.meta') IS NOT NULL
              AND n.nspname NOT LIKE 'bilateral\\_%' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            ORDER BY 1
            """).map { try $0.text(0) }
        var entries: [Entry] = []
        for schema in schemas {
            let s = PostgresSchema.quoted(schema)
            guard let rows = try? session.query("SELECT key, value FROM \(s).meta", table: "meta") else { continue }
            var meta: [String: String] = [:]
            for row in rows { if let key = try? row.text(0) { meta[key] = try? row.optionalText(1) } }
            guard meta["application"] == PostgresSchema.application, let version = meta["format_version"].flatMap(Int.init),
                  version <= PostgresSchema.formatVersion else { continue }
            entries.append(Entry(name: schema, title: meta["title"] ?? "", eventCount: meta["event_count"].flatMap(Int.init) ?? 0,
                                 quoteCount: meta["quote_count"].flatMap(Int.init) ?? 0,
                                 firstDay: meta["first_day"].flatMap(Int.init), lastDay: meta["last_day"].flatMap(Int.init)))
        }
        return entries
    }

    /// Removes a dataset (for tests and `--replace` of a dataset by nothing); another application's
    /// schema is refused.
    public static func drop(_ address: PostgresAddress) throws {
        guard let dataset = address.dataset else { return }
        let session = try PostgresSession(address: address)
        switch try kind(of: dataset, session: session) {
        case nil: return
        case .other: throw PostgresStoreError.bad("\(address.shown): schema \(dataset) belongs to another application; not dropped")
        case .dataset, .newer: try session.execute("DROP SCHEMA \(PostgresSchema.quoted(dataset)) CASCADE")
        }
    }
}
