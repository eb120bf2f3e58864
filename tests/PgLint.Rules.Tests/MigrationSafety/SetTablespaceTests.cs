using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class SetTablespaceTests
{
    [Test]
    public void Moving_an_existing_table_or_index_is_reported() =>
        AnalyzerVerifier<SetTablespace>.Verify(
            "[|ALTER TABLE orders SET TABLESPACE fast_ssd|]; [|ALTER INDEX orders_pkey SET TABLESPACE fast_ssd|];",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Moving orders to tablespace fast_ssd copies all of it under an ACCESS EXCLUSIVE lock that blocks every query on it until the copy ends.",
                    "Moving index orders_pkey to tablespace fast_ssd copies all of it under an ACCESS EXCLUSIVE lock that blocks every query on it until the copy ends.",
                ],
            });

    [Test]
    public void A_table_or_index_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<SetTablespace>.Verify("CREATE TABLE t (a int); CREATE INDEX t_a_idx ON t (a); ALTER TABLE t SET TABLESPACE x; ALTER INDEX t_a_idx SET TABLESPACE x;");
}
