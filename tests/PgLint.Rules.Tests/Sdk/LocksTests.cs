using System.Collections.Immutable;

namespace PgLint.Rules.Tests.Sdk;

/// <summary>
/// The SDK's lock model (<see cref="Locks"/>), as the rules rely on it. The levels follow PostgreSQL 15's
/// AlterTableGetLockLevel and the manual; a later test run against a real server is to confirm them.
/// </summary>
public sealed class LocksTests
{
    [TestCase("CREATE INDEX i ON t (a)", "t SHARE")]
    [TestCase("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t ADD COLUMN c int", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE t ALTER COLUMN c SET NOT NULL", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE t VALIDATE CONSTRAINT t_c_check", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t ALTER COLUMN c SET STATISTICS 500", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t CLUSTER ON t_pkey", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, toast.autovacuum_enabled = false)", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t SET (fillfactor = 70, user_catalog_table = true)", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE t DISABLE TRIGGER ALL", "t SHARE ROW EXCLUSIVE")]
    [TestCase("ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID", "t SHARE ROW EXCLUSIVE; p SHARE ROW EXCLUSIVE")]
    [TestCase("ALTER TABLE t ADD COLUMN p_id bigint REFERENCES s.p", "t ACCESS EXCLUSIVE; s.p SHARE ROW EXCLUSIVE")]
    [TestCase("ALTER TABLE t VALIDATE CONSTRAINT c, ADD COLUMN x int", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)", "p SHARE UPDATE EXCLUSIVE; p1 ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE p DETACH PARTITION p1", "p ACCESS EXCLUSIVE; p1 ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "p SHARE UPDATE EXCLUSIVE; p1 SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER INDEX i SET (fillfactor = 80)", "i (index) SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t RENAME TO u", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER TABLE t RENAME COLUMN a TO b", "t ACCESS EXCLUSIVE")]
    [TestCase("ALTER INDEX i RENAME TO j", "i (index) SHARE UPDATE EXCLUSIVE")]
    [TestCase("ALTER TABLE t SET SCHEMA archive", "t ACCESS EXCLUSIVE")]
    [TestCase("DROP TABLE a, s.b", "a ACCESS EXCLUSIVE; s.b ACCESS EXCLUSIVE")]
    [TestCase("DROP INDEX i", "i (index) ACCESS EXCLUSIVE")]
    [TestCase("DROP INDEX CONCURRENTLY i", "i (index) SHARE UPDATE EXCLUSIVE")]
    [TestCase("DROP TRIGGER tr ON s.t", "s.t ACCESS EXCLUSIVE")]
    [TestCase("TRUNCATE a, b", "a ACCESS EXCLUSIVE; b ACCESS EXCLUSIVE")]
    [TestCase("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "t SHARE ROW EXCLUSIVE")]
    [TestCase("CREATE POLICY own_rows ON t USING (owner = current_user)", "t ACCESS EXCLUSIVE")]
    [TestCase("REFRESH MATERIALIZED VIEW m", "m ACCESS EXCLUSIVE")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY m", "m EXCLUSIVE")]
    [TestCase("VACUUM FULL t", "t ACCESS EXCLUSIVE")]
    [TestCase("VACUUM (FULL false, ANALYZE) t", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("ANALYZE t", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("CLUSTER t USING t_pkey", "t ACCESS EXCLUSIVE")]
    [TestCase("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE", "t SHARE ROW EXCLUSIVE")]
    [TestCase("LOCK t", "t ACCESS EXCLUSIVE")]
    [TestCase("REINDEX TABLE t", "t SHARE")]
    [TestCase("REINDEX TABLE CONCURRENTLY t", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("REINDEX INDEX i", "i (index) ACCESS EXCLUSIVE")]
    [TestCase("CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)", "p ACCESS EXCLUSIVE")]
    [TestCase("CREATE TABLE c (extra int) INHERITS (p)", "p SHARE UPDATE EXCLUSIVE")]
    [TestCase("CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, parent_id int REFERENCES c)", "p SHARE ROW EXCLUSIVE")]
    [TestCase("COMMENT ON COLUMN t.a IS 'why'", "t SHARE UPDATE EXCLUSIVE")]
    [TestCase("INSERT INTO t (a) SELECT a FROM u", "t ROW EXCLUSIVE")]
    [TestCase("UPDATE t SET a = 1", "t ROW EXCLUSIVE")]
    [TestCase("SELECT * FROM t", "")]
    public void Statement_takes_the_documented_locks(string sql, string expected) =>
        LocksOf(sql)[^1].Should().Be(expected);

    [Test]
    public void Index_statements_lock_the_table_the_catalog_knows_for_the_index()
    {
        var locks = LocksOf("CREATE TABLE t (a int); CREATE INDEX i ON t (a); REINDEX INDEX CONCURRENTLY i; REINDEX TABLE t; DROP INDEX i");

        locks[2].Should().Be("public.t SHARE UPDATE EXCLUSIVE; public.i (index) SHARE UPDATE EXCLUSIVE");
        locks[3].Should().Be("public.t SHARE; public.i (index) ACCESS EXCLUSIVE");
        locks[4].Should().Be("public.t ACCESS EXCLUSIVE; public.i (index) ACCESS EXCLUSIVE");
    }

    [Test]
    public void Conflicts_are_symmetric()
    {
        var modes = Enum.GetValues<LockMode>();
        foreach (var a in modes)
        {
            foreach (var b in modes)
            {
                a.ConflictsWith(b).Should().Be(b.ConflictsWith(a), $"{a.ToSql()} vs {b.ToSql()}");
            }
        }
    }

    [Test]
    public void Share_and_stronger_block_writes_and_only_access_exclusive_blocks_reads()
    {
        Enum.GetValues<LockMode>().Where(static m => m.BlocksWrites()).Should().Equal(LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive);
        Enum.GetValues<LockMode>().Where(static m => m.BlocksReads()).Should().Equal(LockMode.AccessExclusive);
        LockMode.ShareUpdateExclusive.ConflictsWith(LockMode.ShareUpdateExclusive).Should().BeTrue("two VACUUMs or concurrent index builds on one table wait for each other");
    }

    /// <summary>The locks of each statement of a file, rendered, with the catalog as it stands before each.</summary>
    private static List<string> LocksOf(string sql)
    {
        var recorded = new List<string>();
        var diagnostics = AnalyzerVerifier.LintForTest(sql, [new LockRecorder(recorded)]);
        diagnostics.Should().BeEmpty();
        return recorded;
    }

    private sealed class LockRecorder(List<string> recorded) : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PG9990", "lock-recorder", "Test", "Never reported.", "test", Severity.Info);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(c => recorded.Add(string.Join(
                "; ",
                Locks.Acquired(c.Root, c.Catalog).Select(static l => $"{l.Relation}{(l.Kind == LockedRelationKind.Index ? " (index)" : string.Empty)} {l.Mode.ToSql()}"))));
    }
}
