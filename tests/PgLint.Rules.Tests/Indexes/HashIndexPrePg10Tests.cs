using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.HashIndexPrePg10>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class HashIndexPrePg10Tests
{
    private static readonly VerifyOptions Pg96 = new() { PostgresVersion = new PostgresVersion(9, 6) };

    [Test]
    public void Hash_index_before_10_is_reported() =>
        Verifier.Verify(
            "[|CREATE INDEX sessions_token_idx ON sessions USING hash (token)|];",
            new VerifyOptions
            {
                PostgresVersion = new PostgresVersion(9, 6),
                ExpectedMessages = ["Hash index sessions_token_idx is not WAL-logged before PostgreSQL 10 (target 9.6): it must be rebuilt with REINDEX after a crash and is not replicated to standbys; use a btree index."],
            });

    [Test]
    public void Hash_index_on_10_is_not_reported() =>
        Verifier.Verify("CREATE INDEX sessions_token_idx ON sessions USING hash (token);", new VerifyOptions { PostgresVersion = new PostgresVersion(10, 0) });

    [Test]
    public void Btree_index_before_10_is_not_reported() =>
        Verifier.Verify("CREATE INDEX sessions_token_idx ON sessions USING btree (token);", Pg96);
}
