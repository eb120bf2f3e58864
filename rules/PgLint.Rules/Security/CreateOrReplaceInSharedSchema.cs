using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.PlPgSql;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5013: an extension or install script runs in a database it does not own, often as superuser,
/// in schemas other roles may be able to create objects in. <c>CREATE OR REPLACE</c> of an object
/// someone created there first overwrites its definition but keeps its owner, who can change it again
/// later (the trojan horse of CVE-2022-2625); <c>CREATE … IF NOT EXISTS</c> silently keeps the
/// planted object. Plain <c>CREATE</c> fails on an existing object, which is what a script that
/// expects to create it wants.
/// </summary>
/// <remarks>
/// Off by default (<c>CREATE OR REPLACE</c> is the ordinary idiom of application migrations, whose
/// schemas only the application writes to); a warning in the <c>extension-script</c> profile. Not
/// reported: objects in a schema the set created with plain <c>CREATE SCHEMA</c>, objects created
/// earlier in the set (an update script redefining the extension's own function), temporary objects,
/// and statements inside function bodies.
/// </remarks>
public sealed class CreateOrReplaceInSharedSchema : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5013",
        "create-or-replace-in-shared-schema",
        "Create objects with plain CREATE in schemas the script does not own",
        "{0} {1} in {2}, which this script did not create, {3}; use plain CREATE so that an existing object makes the script fail.",
        RuleCategory.Security,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "CREATE OR REPLACE and IF NOT EXISTS in a schema other roles can write to adopt objects those roles planted.",
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "warning" });

    private const string Replaces = "would take over a same-named object another role created there first, whose owner keeps the right to change it";
    private const string Keeps = "would silently keep a same-named object another role created there first";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var ownSchemas = new HashSet<string>(StringComparer.Ordinal) { "pg_temp" };
            start.RegisterStatementAction(context =>
            {
                if (context.Routine is { RunsAtDeploy: false })
                {
                    return;
                }

                var root = context.Root;
                if (root.CreateSchemaStmt is { IfNotExists: false } schema)
                {
                    ownSchemas.Add(schema.Schemaname);
                    return;
                }

                if (Target(root, context.Catalog) is not var (what, name, location, consequence)
                    || (name.Schema is { } s && ownSchemas.Contains(s)))
                {
                    return;
                }

                var where = name.Schema is null ? "the schema the script is installed into" : $"schema {QualifiedName.Quote(name.Schema)}";
                var span = location < 0 ? Routines.NameSpan(context.Statement) : context.Statement.GetQualifiedNameSpan(location);
                context.Report(Rule, span, what, name.ToString(), where, consequence);
            });
        });

    private static (string What, QualifiedName Name, int Location, string Consequence)? Target(Node root, Catalog catalog)
    {
        switch (root.NodeCase)
        {
            case Node.NodeOneofCase.CreateFunctionStmt when root.CreateFunctionStmt is { Replace: true } function:
                var name = function.Funcname.ToQualifiedName();
                return catalog.FindFunctions(name).Any()
                    ? null
                    : (function.IsProcedure ? "CREATE OR REPLACE PROCEDURE" : "CREATE OR REPLACE FUNCTION", name, -1, Replaces);
            case Node.NodeOneofCase.ViewStmt when root.ViewStmt is { Replace: true } view && view.View.Relpersistence != "t":
                return catalog.FindTable(view.View.ToQualifiedName()) is not null ? null : ("CREATE OR REPLACE VIEW", view.View.ToQualifiedName(), view.View.Location, Replaces);
            case Node.NodeOneofCase.CreateStmt when root.CreateStmt is { IfNotExists: true } table && table.Relation.Relpersistence != "t":
                return ("CREATE TABLE IF NOT EXISTS", table.Relation.ToQualifiedName(), table.Relation.Location, Keeps);
            case Node.NodeOneofCase.CreateSeqStmt when root.CreateSeqStmt is { IfNotExists: true } sequence && sequence.Sequence.Relpersistence != "t":
                return ("CREATE SEQUENCE IF NOT EXISTS", sequence.Sequence.ToQualifiedName(), sequence.Sequence.Location, Keeps);
            case Node.NodeOneofCase.CreateTableAsStmt when root.CreateTableAsStmt is { IfNotExists: true, Into.Rel: { } relation } && relation.Relpersistence != "t":
                return ("CREATE … IF NOT EXISTS", relation.ToQualifiedName(), relation.Location, Keeps);
            default:
                return null;
        }
    }
}
