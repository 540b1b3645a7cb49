/// The datasets of a database, and which schema holds each one now.
///
/// Every publication of a dataset is a schema of its own, `bilateral_data_<generation>`; the table
/// `bilateral_catalog.datasets` maps each dataset's name to its current schema and is updated in
/// the import's publishing transaction. A reader resolves the name once, when it opens, and reads
/// that schema only (`PostgresPin` keeps it from being dropped while the reader is connected), so
/// an import that replaces the dataset never shows it a mix of the old and new tables. Datasets
/// written before the catalog existed are schemas named by the dataset, and are still read (and
/// replaced) as such.
public enum PostgresCatalog {
    static let schema = "bilateral_catalog"
    static let table = "bilateral_catalog.datasets"
    static let dataPrefix = "bilateral_data_"

    /// What a schema of that name is, nil when there is none.
    enum Kind: Equatable {
        case dataset
        case newer(Int)
        /// A dataset of an earlier store version: replaceable, not readable.
        case older(Int)
        /// A schema that is not ours (no `meta` table, or not with our application key).
        case other
    }

    /// Where a dataset is: its schema, and its generation (nil for a dataset published before the catalog).
    struct Location: Equatable {
        var schema: String
        var generation: Int?
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

    /// Creates the catalog if it is not there (an importer's first step; readers never write).
    /// Two first imports at once can race on `IF NOT EXISTS` (a unique violation): the loser retries.
    static func create(session: PostgresSession) throws {
        let sql = """
            CREATE SCHEMA IF NOT EXISTS \(schema);
            CREATE TABLE IF NOT EXISTS \(table)(name text PRIMARY KEY, schema text NOT NULL UNIQUE, generation bigint NOT NULL);
            CREATE SEQUENCE IF NOT EXISTS \(schema).generations
            """
        do { try session.execute(sql) } catch { try session.execute(sql) }
        // Every role that may read a dataset must be able to find it (the catalog's owner grants it once).
        try? session.execute("GRANT USAGE ON SCHEMA \(schema) TO PUBLIC; GRANT SELECT ON \(table) TO PUBLIC")
    }

    static func hasCatalog(session: PostgresSession) throws -> Bool {
        try session.query("SELECT (to_regclass('\(table)') IS NOT NULL)::int::bigint").first?.int(0) == 1
    }

    /// The schema that holds `dataset` now: the catalog's, else a schema of that name (a dataset
    /// published before the catalog, or another application's schema: `kind(of:)` tells), else nil.
    static func locate(_ dataset: String, session: PostgresSession) throws -> Location? {
        if try hasCatalog(session: session),
           let row = try session.query("SELECT schema, generation FROM \(table) WHERE name = $1", [.text(dataset)], table: "datasets").first {
            return Location(schema: try row.text(0), generation: try row.int(1))
        }
        let named = try session.query("SELECT 1::bigint FROM pg_namespace WHERE nspname = $1", [.text(dataset)])
        return named.isEmpty ? nil : Location(schema: dataset, generation: nil)
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
        if version < PostgresSchema.formatVersion { return .older(version) }
        return .dataset
    }

    /// Every dataset of the database at `address` (its dataset, if any, is ignored), by name.
    public static func datasets(at address: PostgresAddress) throws -> [Entry] {
        let session = try PostgresSession(address: address.with(dataset: nil))
        return try datasets(session: session)
    }

    static func datasets(session: PostgresSession) throws -> [Entry] {
        var located: [(name: String, schema: String)] = []
        if try hasCatalog(session: session) {
            located = try session.query("SELECT name, schema FROM \(table)", table: "datasets").map { (try $0.text(0), try $0.text(1)) }
        }
        let catalogued = Set(located.map(\.name))
        // Datasets published before the catalog: schemas of their own name.
        located += try session.query("""
            SELECT n.nspname::text FROM pg_namespace n
            WHERE to_regclass(quote_ident(n.nspname) || '.meta') IS NOT NULL
              AND n.nspname NOT LIKE 'bilateral\\_%' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            """).map { try $0.text(0) }.filter { !catalogued.contains($0) }.map { ($0, $0) }
        var entries: [Entry] = []
        for (name, schema) in located.sorted(by: { $0.name < $1.name }) {
            let s = PostgresSchema.quoted(schema)
            guard let rows = try? session.query("SELECT key, value FROM \(s).meta", table: "meta") else { continue }
            var meta: [String: String] = [:]
            for row in rows { if let key = try? row.text(0) { meta[key] = try? row.optionalText(1) } }
            guard meta["application"] == PostgresSchema.application, let version = meta["format_version"].flatMap(Int.init),
                  version <= PostgresSchema.formatVersion else { continue }
            entries.append(Entry(name: name, title: meta["title"] ?? "", eventCount: meta["event_count"].flatMap(Int.init) ?? 0,
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
        guard let location = try locate(dataset, session: session) else { return }
        switch try kind(of: location.schema, session: session) {
        case .other: throw PostgresStoreError.bad("\(address.shown): schema \(dataset) belongs to another application; not dropped")
        case nil, .dataset, .newer, .older: break
        }
        if location.generation != nil { try session.execute("DELETE FROM \(table) WHERE name = \(PostgresSchema.literal(dataset))") }
        try session.execute("DROP SCHEMA IF EXISTS \(PostgresSchema.quoted(location.schema)) CASCADE")
    }

    /// Drops the published schemas no dataset names any more whose readers are all gone (no
    /// session holds their `PostgresPin`); those still read wait for a later import.
    static func dropUnreferenced(session: PostgresSession) throws {
        guard try hasCatalog(session: session) else { return }
        let rows = try session.query("""
            SELECT nspname::text, substring(nspname FROM '[0-9]+$')::bigint FROM pg_namespace
            WHERE nspname LIKE 'bilateral\\_data\\_%' AND nspname NOT IN (SELECT schema FROM \(table))
            """)
        for row in rows {
            let name = try row.text(0), generation = try row.int(1)
            guard try PostgresPin.tryExclusive(generation, session: session) else { continue }
            defer { PostgresPin.releaseExclusive(generation, session: session) }
            try? session.execute("SET lock_timeout = '5s'; DROP SCHEMA IF EXISTS \(PostgresSchema.quoted(name)) CASCADE; SET lock_timeout = 0")
        }
    }
}
