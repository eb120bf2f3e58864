using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3014: a database with <c>ENCODING 'SQL_ASCII'</c> stores bytes above 127 without checking or
/// converting them. Clients with different encodings then write mixed, unconvertible text into the
/// same column, and a later move to UTF8 fails on the invalid bytes. The PostgreSQL documentation
/// calls the setting "not so much a declaration that a specific encoding is in use, as a
/// declaration of ignorance about the encoding".
/// </summary>
/// <remarks>Only <c>CREATE DATABASE</c> is checked; <c>initdb</c> settings are outside SQL.</remarks>
public sealed class SqlAsciiEncoding : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3014",
        "sql-ascii-encoding",
        "Create databases with UTF8 encoding, not SQL_ASCII",
        "Database {0} uses SQL_ASCII, which stores non-ASCII bytes unchecked and unconverted, so text from clients with different encodings mixes and cannot be converted later; use ENCODING 'UTF8'.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "SQL_ASCII performs no encoding validation or conversion, so text in mixed encodings accumulates; UTF8 validates input.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreatedbStmt>(Analyze);

    private static void Analyze(NodeContext<CreatedbStmt> context)
    {
        var encoding = context.Node.Options.Select(static o => o.DefElem).FirstOrDefault(static d => d?.Defname == "encoding");
        var value = encoding?.Arg.ConstantText() ?? encoding?.Arg?.String?.Sval;
        if (encoding is not null && (string.Equals(value, "SQL_ASCII", StringComparison.OrdinalIgnoreCase) || value == "0"))
        {
            // The value is a plain string node without a location: it is the token after ENCODING [=].
            var statement = context.Statement;
            var keyword = statement.FindTokenIndex(statement.ByteStart + encoding.Location);
            var valueToken = keyword + 1 < statement.Tokens.Length && statement.Tokens[keyword + 1].Kind == PgQuery.Token.Ascii61 ? keyword + 2 : keyword + 1;
            var span = keyword < 0 || valueToken >= statement.Tokens.Length
                ? context.GetSpan(encoding)
                : Syntax.TextSpan.FromBounds(statement.GetTokenSpanAt(keyword).Start, statement.GetTokenSpanAt(valueToken).End);
            context.Report(Rule, span, QualifiedName.Quote(context.Node.Dbname));
        }
    }
}
