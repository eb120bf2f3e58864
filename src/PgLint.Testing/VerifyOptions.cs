using PgLint.Analysis;

namespace PgLint.Testing;

/// <summary>How a verification lints the SQL, and what else it checks.</summary>
public sealed record VerifyOptions
{
    /// <summary>The default options: PostgreSQL 15, autocommit, no rule options.</summary>
    public static VerifyOptions Default { get; } = new();

    /// <summary>The target PostgreSQL version (<c>--pg-version</c>); null for the default, 15.</summary>
    public PostgresVersion? PostgresVersion { get; init; }

    /// <summary>True when the runner wraps each file in a transaction (<c>--assume-in-transaction</c>).</summary>
    public bool AssumeInTransaction { get; init; }

    /// <summary>The <c>ruleOptions</c> object of <c>pglint.json</c>, e.g. <c>{ "PG2005": { "threshold": 10 } }</c>.</summary>
    public string? RuleOptionsJson { get; init; }

    /// <summary>Table statistics the rules see, as <c>pglint check --stats FILE</c> gives them.</summary>
    public DatabaseStatistics? Statistics { get; init; }

    /// <summary>
    /// The expected messages of the marked diagnostics, in source order of their spans; null to
    /// check ids and spans only.
    /// </summary>
    public IReadOnlyList<string>? ExpectedMessages { get; init; }

    /// <summary>
    /// Files of the same migration set that run before the verified one, in order: their objects are
    /// in the catalog but are not new (they may have been deployed long ago). Their findings are not checked.
    /// </summary>
    public IReadOnlyList<string> PrecedingFiles { get; init; } = [];

    /// <summary>The profile whose rule levels apply (<c>--profile</c>); null for the default, <c>app-migration</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>Rules turned on in addition to their default state (<c>--enable</c>), e.g. an opt-in rule a page documents.</summary>
    public IReadOnlyList<string> EnabledRules { get; init; } = [];

    /// <summary>The path the verified file is reported under.</summary>
    public string Path { get; init; } = "test.sql";
}
