using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5014: some statements reach out of the database into the server's operating system.
/// <c>COPY … FROM/TO PROGRAM</c> runs a shell command as the operating-system user the server runs as;
/// <c>pg_read_file</c>, <c>pg_read_binary_file</c>, <c>lo_import</c> and <c>lo_export</c> read and write
/// files on the server. Each needs superuser (or <c>pg_execute_server_program</c>,
/// <c>pg_read_server_files</c>, <c>pg_write_server_files</c>), so code that uses them only runs with a
/// role that can take over the machine. <c>dblink</c> with <c>password=</c> in its connection string
/// puts a secret in the code. Data belongs on the client side (<c>COPY … FROM STDIN</c>, psql's
/// <c>\copy</c> and <c>\lo_import</c>) and credentials in a foreign server's user mapping.
/// </summary>
/// <remarks>
/// Not reported: <c>COPY</c> to or from a server file (no shell involved), dblink calls whose
/// connection string is not a literal or names a foreign server.
/// </remarks>
public sealed class DangerousServerFunction : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5014",
        "dangerous-server-function",
        "Keep database code away from the server's shell, files and inline credentials",
        "{0} {1}; {2}.",
        RuleCategory.Security,
        Severity.Warning,
        description: "COPY PROGRAM, server file functions and dblink with inline passwords need superuser-level roles or leak secrets.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CopyStmt>(AnalyzeCopy);
        context.RegisterNodeAction<FuncCall>(AnalyzeCall);
    }

    private static void AnalyzeCopy(NodeContext<CopyStmt> context)
    {
        if (!context.Node.IsProgram)
        {
            return;
        }

        context.ReportOnStatement(
            Rule,
            context.Node.IsFrom ? "COPY … FROM PROGRAM" : "COPY … TO PROGRAM",
            "runs a shell command on the database server as the operating-system user of PostgreSQL, and needs superuser or pg_execute_server_program",
            "move the data through the client instead (COPY … FROM STDIN / TO STDOUT, or psql's \\copy)");
    }

    private static void AnalyzeCall(NodeContext<FuncCall> context)
    {
        var call = context.Node;
        var name = call.Funcname.ToQualifiedName();
        if (name.Schema is not (null or "pg_catalog" or "public" or "dblink" or "extensions"))
        {
            return;
        }

        var (what, fix) = name.Name switch
        {
            "pg_read_file" or "pg_read_binary_file" =>
                ("reads a file on the database server and needs superuser or pg_read_server_files", "read files on the client and send their contents as parameters"),
            "lo_import" =>
                ("reads a file on the database server into a large object and needs superuser or pg_read_server_files", "import from the client (psql's \\lo_import, or lo_from_bytea with the bytes as a parameter)"),
            "lo_export" =>
                ("writes a file on the database server and needs superuser or pg_write_server_files", "export on the client (psql's \\lo_export, or lo_get)"),
            "dblink" or "dblink_exec" or "dblink_connect" or "dblink_connect_u" when HasInlinePassword(call) =>
                ("passes a password in its connection string, where anyone who reads the code or pg_stat_statements finds it", "create a foreign server with a user mapping that holds the password and pass the server's name"),
            _ => (null, null),
        };
        if (what is null)
        {
            return;
        }

        context.Report(Rule, context.Statement.GetQualifiedNameSpan(call.Location), name.Name + "()", what, fix);
    }

    private static bool HasInlinePassword(FuncCall call) =>
        call.Args.Any(static a => a.ConstantText() is { } text && text.Contains("password", StringComparison.OrdinalIgnoreCase) && text.Contains('=', StringComparison.Ordinal));
}
