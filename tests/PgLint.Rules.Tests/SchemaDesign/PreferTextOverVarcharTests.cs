using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class PreferTextOverVarcharTests
{
    [Test]
    public void Varchar_with_a_length_is_reported() =>
        AnalyzerVerifier<PreferTextOverVarchar>.Verify(
            "CREATE TABLE users (id bigint PRIMARY KEY, email [|varchar(255)|] NOT NULL, name [|character varying(80)|]);",
            new VerifyOptions { ExpectedMessages = ["Column email is character varying(255): in PostgreSQL varchar(n) is stored and performs like text, and raising the limit later is a migration of its own; use text, with a CHECK on length() where a limit is a business rule.", "Column name is character varying(80): in PostgreSQL varchar(n) is stored and performs like text, and raising the limit later is a migration of its own; use text, with a CHECK on length() where a limit is a business rule."] });

    [Test]
    public void Text_and_unbounded_varchar_are_not_reported() =>
        AnalyzerVerifier<PreferTextOverVarchar>.Verify("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL CHECK (length(email) <= 320), name varchar);");

    [Test]
    public void Rule_is_off_in_the_queries_profile() =>
        LintSettings.DefaultState(PreferTextOverVarchar.Rule, Profiles.Queries).Enabled.Should().BeFalse();
}
