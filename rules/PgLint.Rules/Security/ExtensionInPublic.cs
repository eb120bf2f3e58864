using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5011: <c>CREATE EXTENSION</c> without <c>SCHEMA</c> puts the extension's functions, operators and
/// types into the first schema of the <c>search_path</c>, usually <c>public</c>. There they mix with the
/// application's objects, sit on every role's path, and (before PostgreSQL 15, or wherever <c>public</c>
/// still grants <c>CREATE</c>) any role can create a lookalike function with a better-matching
/// signature that callers then run instead. A schema of its own keeps the extension apart.
/// </summary>
/// <remarks>
/// Not reported: extensions whose control file fixes their schema (<c>plpgsql</c> and <c>pg_cron</c> in
/// <c>pg_catalog</c>, <c>pg_graphql</c>, <c>pgsodium</c>, <c>supabase_vault</c> in schemas of their own), and <c>CREATE EXTENSION … SCHEMA x</c> for any other schema. Informational for
/// applications; a warning in the <c>extension-script</c> profile, where the script runs in databases
/// whose <c>public</c> schema someone else controls.
/// </remarks>
public sealed class ExtensionInPublic : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5011",
        "extension-in-public",
        "Install extensions into a schema of their own",
        "Extension {0} is installed into {1}, where its functions and operators mix with application objects on every role's search_path; install it with SCHEMA into a dedicated schema such as extensions.",
        RuleCategory.Security,
        Severity.Info,
        description: "An extension installed into public shares a schema that every role searches.",
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "warning" });

    private static readonly HashSet<string> FixedSchema = new(StringComparer.Ordinal) { "plpgsql", "adminpack", "pg_cron", "pg_graphql", "pgsodium", "supabase_vault" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreateExtensionStmt>(Analyze);

    private static void Analyze(NodeContext<CreateExtensionStmt> context)
    {
        var extension = context.Node;
        if (FixedSchema.Contains(extension.Extname))
        {
            return;
        }

        var schema = extension.Options.Select(static o => o.DefElem).FirstOrDefault(static d => d?.Defname == "schema")?.Arg.AsString();
        if (schema is not null && schema != "public")
        {
            return;
        }

        var where = schema is null ? "the first schema of the search_path (usually public)" : "schema public";
        context.ReportOnStatement(Rule, QualifiedName.Quote(extension.Extname), where);
    }
}
