using System.Collections.Immutable;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>A table-level lock a transaction holds on an existing table until the transaction ends.</summary>
/// <param name="Table">The table, as the catalog names it when known, else as written.</param>
/// <param name="Mode">The strongest mode the transaction has taken on it.</param>
/// <param name="TakenBy">The statement that took <paramref name="Mode"/>; from there to the end of the transaction the table is held in that mode.</param>
/// <param name="FirstLockedBy">The statement that took the transaction's first lock on the table, in any mode.</param>
public sealed record HeldLock(QualifiedName Table, LockMode Mode, SqlStatement TakenBy, SqlStatement FirstLockedBy);

/// <summary>
/// One transaction of a file and the locks it holds on existing tables: an explicit <c>BEGIN</c> …
/// <c>COMMIT</c>, the transaction the runner wraps the file in, or a statement outside any
/// transaction block (its own transaction).
/// </summary>
public sealed class TransactionFootprint
{
    internal TransactionFootprint(int number, TransactionMode mode, SqlStatement first, SqlStatement last, ImmutableArray<SqlStatement> statements, ImmutableArray<HeldLock> locks)
    {
        Number = number;
        Mode = mode;
        First = first;
        Last = last;
        Statements = statements;
        Locks = locks;
    }

    /// <summary>The transaction's number in the file, 1-based (the <see cref="TransactionState.Id"/> its statements see).</summary>
    public int Number { get; }

    /// <summary>Explicit, runner-wrapped, or a single statement in autocommit.</summary>
    public TransactionMode Mode { get; }

    /// <summary>Its first statement (the <c>BEGIN</c> of an explicit block).</summary>
    public SqlStatement First { get; }

    /// <summary>Its last statement (the <c>COMMIT</c> or <c>ROLLBACK</c> that ends it, or the file's last statement).</summary>
    public SqlStatement Last { get; }

    /// <summary>The statements that run in it, in order; transaction control (<c>BEGIN</c>, <c>COMMIT</c>, <c>SAVEPOINT</c> …) excluded.</summary>
    public ImmutableArray<SqlStatement> Statements { get; }

    /// <summary>The locks it holds on existing tables, in the order the tables were first locked; tables created earlier in the file are left out.</summary>
    public ImmutableArray<HeldLock> Locks { get; }

    /// <summary>The number of statements that run while <paramref name="heldLock"/> is held in its mode: from the one that takes it to the end of the transaction.</summary>
    public int StatementsHolding(HeldLock heldLock)
    {
        ArgumentNullException.ThrowIfNull(heldLock);
        return Statements.Count(s => s.Ordinal >= heldLock.TakenBy.Ordinal);
    }

    /// <summary>True when the span lies within the transaction's statements.</summary>
    public bool Contains(TextSpan span) => span.Start >= First.Span.Start && span.Start <= Last.Span.End;
}

/// <summary>
/// What a file's deploy blocks: for each transaction, which existing tables it locks, in which mode
/// and for how many statements. Built from <see cref="Locks.Acquired"/> statement by statement and the
/// file's transaction state (explicit blocks, or the runner's wrapping transaction).
/// </summary>
/// <remarks>
/// Locks are held until the transaction ends. Not modelled: <c>ROLLBACK TO SAVEPOINT</c>, which releases
/// the locks taken after the savepoint, and locks taken inside functions and <c>DO</c> blocks.
/// </remarks>
public sealed class LockFootprint
{
    internal LockFootprint(ImmutableArray<TransactionFootprint> transactions) => Transactions = transactions;

    /// <summary>A file that locks no existing table.</summary>
    public static LockFootprint Empty { get; } = new([]);

    /// <summary>The transactions that lock at least one existing table, in file order.</summary>
    public ImmutableArray<TransactionFootprint> Transactions { get; }

    /// <summary>The transaction whose statements contain <paramref name="span"/>, or null.</summary>
    public TransactionFootprint? FindTransaction(TextSpan span) => Transactions.FirstOrDefault(t => t.Contains(span));
}

/// <summary>Follows a file statement by statement and collects its <see cref="LockFootprint"/>.</summary>
internal sealed class LockFootprintBuilder
{
    private readonly List<TransactionFootprint> _done = [];
    private readonly List<SqlStatement> _statements = [];
    private readonly List<HeldLock> _held = [];
    private int _number = -1;
    private TransactionMode _mode;
    private SqlStatement? _first;
    private SqlStatement? _last;

    /// <summary>The locks the current transaction holds on existing tables, before the current statement.</summary>
    public ImmutableArray<HeldLock> Held { get; private set; } = [];

    /// <summary>Starts a statement: a new transaction id ends the previous transaction.</summary>
    public void Enter(SqlStatement statement, TransactionState transaction)
    {
        if (transaction.Id != _number)
        {
            Close();
            _number = transaction.Id;
            _mode = transaction.Mode;
            _first = statement;
        }
        else if (transaction.Mode != TransactionMode.Autocommit)
        {
            // The BEGIN itself runs in autocommit; the block it opens is explicit.
            _mode = transaction.Mode;
        }

        _last = statement;
    }

    /// <summary>Records the locks the current statement takes on tables that are not new.</summary>
    public void Add(SqlStatement statement, IEnumerable<RelationLock> locks)
    {
        if (statement.Root?.TransactionStmt is null)
        {
            _statements.Add(statement);
        }

        var changed = false;
        foreach (var relationLock in locks.Where(static l => l.Kind == LockedRelationKind.Table))
        {
            var index = _held.FindIndex(h => h.Table == relationLock.Relation);
            if (index < 0)
            {
                _held.Add(new HeldLock(relationLock.Relation, relationLock.Mode, statement, statement));
                changed = true;
            }
            else if (_held[index].Mode < relationLock.Mode)
            {
                _held[index] = _held[index] with { Mode = relationLock.Mode, TakenBy = statement };
                changed = true;
            }
        }

        if (changed)
        {
            Held = [.. _held];
        }
    }

    /// <summary>Ends the last transaction and returns the footprint.</summary>
    public LockFootprint Build()
    {
        Close();
        return _done.Count == 0 ? LockFootprint.Empty : new LockFootprint([.. _done]);
    }

    private void Close()
    {
        if (_held.Count > 0 && _first is not null && _last is not null)
        {
            _done.Add(new TransactionFootprint(_number, _mode, _first, _last, [.. _statements], [.. _held]));
        }

        _statements.Clear();
        _held.Clear();
        Held = [];
        _first = null;
        _last = null;
    }
}
