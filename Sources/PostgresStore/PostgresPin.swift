/// A reader's hold on the published schema it reads: a shared session-level advisory lock keyed by
/// the schema's generation, taken when the store opens and held while its connection lives (the
/// server releases it when the connection ends, also a killed one). An import drops a replaced
/// schema only when it can take the same key exclusively (`tryExclusive`), so a reader's tables are
/// never dropped under it while it is connected. Advisory locks take no table locks and never
/// block a reader's statements.
enum PostgresPin {
    /// The advisory locks' first key: ours, apart from another application's ("BILA").
    static let namespace = 0x4249_4C41

    private static func key(_ generation: Int) -> String { "\(namespace), \(generation % Int(Int32.max))" }

    /// Holds `generation` for this session (another hold of the same session stacks; `release` undoes one).
    static func hold(_ generation: Int, session: PostgresSession) throws {
        _ = try session.query("SELECT pg_advisory_lock_shared(\(key(generation)))::text")
    }

    static func release(_ generation: Int, session: PostgresSession) {
        _ = try? session.query("SELECT pg_advisory_unlock_shared(\(key(generation)))::text")
    }

    /// Whether no reader holds `generation`; if so, this session holds it exclusively until `releaseExclusive`.
    static func tryExclusive(_ generation: Int, session: PostgresSession) throws -> Bool {
        try session.query("SELECT pg_try_advisory_lock(\(key(generation)))::int::bigint").first?.int(0) == 1
    }

    static func releaseExclusive(_ generation: Int, session: PostgresSession) {
        _ = try? session.query("SELECT pg_advisory_unlock(\(key(generation)))::text")
    }

    /// Whether a schema of that name exists (a held generation's schema always does).
    static func exists(_ schema: String, session: PostgresSession) throws -> Bool {
        try !session.query("SELECT 1::bigint FROM pg_namespace WHERE nspname = $1", [.text(schema)]).isEmpty
    }
}
