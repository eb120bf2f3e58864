using System.Text.Json.Nodes;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Reporting;

/// <summary>
/// The lock footprint of the linted files as the reports show it: a compact text block per file
/// (<c>pglint check --locks</c>) and one JSON shape shared by the SARIF and json formats.
/// </summary>
public static class LockFootprintReport
{
    /// <summary>The SARIF property (on results and on the run) that carries lock footprints.</summary>
    public const string PropertyName = "pglint/locks";

    /// <summary>The files whose transactions lock existing tables, with their display paths, in path order.</summary>
    public static IEnumerable<(string Path, LockFootprint Footprint)> Files(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Result.Documents
            .Where(static d => !d.LockFootprint.Transactions.IsEmpty)
            .Select(d => (Path: ReportedDiagnostics.DisplayPath(context, d.Tree.Path), d.LockFootprint))
            .OrderBy(static f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>
    /// One line per transaction, e.g. <c>transaction 1 (lines 2–7, explicit): ACCESS EXCLUSIVE on
    /// public.orders, held across 4 statements (lines 3–7); …</c>.
    /// </summary>
    public static IEnumerable<string> Describe(LockFootprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        foreach (var transaction in footprint.Transactions)
        {
            var locks = transaction.Locks.Select(l =>
            {
                var count = transaction.StatementsHolding(l);
                var first = l.FirstLockedBy == l.TakenBy ? string.Empty : $", first locked at line {StartLine(l.FirstLockedBy)}";
                return $"{l.Mode.ToSql()} on {l.Table}, held across {count} {(count == 1 ? "statement" : "statements")} ({Lines(StartLine(l.TakenBy), EndLine(transaction.Last))}{first})";
            });
            yield return $"transaction {transaction.Number} ({Lines(StartLine(transaction.First), EndLine(transaction.Last))}, {ModeName(transaction.Mode)}): {string.Join("; ", locks)}";
        }
    }

    /// <summary>A transaction's footprint as JSON: its number, mode, lines, statements and the locks it holds.</summary>
    public static JsonObject ToJson(TransactionFootprint transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var locks = new JsonArray();
        foreach (var heldLock in transaction.Locks)
        {
            locks.Add(new JsonObject
            {
                ["table"] = heldLock.Table.ToString(),
                ["mode"] = heldLock.Mode.ToSql(),
                ["blocks"] = heldLock.Mode.BlocksReads() ? "reads and writes" : heldLock.Mode.BlocksWrites() ? "writes" : "schema changes",
                ["statements"] = transaction.StatementsHolding(heldLock),
                ["startLine"] = StartLine(heldLock.TakenBy),
                ["endLine"] = EndLine(transaction.Last),
                ["firstLockedLine"] = StartLine(heldLock.FirstLockedBy),
            });
        }

        return new JsonObject
        {
            ["transaction"] = transaction.Number,
            ["mode"] = ModeName(transaction.Mode),
            ["startLine"] = StartLine(transaction.First),
            ["endLine"] = EndLine(transaction.Last),
            ["statements"] = transaction.Statements.Length,
            ["locks"] = locks,
        };
    }

    /// <summary>Every file's footprint as JSON: <c>[{ "path": …, "transactions": [ … ] }]</c>.</summary>
    public static JsonArray ToJson(ReportContext context)
    {
        var files = new JsonArray();
        foreach (var (path, footprint) in Files(context))
        {
            var transactions = new JsonArray();
            foreach (var transaction in footprint.Transactions)
            {
                transactions.Add(ToJson(transaction));
            }

            files.Add(new JsonObject { ["path"] = path, ["transactions"] = transactions });
        }

        return files;
    }

    /// <summary>The footprint of the transaction a finding's statement runs in, or null.</summary>
    public static TransactionFootprint? TransactionOf(ReportContext context, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.Location.Source is not { } source)
        {
            return null;
        }

        var document = context.Result.Documents.FirstOrDefault(d => ReferenceEquals(d.Tree.Source, source));
        return document?.LockFootprint.FindTransaction(diagnostic.Location.Span);
    }

    private static string ModeName(TransactionMode mode) => mode switch
    {
        TransactionMode.Explicit => "explicit",
        TransactionMode.RunnerWrapped => "runner-wrapped",
        _ => "autocommit",
    };

    private static string Lines(int start, int end) => start == end ? $"line {start}" : $"lines {start}–{end}";

    private static int StartLine(SqlStatement statement) => statement.Source.GetLinePosition(statement.Span.Start).Line;

    private static int EndLine(SqlStatement statement) => statement.Source.GetLinePosition(statement.Span.End).Line;
}
