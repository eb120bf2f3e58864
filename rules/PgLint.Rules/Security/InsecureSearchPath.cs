using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.PlPgSql;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5002: a <c>SECURITY DEFINER</c> routine's <c>SET search_path</c> only protects it when no schema
/// on it is writable by the routine's callers. <c>public</c> is (for every role before PostgreSQL 15,
/// and in every database upgraded from one); <c>pg_temp</c> is writable by everyone and must come
/// last, as the PostgreSQL documentation says. A single quoted string such as
/// <c>'app, pg_temp'</c> names one schema called "app, pg_temp", not two.
/// </summary>
/// <remarks>Not reported: <c>FROM CURRENT</c> (the value is not in the file), routines that are not SECURITY DEFINER.</remarks>
public sealed class InsecureSearchPath : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5002",
        "insecure-search-path",
        "Give SECURITY DEFINER routines a search_path without writable schemas, pg_temp last",
        "The search_path of SECURITY DEFINER routine {0} {1}, so a caller can put objects there that the routine uses with its owner's privileges.",
        RuleCategory.Security,
        Severity.Error,
        description: "A SECURITY DEFINER routine's search_path lists a schema its callers can write to.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreateFunctionStmt>(Analyze);

    private static void Analyze(NodeContext<CreateFunctionStmt> context)
    {
        var function = context.Node;
        if (!Routines.IsSecurityDefiner(function) || Routines.SearchPath(function) is not { Kind: VariableSetKind.VarSetValue } searchPath)
        {
            return;
        }

        var schemas = searchPath.Args.Select(static a => a.AConst?.Sval?.Sval).ToList();
        if (schemas.Count == 0 || schemas.Any(static s => s is null))
        {
            return;
        }

        string? problem = null;
        if (schemas is [{ } single] && single.Contains(',', StringComparison.Ordinal))
        {
            problem = $"is the single quoted string '{single}', which names one schema, not a list";
        }
        else if (schemas.FirstOrDefault(static s => s == "public") is { } writable)
        {
            problem = $"includes {writable}, where callers may create objects";
        }
        else if (schemas.IndexOf("pg_temp") is var temp && temp >= 0 && temp != schemas.Count - 1)
        {
            problem = "puts pg_temp before other schemas instead of last";
        }

        if (problem is null)
        {
            return;
        }

        var option = function.Options.Select(static o => o.DefElem).First(static d => d?.Arg?.VariableSetStmt is { Name: "search_path" })!;
        var span = context.Statement.GetSpan(option.Location, searchPath.Args[^1].AConst.Location);
        context.Report(Rule, span, Routines.Name(function), problem);
    }
}
