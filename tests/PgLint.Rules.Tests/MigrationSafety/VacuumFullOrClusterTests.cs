using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.VacuumFullOrCluster>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class VacuumFullOrClusterTests
{
    [Test]
    public void Vacuum_full_is_reported_with_its_tables() =>
        Verifier.Verify(
            "[|VACUUM (FULL, ANALYZE) orders, customers|];",
            new VerifyOptions { ExpectedMessages = ["VACUUM FULL rewrites orders, customers and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes until the rewrite ends."] });

    [Test]
    public void The_old_vacuum_full_spelling_is_reported() =>
        Verifier.Verify("[|VACUUM FULL orders|];");

    [Test]
    public void Cluster_is_reported() =>
        Verifier.Verify("[|CLUSTER orders USING orders_pkey|];");

    [Test]
    public void Plain_vacuum_analyze_and_full_false_are_not_reported() =>
        Verifier.Verify("VACUUM orders; VACUUM ANALYZE orders; ANALYZE orders; VACUUM (FULL false) orders;");

    [Test]
    public void Recording_a_cluster_index_with_alter_table_is_not_reported() =>
        Verifier.Verify("ALTER TABLE orders CLUSTER ON orders_pkey;");
}
