using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3016: a foreign key column whose type differs from the referenced column's (an
/// <c>integer</c> referencing a <c>bigint</c>) works until the parent's ids outgrow the smaller
/// type, and then inserts fail in production. Comparing values of different types also costs a
/// cast on every check and can keep the planner from using the parent's index in joins.
/// </summary>
/// <remarks>
/// Not reported:
/// <list type="bullet">
/// <item>a difference in modifiers only (<c>character varying(20)</c> referencing <c>character varying(40)</c>), which compares without a cast;</item>
/// <item>a key whose referenced table or columns the catalog does not know, or whose types it does not know;</item>
/// <item>foreign keys from <c>--schema</c>: no file of the set declared them.</item>
/// </list>
/// A composite key is reported once, for its first column whose type differs.
/// </remarks>
public sealed class ForeignKeyTypeMismatch : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3016",
        "fk-type-mismatch",
        "Give foreign key columns the type of the columns they reference",
        "Foreign key {0} compares {1}.{2} ({3}) with {4}.{5} ({6}); the types differ.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "A foreign key column of another type than the referenced column overflows or needs a cast on every check and join.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var table in context.Catalog.Tables)
        {
            foreach (var foreignKey in Catalog.ForeignKeysOf(table))
            {
                if (foreignKey.ReferencedTable is not { } referencedName
                    || context.Catalog.FindTable(referencedName) is not { } referenced
                    || foreignKey.ReferencedColumns.Length != foreignKey.Columns.Length)
                {
                    continue;
                }

                for (var i = 0; i < foreignKey.Columns.Length; i++)
                {
                    var column = table.FindColumn(foreignKey.Columns[i]);
                    var target = referenced.FindColumn(foreignKey.ReferencedColumns[i]);
                    if (column is null || target is null || column.TypeName == "?" || target.TypeName == "?"
                        || WithoutModifiers(column.TypeName) == WithoutModifiers(target.TypeName))
                    {
                        continue;
                    }

                    context.ReportAt(Rule, foreignKey.Origin, QualifiedName.Quote(foreignKey.Name), table.Name.Name, column.Name, column.TypeName, referenced.Name.Name, target.Name, target.TypeName);
                    break;
                }
            }
        }
    }

    /// <summary><c>character varying(20)</c> → <c>character varying</c>; <c>timestamp(3) with time zone</c> → <c>timestamp with time zone</c>.</summary>
    private static string WithoutModifiers(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        var close = type.IndexOf(')', StringComparison.Ordinal);
        return open < 0 || close < open ? type : type.Remove(open, close - open + 1);
    }
}
