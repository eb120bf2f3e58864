using System.Text.RegularExpressions;

namespace PgLint.Rules.Tests;

/// <summary>
/// Every page in <c>docs/rules</c> is a contract: its title and severity match the rule, its
/// non-compliant example raises exactly its rule, and its compliant example raises nothing.
/// </summary>
public sealed partial class DocsExamplesTests
{
    /// <summary>Pages whose rule SQL cannot trigger; they must say so instead of showing SQL.</summary>
    private static readonly Dictionary<string, string> NotTriggeredBySql = new()
    {
        ["PG0002"] = "a rule failure is not caused by the SQL being linted",
        ["PG0004"] = "invalid configuration is found in pglint.json and options, not in SQL",
        ["PG2021"] = "an N+1 loop is many round trips from an application; NPlusOnePatternTests run one on a server",
        ["PG9903"] = "transaction ID age grows with more than a billion transactions, not with SQL a test can run",
        ["PG9904"] = "a cache hit ratio means something only after real traffic",
        ["PG9906"] = "pg_hba.conf is a file of the server, not something SQL creates",
    };

    /// <summary>Suppression examples that only make sense with the settings they were written for.</summary>
    private static readonly Dictionary<string, VerifyOptions> SuppressionExampleSettings = new()
    {
        ["PG1003"] = new VerifyOptions { AssumeInTransaction = true },
    };

    /// <summary>Pages whose examples are about a setting other than the defaults (the page says which).</summary>
    private static readonly Dictionary<string, VerifyOptions> ExampleSettings = new()
    {
        ["PG1043"] = new VerifyOptions { PostgresVersion = new PostgresVersion(14, 2) },
        ["PG1045"] = new VerifyOptions
        {
            PrecedingFiles =
            [
                """
                CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, source text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
                """,
            ],
        },
        ["PG1014"] = new VerifyOptions { PrecedingFiles = ["CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20), quantity int);"] },
        ["PG1024"] = new VerifyOptions { EnabledRules = ["PG1024"] },
        ["PG1040"] = new VerifyOptions { EnabledRules = ["PG1040"] },
        ["PG1047"] = new VerifyOptions { EnabledRules = ["PG1047"] },
        ["PG2016"] = new VerifyOptions { Profile = Profiles.Queries },
        ["PG3017"] = new VerifyOptions { EnabledRules = ["PG3017"] },
        ["PG3019"] = new VerifyOptions { EnabledRules = ["PG3019"] },
        ["PG4010"] = new VerifyOptions { PostgresVersion = new PostgresVersion(9, 6) },
        ["PG5013"] = new VerifyOptions { EnabledRules = ["PG5013"] },
        ["PG5015"] = new VerifyOptions { EnabledRules = ["PG5015"] },
        ["PG7001"] = new VerifyOptions { EnabledRules = ["PG7001"] },
        ["PG7002"] = new VerifyOptions { EnabledRules = ["PG7002"] },
        ["PG7004"] = new VerifyOptions { EnabledRules = ["PG7004"] },
    };

    /// <summary>Suppression examples the engine cannot honour yet, with the reason.</summary>
    private static readonly string DocsFolder = Path.Combine(FindRepositoryRoot(), "docs", "rules");

    private static IEnumerable<DiagnosticDescriptor> DocumentedDescriptors => ToolDiagnostics.All.Concat(BuiltInRules.Descriptors);

    public static IEnumerable<string> PageIds() =>
        Directory.EnumerateFiles(DocsFolder, "PG*.md").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    public static IEnumerable<string> DescriptorIds() => DocumentedDescriptors.Select(static d => d.Id);

    [TestCaseSource(nameof(PageIds))]
    public void Non_compliant_example_raises_the_page_rule_and_nothing_else(string id)
    {
        foreach (var sql in Examples(id, "Non-compliant"))
        {
            if (NeedsPlan(id))
            {
                // Plan rules see what EXPLAIN shows on a server (PlanDocsExamplesTests run these examples there);
                // statically the example must be clean SQL that raises nothing.
                Unsuppressed(sql, id).Select(static d => $"{d.Id}: {d.Message}").Should().BeEmpty($"the non-compliant example of {id}.md is{Environment.NewLine}{sql}");
                continue;
            }

            Unsuppressed(sql, id).Select(static d => d.Id).Distinct().Should().Equal([id], $"the non-compliant example of {id}.md is{Environment.NewLine}{sql}");
        }
    }

    [TestCaseSource(nameof(PageIds))]
    public void Compliant_example_raises_nothing(string id)
    {
        foreach (var sql in Examples(id, "Compliant"))
        {
            Unsuppressed(sql, id).Select(static d => $"{d.Id}: {d.Message}").Should().BeEmpty($"the compliant example of {id}.md is{Environment.NewLine}{sql}");
        }
    }

