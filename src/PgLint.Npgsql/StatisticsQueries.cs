namespace PgLint.Npgsql;

/// <summary>The statistics queries of <see cref="StatisticsLoader"/>; system schemas are left out.</summary>
internal static class StatisticsQueries
{
    private const string UserSchema = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    public const string Database = """
        SELECT current_database(), current_setting('server_version_num')::int, now(), s.stats_reset, age(d.datfrozenxid)::bigint
        FROM pg_database d
        LEFT JOIN pg_stat_database s ON s.datid = d.oid
        WHERE d.datname = current_database()
        """;

    public const string Cache = """
        SELECT coalesce(sum(heap_blks_hit), 0)::bigint, coalesce(sum(heap_blks_read), 0)::bigint,
               coalesce(sum(idx_blks_hit), 0)::bigint, coalesce(sum(idx_blks_read), 0)::bigint
        FROM pg_statio_user_tables
        """;

    // reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14+), 0 with an unknown meaning before.
    public const string Tables = $"""
        SELECT n.nspname, c.relname, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::float8 END, c.relpages::bigint,
               pg_relation_size(c.oid), pg_total_relation_size(c.oid),
               s.seq_scan, s.idx_scan, s.n_live_tup, s.n_dead_tup, s.last_vacuum, s.last_autovacuum,
               greatest(s.last_analyze, s.last_autoanalyze),
               (SELECT sum(st.avg_width)::int FROM pg_stats st
                WHERE st.schemaname = n.nspname AND st.tablename = c.relname AND NOT st.inherited),
               coalesce((SELECT o.option_value::int FROM pg_options_to_table(c.reloptions) o WHERE o.option_name = 'fillfactor'), 100)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'p', 'm') AND {UserSchema}
        ORDER BY n.nspname, c.relname
        """;

    public const string Indexes = $"""
        SELECT n.nspname, ci.relname, ct.relname, s.idx_scan, pg_relation_size(ci.oid),
               (SELECT st.n_distinct::float8 FROM pg_stats st JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
                WHERE x.indkey[0] <> 0 AND st.schemaname = n.nspname AND st.tablename = ct.relname AND st.attname = a.attname AND NOT st.inherited)
        FROM pg_index x
        JOIN pg_class ci ON ci.oid = x.indexrelid
        JOIN pg_class ct ON ct.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = ci.relnamespace
        LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
        WHERE {UserSchema}
        ORDER BY n.nspname, ci.relname
        """;

    // Serial sequences depend on their column with deptype 'a', identity sequences with 'i'.
    public const string Sequences = """
        SELECT s.schemaname, s.sequencename, s.data_type::text, s.last_value, s.min_value, s.max_value, s.increment_by, s.cycle,
               tn.nspname || '.' || t.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_sequences s
        JOIN pg_namespace sn ON sn.nspname = s.schemaname
        JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = sn.oid
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
        ORDER BY s.schemaname, s.sequencename
        """;

    // pg_hba_file_rules is readable by superusers only unless EXECUTE was granted; lines with errors are not in effect.
    public const string CanReadHba = "SELECT has_function_privilege('pg_hba_file_rules()', 'EXECUTE')";

    public const string Hba = """
        SELECT line_number, type, database, user_name, address, netmask, auth_method
        FROM pg_hba_file_rules
        WHERE error IS NULL
        ORDER BY line_number
        """;

    // Reading the view when the library is not preloaded raises an error, which would end the transaction.
    public const string StatStatementsAvailable = """
        SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_stat_statements')
               AND current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'
        """;

    // total_exec_time replaced total_time in PostgreSQL 13. Statements of other roles show their text
    // only to superusers and pg_read_all_stats; the rest read "<insufficient privilege>", which does not parse.
    public static string Statements(int serverVersion) => $"""
        SELECT s.queryid, coalesce(r.rolname, s.userid::text), s.calls, s.rows, s.{(serverVersion >= 130000 ? "total_exec_time" : "total_time")}, s.query
        FROM pg_stat_statements s
        LEFT JOIN pg_roles r ON r.oid = s.userid
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.queryid IS NOT NULL
        ORDER BY s.calls DESC, s.queryid
        """;
}
