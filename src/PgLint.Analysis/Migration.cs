using System.Collections.Immutable;
using System.Globalization;

namespace PgLint.Analysis;

/// <summary>A PostgreSQL major.minor version, e.g. 15 or 14.3.</summary>
/// <param name="Major">The major version (10 and later: the first number).</param>
/// <param name="Minor">The minor version.</param>
public readonly record struct PostgresVersion(int Major, int Minor) : IComparable<PostgresVersion>
{
    /// <summary>The default target: PostgreSQL 15.</summary>
    public static PostgresVersion Default { get; } = new(15, 0);

    /// <summary>Parses <c>15</c>, <c>14.3</c>; false for anything else or a version before 9.</summary>
    public static bool TryParse(string? text, out PostgresVersion version)
    {
        version = default;
        var parts = (text ?? string.Empty).Trim().Split('.');
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || major is < 9 or > 99)
        {
            return false;
        }

        var minor = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor))
        {
            return false;
        }

        version = new PostgresVersion(major, minor);
        return true;
    }

    /// <summary>True when this version is at least <paramref name="major"/>.<paramref name="minor"/>.</summary>
    public bool IsAtLeast(int major, int minor = 0) => CompareTo(new PostgresVersion(major, minor)) >= 0;

    /// <inheritdoc />
    public int CompareTo(PostgresVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <inheritdoc />
    public override string ToString() => Minor == 0 ? Major.ToString(CultureInfo.InvariantCulture) : $"{Major}.{Minor}";
}

/// <summary>How a statement runs with respect to transactions.</summary>
public enum TransactionMode
{
    /// <summary>Autocommit: the statement is its own transaction.</summary>
    Autocommit,

    /// <summary>Inside an explicit <c>BEGIN</c> … <c>COMMIT</c>.</summary>
    Explicit,

    /// <summary>Inside the transaction the migration runner wraps the file in (<c>--assume-in-transaction</c>).</summary>
    RunnerWrapped,
}

/// <summary>The transaction a statement runs in.</summary>
/// <param name="Mode">Autocommit, explicit or runner-wrapped.</param>
/// <param name="Id">Identifies the transaction within the file; statements with the same id share it.</param>
/// <param name="StatementsBefore">How many statements ran earlier in this transaction.</param>
public sealed record TransactionState(TransactionMode Mode, int Id, int StatementsBefore)
{
    /// <summary>True inside a transaction block, explicit or wrapped by the runner.</summary>
    public bool InTransactionBlock => Mode != TransactionMode.Autocommit;
}

/// <summary>What a rule knows about the migration around the statement it looks at.</summary>
public sealed class MigrationContext
{
    internal MigrationContext(LintSettings settings, DocumentInfo document, TransactionState transaction, ImmutableArray<HeldLock> heldLocks)
    {
        TargetVersion = settings.PostgresVersion;
        AssumeInTransaction = settings.AssumeInTransaction;
        Document = document;
        Transaction = transaction;
        HeldLocks = heldLocks;
    }

    /// <summary>The PostgreSQL version the migrations will run on.</summary>
    public PostgresVersion TargetVersion { get; }

    /// <summary>True when the runner wraps each file in a transaction.</summary>
    public bool AssumeInTransaction { get; }

    /// <summary>The file.</summary>
    public DocumentInfo Document { get; }

    /// <summary>The transaction the current statement runs in.</summary>
    public TransactionState Transaction { get; }

    /// <summary>
    /// The locks that earlier statements of the current transaction hold on existing tables (tables
    /// created earlier in the file are left out); they stay held until the transaction ends. Empty for a
    /// statement outside a transaction block.
    /// </summary>
    public ImmutableArray<HeldLock> HeldLocks { get; }

    /// <summary>The lock the current transaction already holds on <paramref name="table"/>, or null.</summary>
    public HeldLock? FindHeldLock(QualifiedName table) => HeldLocks.FirstOrDefault(h => h.Table == table);

    /// <summary>
    /// True when the object was created earlier in the same file (and so in this migration or
    /// transaction): it is empty and no deployed code uses it. Unknown objects are existing.
    /// </summary>
    public bool IsNew(CatalogObject? catalogObject) =>
        catalogObject?.Origin is { FromSchema: false } origin
        && origin.DocumentIndex == Document.Index
        && origin.SetId == Document.SetId;
}

/// <summary>A file being linted and its place in its migration set.</summary>
public sealed class DocumentInfo
{
    internal DocumentInfo(Syntax.SyntaxTree tree, int index, int setId, string setName)
    {
        Tree = tree;
        Index = index;
        SetId = setId;
        SetName = setName;
    }

    /// <summary>The parsed file.</summary>
    public Syntax.SyntaxTree Tree { get; }

    /// <summary>The file's text.</summary>
    public Syntax.SourceText Source => Tree.Source;

    /// <summary>The reported path.</summary>
    public string Path => Tree.Path;

    /// <summary>0-based position of the file in its migration set (runner order).</summary>
    public int Index { get; }

    /// <summary>Identifies the migration set within a run.</summary>
    public int SetId { get; }

    /// <summary>The migration set's name (its folder, or the file).</summary>
    public string SetName { get; }
}
