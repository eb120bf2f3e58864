using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Conventions;

/// <summary>
/// PG7002: names that follow one convention can be written without quotes and guessed without looking.
/// A mixed-case name (<c>"OrderLines"</c>) must be double-quoted in every query forever; an index
/// named at random cannot be found from its table.
/// </summary>
/// <remarks>
/// Off by default. Each kind of name has a regular expression option (<c>tables</c>, <c>columns</c>,
/// <c>indexes</c>, <c>constraints</c>); in <c>indexes</c> and <c>constraints</c>, <c>{table}</c> stands
/// for the table's name. Names are checked where they are given: <c>CREATE TABLE</c>, <c>ADD COLUMN</c>,
/// named constraints, <c>CREATE INDEX</c> and renames. An empty pattern turns a kind off.
/// </remarks>
public sealed class NamingConvention : Analyzer
{
    private const string SnakeCase = "^[a-z][a-z0-9_]*$";

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG7002",
        "naming-convention",
        "Follow the naming convention",
        "The {0} name {1} does not match the {2} convention {3}.",
        RuleCategory.Conventions,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "Table, column, index and constraint names should match the configured patterns.",
        options:
        [
            new RuleOption("tables", RuleOptionKind.String, SnakeCase, "Regular expression table names must match."),
            new RuleOption("columns", RuleOptionKind.String, SnakeCase, "Regular expression column names must match."),
            new RuleOption("indexes", RuleOptionKind.String, SnakeCase, "Regular expression index names must match; {table} stands for the table's name."),
            new RuleOption("constraints", RuleOptionKind.String, SnakeCase, "Regular expression constraint names must match; {table} stands for the table's name."),
        ]);

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        var root = context.Root;
        switch (root.NodeCase)
        {
            case Node.NodeOneofCase.CreateStmt:
                var table = root.CreateStmt.Relation.Relname;
                Check(context, "tables", "table", table, table, root.CreateStmt.Relation.Location);
                foreach (var element in root.CreateStmt.TableElts)
                {
                    if (element.ColumnDef is { } column)
                    {
                        Check(context, "columns", "column", column.Colname, table, column.Location);
                        foreach (var constraint in column.Constraints.Select(static c => c.Constraint).OfType<PgQuery.Constraint>())
                        {
                            Check(context, "constraints", "constraint", constraint.Conname, table, constraint.Location);
                        }
                    }
                    else if (element.Constraint is { } constraint)
                    {
                        Check(context, "constraints", "constraint", constraint.Conname, table, constraint.Location);
                    }
                }

                break;
            case Node.NodeOneofCase.AlterTableStmt when root.AlterTableStmt.Objtype == ObjectType.ObjectTable:
                var altered = root.AlterTableStmt.Relation.Relname;
                foreach (var command in root.AlterTableStmt.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
                {
                    Check(context, "columns", "column", command.Def?.ColumnDef?.Colname, altered, command.Def?.ColumnDef?.Location ?? -1);
                    Check(context, "constraints", "constraint", command.Def?.Constraint?.Conname, altered, command.Def?.Constraint?.Location ?? -1);
                }

                break;
            case Node.NodeOneofCase.IndexStmt:
                Check(context, "indexes", "index", root.IndexStmt.Idxname, root.IndexStmt.Relation.Relname, -1);
                break;
            case Node.NodeOneofCase.RenameStmt:
                var rename = root.RenameStmt;
                var owner = rename.Relation?.Relname ?? string.Empty;
                var (option, kind) = rename.RenameType switch
                {
                    ObjectType.ObjectTable => ("tables", "table"),
                    ObjectType.ObjectColumn => ("columns", "column"),
                    ObjectType.ObjectIndex => ("indexes", "index"),
                    ObjectType.ObjectTabconstraint => ("constraints", "constraint"),
                    _ => (null, null),
                };
                if (option is not null)
                {
                    Check(context, option, kind!, rename.Newname, rename.RenameType == ObjectType.ObjectTable ? rename.Newname : owner, -1);
                }

                break;
        }
    }

    private static void Check(StatementContext context, string option, string kind, string? name, string table, int location)
    {
        var pattern = context.Options.GetString(Rule, option);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(pattern))
        {
            return;
        }

        var expanded = pattern.Replace("{table}", Regex.Escape(table), StringComparison.Ordinal);
        var regex = Patterns.GetOrAdd(expanded, static p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        if (!regex.IsMatch(name))
        {
            context.Report(Rule, location < 0 ? context.Statement.Span : context.Statement.GetQualifiedNameSpan(location), kind, QualifiedName.Quote(name), option, pattern);
        }
    }
}
