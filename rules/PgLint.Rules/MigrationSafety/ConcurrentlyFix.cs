using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>The fix shared by the rules that ask for <c>CONCURRENTLY</c> on index statements.</summary>
internal static class ConcurrentlyFix
{
    /// <summary>
    /// Inserts <c>CONCURRENTLY</c> right after <c>INDEX</c>, where both <c>CREATE [UNIQUE] INDEX</c> and
    /// <c>DROP INDEX</c> take it (before <c>IF [NOT] EXISTS</c> and the name); null when there is no
    /// <c>INDEX</c> keyword.
    /// </summary>
    public static Fix? AfterIndexKeyword(StatementContext context)
    {
        var keyword = context.Statement.FindKeyword(Token.Index);
        if (keyword is null)
        {
            return null;
        }

        // A concurrent index statement fails inside a transaction block (PG1003) until it is moved out of it.
        return new Fix(
            "Insert CONCURRENTLY (the statement must then run outside a transaction block)",
            [TextEdit.Insert(keyword.Value.End, " CONCURRENTLY")],
            context.Migration.Transaction.InTransactionBlock ? FixSafety.Unsafe : FixSafety.Safe,
            validInTransactionBlock: false);
    }
}
