using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1005: <c>ADD COLUMN … DEFAULT</c> with a volatile default (<c>random()</c>, <c>gen_random_uuid()</c>,
/// <c>clock_timestamp()</c>, <c>nextval()</c>, a function not known to be stable) writes the value into every
/// existing row: PostgreSQL rewrites the table and its indexes under <c>ACCESS EXCLUSIVE</c>. A constant,
/// immutable or stable default (<c>now()</c>, <c>CURRENT_TIMESTAMP</c>, <c>'{}'::jsonb</c>) is stored once
/// in the catalog since PostgreSQL 11; before 11 every non-null default rewrites.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; <c>DEFAULT NULL</c>; serial, identity and generated
/// columns (PG1016 and PG1015 report those). A function the catalog declares takes its declared volatility; a
/// function neither built in nor declared is treated as volatile.
/// </remarks>
public sealed class AddColumnVolatileDefault : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1005",
        "add-column-volatile-default",
        "Do not add columns with a volatile default to existing tables",
        "Adding column {0} to {1} with DEFAULT {2} rewrites {1} and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: {3}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD COLUMN with a volatile default (or, before PostgreSQL 11, any non-null default) computes the value for every existing row and rewrites the table under ACCESS EXCLUSIVE.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedColumn(context) is not { } column || AlterTableCommands.ExistingTable(context) is not { } table)
        {
            return;
        }

        var constraints = AlterTableCommands.Constraints(column).ToList();
        if ((column.TypeName is { } type && TypeNames.IsSerial(type))
            || constraints.Any(static c => c.Contype is ConstrType.ConstrIdentity or ConstrType.ConstrGenerated)
            || (column.RawDefault ?? constraints.FirstOrDefault(static c => c.Contype == ConstrType.ConstrDefault)?.RawExpr) is not { } expression
            || IsNull(expression))
        {
            return;
        }

        string reason;
        if (!context.Migration.TargetVersion.IsAtLeast(11))
        {
            reason = $"before PostgreSQL 11 every non-null default is written into each row (target {context.Migration.TargetVersion})";
        }
        else if (Volatilities.FirstVolatileCall(expression, context.Catalog) is { } call)
        {
            reason = call.Known
                ? $"{call.Call} is volatile, so each existing row gets its own value"
                : $"the volatility of {call.Call} is not known, so it is treated as volatile";
        }
        else
        {
            return;
        }

        var text = Volatilities.Text(context, expression);
        context.ReportOnStatement(Rule, QualifiedName.Quote(column.Colname), table.ToQualifiedName().ToString(), text, reason);
    }

    private static bool IsNull(Node expression) =>
        expression.IsNullConstant() || (expression.TypeCast is { Arg: { } argument } && IsNull(argument));
}
