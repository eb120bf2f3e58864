namespace PgLint.Npgsql;

/// <summary>
/// The <c>pg_catalog</c> queries of <see cref="CatalogLoader"/>; system schemas are excluded by
/// <see cref="UserSchema"/>, and relations and functions that belong to an extension are left out
/// (their owner cannot change them, and replayed migrations do not know them).
/// </summary>
internal static class CatalogQueries
{
    private const string UserSchema = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    public const string Schemas = $"SELECT n.nspname FROM pg_namespace n WHERE {UserSchema}";

    public const string Extensions = "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'";

    public const string Tables = $"""
        SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
               pn.nspname, p.relname, c.reloptions::text[], pt.partstrat,
               CASE WHEN pt.partrelid IS NOT NULL THEN ARRAY(
                   SELECT a.attname FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY u(num, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.num AND u.num <> 0
                   ORDER BY u.ord)::text[] END
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
        LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
        LEFT JOIN pg_class p ON p.oid = i.inhparent
        LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {UserSchema}
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY n.nspname, c.relname
        """;

    public const string Columns = $"""
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND {UserSchema}
        ORDER BY n.nspname, c.relname, a.attnum
        """;

    public const string Constraints = $"""
        SELECT n.nspname, c.relname, k.conname, k.contype,
               ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord)::text[],
               fn.nspname, f.relname,
               ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord)::text[],
               k.confupdtype, k.confdeltype, k.convalidated, pg_get_constraintdef(k.oid, true), ic.relname
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class f ON f.oid = k.confrelid
        LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
        LEFT JOIN pg_class ic ON ic.oid = k.conindid AND k.contype IN ('p', 'u', 'x')
        WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND {UserSchema}
        ORDER BY n.nspname, c.relname, k.conname
        """;

    public const string Indexes = $"""
        SELECT n.nspname, ic.relname, n.nspname, c.relname, am.amname, x.indisunique, x.indisprimary, x.indisvalid, x.indnkeyatts,
               ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnatts) k ORDER BY k)::text[],
               ARRAY(SELECT x.indkey[k - 1] = 0 FROM generate_series(1, x.indnatts) k ORDER BY k)::bool[],
               pg_get_expr(x.indpred, x.indrelid, true), k.conname
        FROM pg_index x
        JOIN pg_class ic ON ic.oid = x.indexrelid
        JOIN pg_class c ON c.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')
        WHERE {UserSchema}
        ORDER BY n.nspname, ic.relname
        """;

    public const string Policies = $"""
        SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive,
               ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r)::text[],
               pg_get_expr(p.polqual, p.polrelid, true), pg_get_expr(p.polwithcheck, p.polrelid, true)
        FROM pg_policy p
        JOIN pg_class c ON c.oid = p.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {UserSchema}
        ORDER BY n.nspname, c.relname, p.polname
        """;

    public const string Sequences = $"""
        SELECT n.nspname, s.relname, tn.nspname, t.relname, a.attname
        FROM pg_class s
        JOIN pg_namespace n ON n.oid = s.relnamespace
        LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND {UserSchema}
        ORDER BY n.nspname, s.relname
        """;

    /// <summary>
    /// Functions and procedures of user schemas, without those that belong to an extension (replay
    /// does not know them either): input argument types as <c>format_type</c> prints them.
    /// </summary>
    public const string Functions = $"""
        SELECT n.nspname, p.proname,
               ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, ord) ORDER BY u.ord)::text[],
               p.prokind, l.lanname, p.provolatile, p.prosecdef, p.proconfig
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
        WHERE p.prokind IN ('f', 'p', 'w') AND {UserSchema}
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY n.nspname, p.proname, p.oid
        """;
}
