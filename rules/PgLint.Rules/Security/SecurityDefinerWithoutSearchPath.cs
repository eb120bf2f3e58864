using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5001: a <c>SECURITY DEFINER</c> routine runs with its owner's privileges but, without
/// <c>SET search_path</c>, resolves every unqualified table, function and operator through the
/// caller's <c>search_path</c>. A caller who can create objects in any schema on that path (or in
/// <c>pg_temp</c>, which is searched first for tables) can make the routine use theirs, with the
/// owner's rights.
/// </summary>
/// <remarks>Not reported: a routine given a search_path by a later <c>ALTER FUNCTION … SET search_path</c> in the same file.</remarks>
public sealed class SecurityDefinerWithoutSearchPath : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5001",
        "security-definer-without-search-path",
        "Give SECURITY DEFINER routines a fixed search_path",
        "SECURITY DEFINER routine {0} has no SET search_path, so a caller can put objects on its search_path that it then uses with its owner's privileges.",
        RuleCategory.Security,
        Severity.Error,
        description: "A SECURITY DEFINER function without SET search_path can be hijacked through the caller's search_path.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static set => set.RegisterDocumentStartAction(static start =>
            Routines.ReportUnlessSearchPathSetLater(start, static context =>
            {
                if (context.Root.CreateFunctionStmt is not { } function
                    || !Routines.IsSecurityDefiner(function)
                    || Routines.SearchPath(function) is not null)
                {
                    return null;
                }

                var span = Routines.TwoTokenSpan(context.Statement, Routines.Option(function, "security")!.Location);
                var name = Routines.Name(function);
                return (function.Funcname.ToQualifiedName().Name, end => end.Report(Rule, span, name));
            })));
}
