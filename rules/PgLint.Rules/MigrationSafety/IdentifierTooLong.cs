using System.Collections.Immutable;
using System.Text;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1042: PostgreSQL keeps only the first 63 bytes of an identifier (NAMEDATALEN - 1) and only
/// says so in a NOTICE: <c>idx_orders_customer_id_created_at_status_…</c> is created under a
/// truncated name, and a later migration or query that spells out the full name does not find it.
/// Two long names with the same first 63 bytes even collide. Bytes, not characters: a name with
/// non-ASCII letters reaches the limit sooner.
/// </summary>
public sealed class IdentifierTooLong : Analyzer
{
    private const int MaxBytes = 63;

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1042",
        "identifier-too-long",
        "Keep identifiers within 63 bytes",
        "Identifier {0} is {1} bytes long: PostgreSQL silently truncates it to {2}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "Identifiers longer than 63 bytes are silently truncated, so later references by the full name fail.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        // PostgreSQL's scanner truncates identifiers before the parser sees them, so the syntax tree
        // only holds the short form: the identifier tokens still hold what was written.
        var statement = context.Statement;
        foreach (var token in statement.Tokens.Where(static t => t.Kind == Token.Ident))
        {
            var span = statement.Source.GetSpanFromBytes(token.ByteStart, token.ByteEnd);
            var written = statement.Source.ToString(span);
            var name = written.StartsWith('"') ? written[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : written.ToLowerInvariant();
            var bytes = Encoding.UTF8.GetByteCount(name);
            if (bytes <= MaxBytes)
            {
                continue;
            }

            // PostgreSQL cuts at the last whole character within the limit.
            var truncated = name;
            while (Encoding.UTF8.GetByteCount(truncated) > MaxBytes)
            {
                truncated = truncated[..^1];
            }

            context.Report(Rule, span, QualifiedName.Quote(name), bytes, QualifiedName.Quote(truncated));
        }
    }
}
