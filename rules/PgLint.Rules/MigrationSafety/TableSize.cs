using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// Weighs a lock or rewrite finding by the size of the table it locks, when statistics are known
/// (<c>pglint check --stats FILE</c>): a lock on a table of a few thousand rows is over in
/// milliseconds, one on a table of tens of millions of rows holds traffic for minutes.
/// </summary>
internal static class TableSize
{
    /// <summary>The options every rule that uses <see cref="Scale"/> declares.</summary>
    public static RuleOption[] Options { get; } =
    [
        new("smallTableRows", RuleOptionKind.Integer, 10_000, "With --stats: tables with fewer rows are reported as info."),
        new("largeTableRows", RuleOptionKind.Integer, 10_000_000, "With --stats: tables with more rows are reported as error."),
    ];

    /// <summary>
    /// The finding at info when every table is below <c>smallTableRows</c>, at error when one is above
    /// <c>largeTableRows</c>, else unchanged; unchanged too when a table's size is unknown.
    /// </summary>
    public static Diagnostic Scale(RuleContext context, DiagnosticDescriptor rule, Diagnostic diagnostic, params IEnumerable<QualifiedName> tables)
    {
        if (context.Statistics is not { } statistics)
        {
            return diagnostic;
        }

        var rows = new List<double>();
        foreach (var name in tables)
        {
            var resolved = context.Catalog.FindTable(name)?.Name ?? name;
            if (statistics.FindTable(resolved)?.Rows is not { } count)
            {
                return diagnostic;
            }

            rows.Add(count);
        }

        if (rows.Count == 0)
        {
            return diagnostic;
        }

        return rows.Max() > context.Options.GetInt32(rule, "largeTableRows") ? diagnostic.WithSeverity(Severity.Error)
            : rows.Max() < context.Options.GetInt32(rule, "smallTableRows") ? diagnostic.WithSeverity(Severity.Info)
            : diagnostic;
    }
}
