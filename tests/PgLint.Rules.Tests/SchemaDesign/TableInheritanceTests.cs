using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class TableInheritanceTests
{
    [Test]
    public void Inherits_is_reported() =>
        AnalyzerVerifier<TableInheritance>.Verify(
            "CREATE TABLE [|measurements_2024|] (CHECK (taken_on >= '2024-01-01')) INHERITS (measurements, audited);",
            new VerifyOptions { ExpectedMessages = ["Table measurements_2024 inherits from measurements, audited: unique, primary and foreign keys of the parent do not cover it and rows inserted into the parent are not routed to it; use declarative partitioning or a plain foreign key."] });

    [Test]
    public void Partitions_are_not_reported() =>
        AnalyzerVerifier<TableInheritance>.Verify(
            """
            CREATE TABLE measurements (id bigint, taken_on date NOT NULL, PRIMARY KEY (id, taken_on)) PARTITION BY RANGE (taken_on);
            CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """);
}
