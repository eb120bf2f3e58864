using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class NullableBooleanWithoutDefaultTests
{
    [Test]
    public void Nullable_boolean_without_default_is_reported() =>
        AnalyzerVerifier<NullableBooleanWithoutDefault>.Verify(
            "CREATE TABLE orders (id bigint PRIMARY KEY, archived [|boolean|]);\nALTER TABLE orders ADD COLUMN paid [|bool|];",
            new VerifyOptions { ExpectedMessages = ["Boolean column archived allows NULL and has no default, so it has three states and conditions such as WHERE NOT archived silently skip the NULL rows; declare it NOT NULL DEFAULT false (or true).", "Boolean column paid allows NULL and has no default, so it has three states and conditions such as WHERE NOT paid silently skip the NULL rows; declare it NOT NULL DEFAULT false (or true)."] });

    [Test]
    public void Not_null_or_defaulted_booleans_are_not_reported() =>
        AnalyzerVerifier<NullableBooleanWithoutDefault>.Verify("CREATE TABLE orders (id bigint PRIMARY KEY, archived boolean NOT NULL DEFAULT false, paid boolean DEFAULT false, shipped boolean NOT NULL);");

    [Test]
    public void Rule_is_off_by_default() =>
        LintSettings.DefaultState(NullableBooleanWithoutDefault.Rule, Profiles.AppMigration).Enabled.Should().BeFalse();
}
