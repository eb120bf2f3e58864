using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Live;

/// <summary>
/// The examples of pages whose rule needs a live database are SQL that creates the situation: each
/// is run on a scratch database of the test server, which is then linted as <c>pglint db</c> does.
/// The non-compliant example must raise the page's rule, the compliant one must not; neither may
/// raise anything else but the companions named here (and the server's own PG9906 lines).
/// </summary>
public sealed class LiveDocsExamplesTests
{
    /// <summary>Other findings an example cannot help raising, with the reason.</summary>
    private static readonly Dictionary<string, string[]> Companions = new()
    {
        // A freshly created index has never been scanned.
        ["PG4009"] = ["PG4006"],

        // The bloated table has its deleted rows still dead, since autovacuum is off for it.
        ["PG9902"] = ["PG9905"],
    };

    /// <summary>Statements of an example that are meant to fail on the server.</summary>
    private static readonly Dictionary<string, string> ExpectedErrors = new()
    {
        ["PG4007"] = "could not create unique index \"users_email_key\"",
    };

    public static IEnumerable<string> LivePages() =>
        DocsExamplesTests.PageIds().Where(static id => DocsExamplesTests.IsLivePage(id) && !DocsExamplesTests.IsNotTriggeredBySql(id));

    [TestCaseSource(nameof(LivePages))]
    public void Non_compliant_example_raises_the_page_rule_on_a_server(string id)
    {
        var ids = Run(id, "Non-compliant", ExpectedErrors.GetValueOrDefault(id));

        ids.Should().Contain(id);
        ids.Should().BeSubsetOf([id, .. Companions.GetValueOrDefault(id) ?? []]);
    }

    [TestCaseSource(nameof(LivePages))]
    public void Compliant_example_does_not_raise_the_page_rule_on_a_server(string id)
    {
        var ids = Run(id, "Compliant", expectedError: null);

        ids.Should().NotContain(id);
        ids.Should().BeSubsetOf(Companions.GetValueOrDefault(id) ?? []);
    }

    private static List<string> Run(string id, string section, string? expectedError)
    {
        var blocks = DocsExamplesTests.SectionSql(id, section);
        blocks.Should().ContainSingle($"{id}.md has one ```sql block under ## {section}");
        using var database = TestPostgres.CreateDatabase("docs");
        var errors = LiveLint.Seed(database, blocks[0]);
        errors.Should().Equal(expectedError is null ? [] : [expectedError], $"the {section} example of {id}.md should run on PostgreSQL");
        return [.. LiveLint.Run(database).Select(static d => d.Id).Where(static d => d != "PG9906").Distinct()];
    }
}
