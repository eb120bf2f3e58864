using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3012: a rule rewrites a query before it is planned, rather than acting on rows. The rewritten
/// query is easy to get wrong: a rule's action runs once per statement with the original
/// statement's conditions, volatile expressions are evaluated more than once, <c>INSERT …
/// RETURNING</c> and <c>ON CONFLICT</c> interact badly with it, and <c>COPY</c> ignores it. The
/// PostgreSQL documentation steers toward triggers for anything but simple views; updatable views
/// and <c>INSTEAD OF</c> triggers cover the rest.
/// </summary>
/// <remarks>Every <c>CREATE RULE</c> is reported.</remarks>
public sealed class BanRules : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3012",
        "ban-rules",
        "Use triggers or views instead of rules",
        "Rule {0} rewrites every query on {1} before planning, which multiplies volatile expressions, is skipped by COPY and surprises RETURNING and ON CONFLICT; use a trigger or an updatable view.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "Query rewrite rules have surprising semantics (multiple evaluation, COPY bypass); triggers and updatable views do the same job predictably.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<RuleStmt>(Analyze);

    private static void Analyze(NodeContext<RuleStmt> context)
    {
        var statement = context.Statement;
        var keyword = statement.IndexOfToken(Token.Rule);
        var span = keyword < 0 ? statement.Span : TextSpan.FromBounds(statement.Span.Start, statement.GetTokenSpanAt(Math.Min(keyword + 1, statement.Tokens.Length - 1)).End);
        context.Report(Rule, span, QualifiedName.Quote(context.Node.Rulename), context.Node.Relation.ToQualifiedName());
    }
}