    [TestCaseSource(nameof(PageIds))]
    public void Suppression_example_leaves_nothing_unsuppressed(string id)
    {
        foreach (var sql in SqlBlocks(id, "How to suppress"))
        {
            var diagnostics = Lint(sql, SuppressionExampleSettings.GetValueOrDefault(id) ?? ExampleSettings.GetValueOrDefault(id));
            diagnostics.Where(static d => !d.IsSuppressed).Select(static d => $"{d.Id}: {d.Message}").Should().BeEmpty($"the suppression example of {id}.md is{Environment.NewLine}{sql}");
            if (!NeedsPlan(id))
            {
                diagnostics.Should().Contain(d => d.Id == id && d.IsSuppressed, $"the suppression example of {id}.md should show a suppressed {id}");
            }
        }
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Rule_has_a_page_whose_title_and_severity_match_its_descriptor(string id)
    {
        var descriptor = DocumentedDescriptors.Single(d => d.Id == id);
        var page = RuleDocs.Get(id);

        page.Should().NotBeNull($"docs/rules/{id}.md is embedded in PgLint.Rules");
        page.Should().Be(File.ReadAllText(Path.Combine(DocsFolder, id + ".md")));
        var lines = page!.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be($"# {descriptor.Id}: {descriptor.Name}");
        lines.Should().Contain($"| Default severity | {(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString().ToLowerInvariant() : "off")} |");
        if (!id.StartsWith("PG0", StringComparison.Ordinal))
        {
            lines.Should().Contain(descriptor.Title + ".", "the page's lead sentence is the rule's title");
        }

        var lockRows = lines.Where(static l => l.StartsWith("| Lock |", StringComparison.Ordinal)).ToList();
        if (descriptor.Hazard is { } hazard)
        {
            lockRows.Should().Equal([$"| Lock | {hazard} |"], $"{id} states the hazard {hazard}, and its page shows it in the property table");
        }
        else
        {
            lockRows.Should().BeEmpty($"{id} states no hazard, so its page has no Lock row");
        }
    }

    [Test]
    public void Every_page_belongs_to_a_known_rule() =>
        PageIds().Should().BeSubsetOf(DescriptorIds());

    [Test]
    public void Pages_without_sql_examples_are_the_ones_sql_cannot_trigger()
    {
        foreach (var (id, reason) in NotTriggeredBySql)
        {
            SqlBlocks(id, "Non-compliant").Concat(SqlBlocks(id, "Compliant")).Should().BeEmpty($"{id} has no SQL examples: {reason}");
        }
    }

    /// <summary>
    /// True for pages of rules that read a live database ("Needs" starts with "live"): their examples
    /// are SQL that creates the situation on a server, not files to lint. LiveDocsExamplesTests runs
    /// them on a scratch database and lints the database instead.
    /// </summary>
    public static bool IsLivePage(string id) =>
        File.ReadAllLines(Path.Combine(DocsFolder, id + ".md")).Any(static l => l.StartsWith("| Needs | live", StringComparison.Ordinal));

    /// <summary>The SQL blocks of a section of a page.</summary>
    public static List<string> SectionSql(string id, string section) => SqlBlocks(id, section);

    /// <summary>True when SQL cannot create the page's situation at all (it then shows none).</summary>
    public static bool IsNotTriggeredBySql(string id) => NotTriggeredBySql.ContainsKey(id);

    [Test]
    public void Live_pages_suppress_through_configuration_not_sql_comments()
    {
        var live = PageIds().Where(IsLivePage).ToList();
        live.Should().Contain(["PG4006", "PG4007", "PG4009", "PG9901", "PG9902", "PG9903", "PG9904", "PG9905", "PG9906"]);
        foreach (var id in live)
        {
            SqlBlocks(id, "How to suppress").Should().BeEmpty($"{id} is about a database object, which has no SQL line to carry a comment");
            File.ReadAllText(Path.Combine(DocsFolder, id + ".md")).Should().Contain($"\"{id}\": \"off\"", $"{id}.md shows how to turn it off in pglint.json");
        }
    }

    /// <summary>
    /// True for a rule that needs an EXPLAIN plan from a live database (the page's Needs row says so): its
    /// examples cannot raise it without a server and are run on one by PgLint.Cli.Tests' PlanDocsExamplesTests.
    /// </summary>
    private static bool NeedsPlan(string id) =>
        File.ReadAllLines(Path.Combine(DocsFolder, id + ".md")).Any(static l => l.StartsWith("| Needs |", StringComparison.Ordinal) && l.Contains("EXPLAIN", StringComparison.Ordinal));

    /// <summary>The SQL examples of a section, which must have at least one; pages SQL cannot trigger are skipped.</summary>
    private static List<string> Examples(string id, string section)
    {
        if (NotTriggeredBySql.TryGetValue(id, out var reason))
        {
            Assert.Ignore($"{id}.md has no SQL examples: {reason}.");
        }

        if (IsLivePage(id))
        {
            Assert.Ignore($"{id}.md needs a live database: its examples run on a server in LiveDocsExamplesTests.");
        }

        var blocks = SqlBlocks(id, section);
        blocks.Should().NotBeEmpty($"{id}.md needs a ```sql block under ## {section}");
        return blocks;
    }

    private static List<string> SqlBlocks(string id, string section)
    {
        var page = File.ReadAllText(Path.Combine(DocsFolder, id + ".md")).ReplaceLineEndings("\n");
        var start = page.IndexOf($"\n## {section}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var body = end < 0 ? page[start..] : page[start..end];
        return [.. SqlBlock().Matches(body).Select(static m => m.Groups["sql"].Value)];
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Lint(string sql, VerifyOptions? options = null) =>
        AnalyzerVerifier.LintForTest(sql, BuiltInRules.CreateAnalyzers(), options);

    private static List<Diagnostic> Unsuppressed(string sql, string id) => [.. Lint(sql, ExampleSettings.GetValueOrDefault(id)).Where(static d => !d.IsSuppressed)];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PgLint.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PgLint.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^```sql\n(?<sql>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
