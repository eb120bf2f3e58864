using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1018: renaming a table, view, sequence, schema or type is instant for PostgreSQL (a catalog
/// change under a brief <c>ACCESS EXCLUSIVE</c> lock on a relation), but every query, function body and
/// ORM mapping that still names the old object fails from the moment the migration commits — and
/// during a rolling deploy the previous version of the application is still running with the old name.
/// </summary>
/// <remarks>
/// Not reported: an object created earlier in the same file, which no deployed code uses yet, and a
/// table renamed and then replaced later in the same file by a view with its old name (the usual
/// expand step: old readers keep working through the view) or by another table renamed to it (a table
/// swap), and a type replaced by a new type with its old name (the usual way to change an enum's
/// values, created under that name or renamed to it). Renames of columns (PG1017), indexes,
/// constraints, triggers and functions are not this rule's concern.
/// </remarks>
public sealed class RenameTable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1018",
        "rename-table",
        "Do not rename tables, views, sequences, schemas or types that deployed code uses",
        "Renaming {0} {1} to {2} breaks every running query and deployed version of the application that still uses {1}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "RENAME TO takes effect at commit for every session: application code still using the old name fails until it is redeployed; create the new object alongside (or keep a view with the old name) and migrate in steps.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var file = new FileState();
            start.RegisterStatementAction(context => Analyze(context, file));
            start.RegisterDocumentEndAction(context => Report(context, file));
        });
    }

    private static void Analyze(StatementContext context, FileState file)
    {
        switch (context.Root.NodeCase)
        {
            case Node.NodeOneofCase.CreateStmt when context.Root.CreateStmt.Relation is { } created:
                // CREATE TABLE IF NOT EXISTS of a name an earlier file already used leaves the catalog's older table,
                // but the file still means to create it.
                file.CreatedTables.Add(created.ToQualifiedName());
                return;
            case Node.NodeOneofCase.CreateSchemaStmt:
                file.NewSchemas.Add(context.Root.CreateSchemaStmt.Schemaname);
                return;
            case Node.NodeOneofCase.ViewStmt when context.Root.ViewStmt.View is { } view:
                file.Views.Add((view.ToQualifiedName(), context.Statement.Ordinal));
                return;
            case Node.NodeOneofCase.CreateEnumStmt:
                file.Types.Add((context.Root.CreateEnumStmt.TypeName.ToQualifiedName(), context.Statement.Ordinal));
                return;
            case Node.NodeOneofCase.CompositeTypeStmt when context.Root.CompositeTypeStmt.Typevar is { } type:
                file.Types.Add((type.ToQualifiedName(), context.Statement.Ordinal));
                return;
            case Node.NodeOneofCase.CreateDomainStmt:
                file.Types.Add((context.Root.CreateDomainStmt.Domainname.ToQualifiedName(), context.Statement.Ordinal));
                return;
            case Node.NodeOneofCase.DefineStmt when context.Root.DefineStmt.Kind == ObjectType.ObjectType:
                file.Types.Add((context.Root.DefineStmt.Defnames.ToQualifiedName(), context.Statement.Ordinal));
                return;
            case Node.NodeOneofCase.RenameStmt:
                break;
            default:
                return;
        }

        var rename = context.Root.RenameStmt;
        RecordNewName(context, rename, file);
        if (Describe(context, rename, file.NewSchemas) is { } renamed && !(renamed.IsTable && file.CreatedTables.Any(t => SameName(t, renamed.Name))))
        {
            file.Renames.Add(renamed with { Span = context.Statement.Span, Ordinal = context.Statement.Ordinal });
        }
    }

    /// <summary>Another object renamed to a table's or type's old name replaces it, as in a table swap or an enum rebuild.</summary>
    private static void RecordNewName(StatementContext context, RenameStmt rename, FileState file)
    {
        switch (rename.RenameType)
        {
            case ObjectType.ObjectTable or ObjectType.ObjectView when rename.Relation is { } relation:
                file.Views.Add((new QualifiedName(relation.Schemaname.Length > 0 ? relation.Schemaname : null, rename.Newname), context.Statement.Ordinal));
                break;
            case ObjectType.ObjectType or ObjectType.ObjectDomain when rename.Object?.List?.Items is { Count: > 0 } names:
                file.Types.Add((names.ToQualifiedName() with { Name = rename.Newname }, context.Statement.Ordinal));
                break;
        }
    }

    /// <summary>What the statement renames, or null when it is not this rule's kind of object or the object is new.</summary>
    private static Renamed? Describe(StatementContext context, RenameStmt rename, HashSet<string> newSchemas)
    {
        var catalog = context.Catalog;
        switch (rename.RenameType)
        {
            case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable
                when rename.Relation is { } relation:
                var table = catalog.FindTable(relation.ToQualifiedName());
                return context.Migration.IsNew(table) ? null : new Renamed(KindOf(table?.Kind, rename.RenameType), relation.ToQualifiedName(), rename.Newname, IsTable: table is null ? rename.RenameType == ObjectType.ObjectTable : table.Kind is RelationKind.Table or RelationKind.PartitionedTable);
            case ObjectType.ObjectSequence when rename.Relation is { } sequence:
                return context.Migration.IsNew(catalog.FindSequence(sequence.ToQualifiedName())) ? null : new Renamed("sequence", sequence.ToQualifiedName(), rename.Newname, false);
            case ObjectType.ObjectType or ObjectType.ObjectDomain when rename.Object?.List?.Items is { Count: > 0 } names:
                var type = names.ToQualifiedName();
                return context.Migration.IsNew(catalog.FindType(type)) ? null : new Renamed(rename.RenameType == ObjectType.ObjectDomain ? "domain" : "type", type, rename.Newname, false);
            case ObjectType.ObjectSchema:
                return newSchemas.Contains(rename.Subname) ? null : new Renamed("schema", new QualifiedName(null, rename.Subname), rename.Newname, false);
            default:
                return null;
        }
    }

    private static string KindOf(RelationKind? kind, ObjectType written) => (kind, written) switch
    {
        (RelationKind.View, _) or (null, ObjectType.ObjectView) => "view",
        (RelationKind.MaterializedView, _) or (null, ObjectType.ObjectMatview) => "materialized view",
        (RelationKind.ForeignTable, _) or (null, ObjectType.ObjectForeignTable) => "foreign table",
        _ => "table",
    };

    private static void Report(DocumentContext context, FileState file)
    {
        foreach (var renamed in file.Renames)
        {
            // A view with the old name, created after the rename, keeps the old name's readers working;
            // so does a new type with the old name (the usual way to change an enum's values).
            var replacements = renamed.IsTable ? file.Views : renamed.Kind is "type" or "domain" ? file.Types : [];
            var replaced = replacements.Any(v => v.Ordinal > renamed.Ordinal && SameName(v.Name, renamed.Name));
            if (!replaced)
            {
                context.Report(Rule, renamed.Span, renamed.Kind, renamed.Name, QualifiedName.Quote(renamed.NewName));
            }
        }
    }

    private static bool SameName(QualifiedName a, QualifiedName b) =>
        a.Name == b.Name && (a.Schema is null || b.Schema is null || a.Schema == b.Schema);

    private sealed record Renamed(string Kind, QualifiedName Name, string NewName, bool IsTable)
    {
        public TextSpan Span { get; init; }

        public int Ordinal { get; init; }
    }

    private sealed class FileState
    {
        public HashSet<string> NewSchemas { get; } = [];

        public List<QualifiedName> CreatedTables { get; } = [];

        /// <summary>Relations that take a name: views created, tables and views renamed to it.</summary>
        public List<(QualifiedName Name, int Ordinal)> Views { get; } = [];

        /// <summary>Types that take a name: types and domains created, or renamed to it.</summary>
        public List<(QualifiedName Name, int Ordinal)> Types { get; } = [];

        public List<Renamed> Renames { get; } = [];
    }
}
