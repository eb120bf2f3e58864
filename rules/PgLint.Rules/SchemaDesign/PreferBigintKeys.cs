using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3006: an <c>integer</c> key tops out at 2,147,483,647 and a <c>smallint</c> at 32,767. The
/// limit counts sequence values handed out, not live rows, so a busy table with deletes or failed
/// inserts reaches it sooner than its size suggests, and then every insert fails. Widening the key
/// later rewrites the table, its indexes and every table whose foreign keys reference it, under
/// <c>ACCESS EXCLUSIVE</c> locks. <c>bigint</c> costs four more bytes per row and never runs out.
/// </summary>
/// <remarks>
/// Reported: single-column primary keys declared in <c>CREATE TABLE</c> with type <c>integer</c>,
/// <c>smallint</c>, <c>serial</c> or <c>smallserial</c>. Composite keys (join tables whose columns
/// follow the referenced keys) are not reported; a mismatched foreign key is PG3016's concern.
/// </remarks>
public sealed class PreferBigintKeys : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3006",
        "prefer-bigint-keys",
        "Use bigint for primary keys",
        "Primary key {0} is {1}, which holds at most {2} values: a key drawn from a sequence runs out once that many have been handed out (not rows kept), and widening it later rewrites this table and every table that references it; use bigint.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "integer and smallint keys run out of values, and widening them later rewrites the table and every referencing table.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreateStmt>(Analyze);

    private static void Analyze(NodeContext<CreateStmt> context)
    {
        var columns = context.Node.TableElts.Select(static e => e.ColumnDef).OfType<ColumnDef>().ToList();
        var inline = columns.Where(static c => c.Constraints.Any(static k => k.Constraint?.Contype == ConstrType.ConstrPrimary));
        var tableLevel = context.Node.TableElts.Select(static e => e.Constraint)
            .Where(static k => k is { Contype: ConstrType.ConstrPrimary, Keys.Count: 1 })
            .Select(k => columns.Find(c => c.Colname == k!.Keys[0].AsString()))
            .OfType<ColumnDef>();
        foreach (var key in inline.Concat(tableLevel))
        {
            var limit = ColumnTypes.BuiltInName(key.TypeName) switch
            {
                "int4" or "int" or "integer" or "serial" or "serial4" => "2,147,483,647",
                "int2" or "smallint" or "smallserial" or "serial2" => "32,767",
                _ => null,
            };
            if (limit is not null && key.TypeName.ArrayBounds.Count == 0)
            {
                context.Report(Rule, ColumnTypes.TypeSpan(context, key.TypeName), QualifiedName.Quote(key.Colname), key.TypeName.Names[^1].AsString() switch
                {
                    "int4" or "int" => "integer",
                    "int2" => "smallint",
                    var name => name,
                }, limit);
            }
        }
    }
}
