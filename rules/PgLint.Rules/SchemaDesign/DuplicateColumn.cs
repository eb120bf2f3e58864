using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3018: a column named twice in a <c>CREATE TABLE</c>, an <c>INSERT</c> column list or an
/// <c>UPDATE … SET</c> is an error PostgreSQL raises only when the statement runs ("column
/// specified more than once"); in a migration that is the middle of a deploy. It is almost always a
/// copy-and-paste slip where another column was meant.
/// </summary>
/// <remarks>
/// Not reported: assignments to different elements or fields of one column
/// (<c>SET a[1] = …, a[2] = …</c>), which PostgreSQL allows.
/// </remarks>
public sealed class DuplicateColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3018",
        "duplicate-column",
        "Name each column once",
        "Column {0} appears more than once in this {1}, which PostgreSQL rejects when the statement runs; remove the duplicate or name the column that was meant.",
        RuleCategory.SchemaDesign,
        Severity.Error,
        description: "A column named twice in CREATE TABLE, an INSERT column list or UPDATE … SET fails at run time.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CreateStmt>(static c => Check(c, c.Node.TableElts.Select(static e => e.ColumnDef).OfType<ColumnDef>().Select(static d => (d.Colname, (Google.Protobuf.IMessage)d)), "CREATE TABLE"));
        context.RegisterNodeAction<InsertStmt>(static c => Check(c, Targets(c.Node.Cols), "INSERT column list"));
        context.RegisterNodeAction<UpdateStmt>(static c => Check(c, Targets(c.Node.TargetList), "UPDATE … SET"));
    }

    private static IEnumerable<(string Name, Google.Protobuf.IMessage Node)> Targets(IEnumerable<Node> list) =>
        list.Select(static n => n.ResTarget).OfType<ResTarget>().Where(static t => t.Indirection.Count == 0).Select(static t => (t.Name, (Google.Protobuf.IMessage)t));

    private static void Check(StatementContext context, IEnumerable<(string Name, Google.Protobuf.IMessage Node)> columns, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in columns)
        {
            if (name.Length > 0 && !seen.Add(name))
            {
                context.Report(Rule, context.GetSpan(node.GetLocation()), QualifiedName.Quote(name), where);
            }
        }
    }
}
