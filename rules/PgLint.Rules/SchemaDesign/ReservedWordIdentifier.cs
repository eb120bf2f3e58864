using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3020: a table, view or column named after a reserved SQL keyword (<c>"user"</c>, <c>"order"</c>)
/// or a type/function-name keyword (<c>"left"</c>, <c>"join"</c>) can only be used quoted as a table
/// or column name: every query that forgets the quotes is a syntax error or, for <c>user</c>, silently
/// means something else (<c>SELECT user FROM t</c> returns the session user).
/// </summary>
/// <remarks>
/// The keyword category comes from PostgreSQL's own scanner. Column-name keywords (<c>time</c>,
/// <c>position</c>) and unreserved keywords work unquoted as table and column names and are not reported.
/// </remarks>
public sealed class ReservedWordIdentifier : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3020",
        "reserved-word-identifier",
        "Avoid SQL keywords as table and column names",
        "{0} is a {1} in PostgreSQL: it must be quoted in every statement that names it, and unquoted it is a syntax error or means the keyword; choose a name that is not a keyword.",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "Names that are reserved or type/function-name keywords must be quoted wherever they are used as table or column names.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        NewNames.Register(context, Rule, static name => Describe(name) is { } kind ? [$"\"{name}\"", kind] : null);

    private static string? Describe(string? name) => SqlParser.GetKeywordKind(name ?? string.Empty) switch
    {
        KeywordKind.ReservedKeyword => "reserved keyword",
        KeywordKind.TypeFuncNameKeyword => "keyword that may only name types and functions",
        _ => null,
    };
}
