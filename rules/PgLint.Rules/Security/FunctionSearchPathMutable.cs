using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5015: a function without <c>SET search_path</c> resolves the tables, functions and operators it
/// names through whatever <c>search_path</c> its caller has, so the same call can mean different
/// things (or someone else's objects) depending on the session. Pinning the path, or qualifying every
/// name, makes the function mean one thing.
/// </summary>
/// <remarks>
/// Off by default: most application functions run with one known search_path, and on real migrations
/// most findings were functions that name nothing outside <c>pg_catalog</c> without a schema (a
/// <c>SELECT true</c>, or every table written as <c>schema.table</c>), where the path changes nothing. A
/// warning in the <c>extension-script</c> profile: an extension's functions run with the search_path
/// of every caller, and pinning every one of them is the policy there. Not reported: SECURITY
/// DEFINER routines (PG5001 reports them), C and internal functions, and functions given a search_path
/// by a later <c>ALTER FUNCTION … SET search_path</c> in the same file.
/// </remarks>
public sealed class FunctionSearchPathMutable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5015",
        "function-search-path-mutable",
        "Pin the search_path of functions",
        "Function {0} has no SET search_path, so the objects it names are looked up in whatever search_path its caller has.",
        RuleCategory.Security,
        Severity.Info,
        isEnabledByDefault: false,
        description: "A function without SET search_path depends on the caller's search_path.",
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "warning" });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static set => set.RegisterDocumentStartAction(static start =>
            Routines.ReportUnlessSearchPathSetLater(start, static context =>
            {
                if (context.Root.CreateFunctionStmt is not { IsProcedure: false } function
                    || Routines.IsSecurityDefiner(function)
                    || Routines.SearchPath(function) is not null
                    || Routines.Language(function) is "c" or "internal")
                {
                    return null;
                }

                var span = Routines.NameSpan(context.Statement);
                var name = Routines.Name(function);
                return (function.Funcname.ToQualifiedName().Name, end => end.Report(Rule, span, name));
            })));
}
