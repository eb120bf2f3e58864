using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class IdentifierTooLongTests
{
    private static readonly string Long64 = new('a', 64);

    [Test]
    public void A_table_name_over_63_bytes_is_reported_with_the_truncated_name() =>
        AnalyzerVerifier<IdentifierTooLong>.Verify(
            $"CREATE TABLE [|{Long64}|] (id int);",
            new VerifyOptions { ExpectedMessages = [$"Identifier {Long64} is 64 bytes long: PostgreSQL silently truncates it to {Long64[..63]}."] });

    [Test]
    public void Bytes_count_not_characters() =>
        AnalyzerVerifier<IdentifierTooLong>.Verify($"CREATE TABLE t ([|\"{new string('ü', 32)}\"|] int);");

    [Test]
    public void A_63_byte_identifier_is_not_reported() =>
        AnalyzerVerifier<IdentifierTooLong>.Verify($"CREATE TABLE {new string('a', 63)} (id int);");
}
