using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Google.Protobuf;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>A migration set to lint: files in the order the migration tool applies them.</summary>
/// <param name="Name">The folder (or the single file).</param>
/// <param name="Files">The files in runner order.</param>
public sealed record MigrationSetInput(string Name, IReadOnlyList<SourceText> Files);

/// <summary>A live database to lint (<c>pglint db</c>): its catalog and statistics, and optionally the SQL that built it.</summary>
/// <param name="Name">The database's name.</param>
/// <param name="Catalog">The catalog loaded from it; objects whose origin is <see cref="ObjectOrigin.FromDatabase"/> are reported by name.</param>
/// <param name="Statistics">Its statistics, when read.</param>
public sealed record DatabaseInput(string Name, Catalog Catalog, DatabaseStatistics? Statistics = null)
{
    /// <summary>
    /// Migration sets (and, through the engine, <c>--schema</c> files) that created the database's
    /// objects: they are replayed, not linted, so that findings also point at the creating statement.
    /// </summary>
    public IReadOnlyList<MigrationSetInput> Sources { get; init; } = [];
}

/// <summary>How far a run is.</summary>
/// <param name="Files">Files in the run.</param>
/// <param name="Parsed">Files parsed so far.</param>
/// <param name="Analysed">Files analysed so far.</param>
public readonly record struct LintProgress(int Files, int Parsed, int Analysed);

/// <summary>A linted file.</summary>
/// <param name="Tree">Its syntax tree.</param>
/// <param name="Diagnostics">Its findings in source order, suppressed ones included (see <see cref="Diagnostic.IsSuppressed"/>).</param>
public sealed record DocumentResult(SyntaxTree Tree, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The locks each transaction of the file holds on existing tables: what its deploy blocks.</summary>
    public LockFootprint LockFootprint { get; init; } = LockFootprint.Empty;
}

/// <summary>The outcome of a run.</summary>
public sealed class LintResult
{
    internal LintResult(ImmutableArray<DocumentResult> documents, ImmutableArray<Diagnostic> unlocated, ImmutableArray<(string Name, Catalog Catalog)> catalogs, TimeSpan elapsed)
    {
        Documents = documents;
        Unlocated = unlocated;
        Catalogs = catalogs;
        Elapsed = elapsed;
        Diagnostics = [.. documents.SelectMany(static d => d.Diagnostics), .. unlocated];
        StatementCount = documents.Sum(static d => d.Tree.Statements.Count(static s => s.Kind == StatementKind.Sql));
    }

    /// <summary>Every file, in input order.</summary>
    public ImmutableArray<DocumentResult> Documents { get; }

    /// <summary>A copy with other findings (e.g. after a baseline marked some unchanged).</summary>
    public LintResult With(ImmutableArray<DocumentResult> documents, ImmutableArray<Diagnostic> unlocated) =>
        new(documents, unlocated, Catalogs, Elapsed);

    /// <summary>Findings not located in a file (database objects, the run itself).</summary>
    public ImmutableArray<Diagnostic> Unlocated { get; }

    /// <summary>Every finding, suppressed ones included.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The final catalog of each migration set.</summary>
    public ImmutableArray<(string Name, Catalog Catalog)> Catalogs { get; }

    /// <summary>The number of SQL statements.</summary>
    public int StatementCount { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }
}

/// <summary>
/// Runs every enabled analyzer over migration sets in one walk per statement. Files are parsed in
/// parallel; each set is analysed in order (its catalog grows file by file), sets in parallel.
/// A rule that throws becomes PG0002 and the others go on.
/// </summary>
public sealed class LintEngine
{
    private readonly LintSettings _settings;
    private readonly ActionSet _actions = new();
    private readonly ImmutableArray<SyntaxTree> _schema;
    private readonly HashSet<string> _externalOnly;

    /// <summary>Table statistics that rules see as <see cref="RuleContext.Statistics"/> (<c>check --stats FILE</c>).</summary>
    public DatabaseStatistics? Statistics { get; init; }

    /// <summary>Creates an engine for the analyzers of <paramref name="settings"/>' registry.</summary>
    /// <param name="settings">Rules, states and options.</param>
    /// <param name="schema">Schema dumps replayed into every set's catalog before its first file.</param>
    public LintEngine(LintSettings settings, IEnumerable<SourceText>? schema = null)
    {
        _settings = settings;
        foreach (var analyzer in settings.Registry.Analyzers)
        {
            if (analyzer.SupportedDiagnostics.Any(settings.IsEnabled))
            {
                analyzer.Initialize(new EngineAnalysisContext(_actions, new AnalyzerEntry(analyzer)));
            }
        }

        _schema = [.. (schema ?? []).Select(SqlParser.Parse)];
        _externalOnly = [.. settings.Registry.Analyzers.OfType<Plans.PlanAnalyzer>().SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id)];
    }

    /// <summary>Lints the sets; <paramref name="progress"/> hears the number of files parsed and then analysed.</summary>
    public LintResult Run(IReadOnlyList<MigrationSetInput> sets, CancellationToken cancellationToken = default, IProgress<LintProgress>? progress = null) =>
        Run(sets, ExternalFindings.None, cancellationToken, progress);

    /// <summary>
    /// Lints the sets together with findings made outside the syntax walk (plan rules on EXPLAIN output):
    /// those located in the sets' files get the configured severity, the files' suppression comments
    /// and fingerprints like any other finding.
    /// </summary>
    public LintResult Run(IReadOnlyList<MigrationSetInput> sets, ExternalFindings external, CancellationToken cancellationToken = default, IProgress<LintProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(external);
        var stopwatch = Stopwatch.StartNew();
        var files = sets.SelectMany(static (set, setIndex) => set.Files.Select((file, fileIndex) => (setIndex, fileIndex, file))).ToList();
        var trees = new ConcurrentDictionary<(int, int), SyntaxTree>();
        var parsed = 0;
        var analysed = 0;
        Parallel.ForEach(
            files,
            new ParallelOptions { CancellationToken = cancellationToken },
            item =>
            {
                trees[(item.setIndex, item.fileIndex)] = SqlParser.Parse(item.file);
                progress?.Report(new LintProgress(files.Count, Interlocked.Increment(ref parsed), Volatile.Read(ref analysed)));
            });

        var results = new (DocumentResult[] Documents, ImmutableArray<Diagnostic> Unlocated)[sets.Count];
        var catalogs = new Catalog[sets.Count];
        Parallel.For(
            0,
            sets.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            setIndex =>
            {
                var setTrees = Enumerable.Range(0, sets[setIndex].Files.Count).Select(i => trees[(setIndex, i)]).ToImmutableArray();
                var (documents, unlocated, catalog) = new SetRun(this, setIndex, sets[setIndex].Name, setTrees, external, cancellationToken).Run();
                progress?.Report(new LintProgress(files.Count, files.Count, Interlocked.Add(ref analysed, setTrees.Length)));
                results[setIndex] = (documents, unlocated);
                catalogs[setIndex] = catalog;
            });

        return new LintResult(
            [.. results.SelectMany(static r => r.Documents)],
            [.. results.SelectMany(static r => r.Unlocated)],
            [.. sets.Select((set, i) => (set.Name, catalogs[i]))],
            stopwatch.Elapsed);
    }

    /// <summary>
    /// Runs the set-level rules (those that read the final catalog and statistics) over a live
    /// database's catalog. Findings are located at the objects' names (<see cref="Location.Logical"/>),
    /// and at the statement that created them when <see cref="DatabaseInput.Sources"/> or the engine's
    /// schema files know it. Statement rules do not run: there are no statements.
    /// </summary>
    public LintResult RunDatabase(DatabaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stopwatch = Stopwatch.StartNew();
        var sources = new Catalog();
        foreach (var tree in _schema)
        {
            Replay(sources, tree, fromSchema: true);
        }

        foreach (var file in input.Sources.SelectMany(static s => s.Files))
        {
            Replay(sources, SqlParser.Parse(file), fromSchema: false);
        }

        var index = SourceIndex.Build(sources);
        Location? Locate(LogicalLocation logical) =>
            index.TryGetValue(logical, out var location) && location.Source is { } source ? Location.Create(source, location.Span, logical) : null;

        var run = new SetRun(this, 0, input.Name, [], ExternalFindings.None, cancellationToken) { Database = input };
        var (_, unlocated, catalog) = run.Run(Locate);
        return new LintResult([], unlocated, [(input.Name, catalog)], stopwatch.Elapsed);

        static void Replay(Catalog catalog, SyntaxTree tree, bool fromSchema)
        {
            var replayer = new CatalogReplayer(catalog);
            foreach (var statement in tree.Statements.Where(static s => s.IsParsed))
            {
                replayer.Apply(statement, new ObjectOrigin(0, -1, statement.Ordinal, 0, fromSchema));
            }
        }
    }

    /// <summary>Lints one text as a migration set of its own.</summary>
    public DocumentResult Run(SourceText file, CancellationToken cancellationToken = default) =>
        Run([new MigrationSetInput(file.Path, [file])], cancellationToken).Documents[0];

    private sealed class SetRun(LintEngine engine, int setId, string name, ImmutableArray<SyntaxTree> trees, ExternalFindings external, CancellationToken cancellationToken)
    {
        private readonly LintSettings _settings = engine._settings;
        private Catalog _catalog = new();
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly HashSet<(AnalyzerEntry, int)> _failed = [];
        private readonly Dictionary<int, LockFootprint> _footprints = [];

        /// <summary>Set for a run over a live database: its catalog replaces replay.</summary>
        public DatabaseInput? Database { get; init; }

        private DatabaseStatistics? Statistics => Database?.Statistics ?? engine.Statistics;

        public (DocumentResult[] Documents, ImmutableArray<Diagnostic> Unlocated, Catalog Catalog) Run(Func<LogicalLocation, Location?>? locate = null)
        {
            if (Database is not null)
            {
                _catalog = Database.Catalog;
            }

            var info = new MigrationSetInfo(setId, name, [.. trees.Select(static t => t.Path)]);
            var documents = trees.Select((tree, index) => new DocumentInfo(tree, index, setId, name)).ToImmutableArray();
            foreach (var schemaTree in Database is null ? engine._schema : [])
            {
                var replayer = new CatalogReplayer(_catalog);
                foreach (var statement in schemaTree.Statements.Where(static s => s.IsParsed))
                {
                    replayer.Apply(statement, new ObjectOrigin(setId, -1, statement.Ordinal, 0, FromSchema: true));
                }
            }

            var setActions = engine._actions.CopyRunActions();
            foreach (var start in engine._actions.SetStart)
            {
                Guard(start.Analyzer, documents.FirstOrDefault(), null, () => start.Action(new MigrationSetStartContext(info, _settings, setActions, start.Analyzer)));
            }

            foreach (var document in documents)
            {
                AnalyzeDocument(document, info, setActions);
            }

            var setContext = new MigrationSetContext(name, documents, _catalog, _settings.RuleOptions, Report, Statistics, Database is null ? null : locate ?? (static _ => null));
            foreach (var end in setActions.SetEnd)
            {
                Guard(end.Analyzer, documents.FirstOrDefault(), null, () => end.Action(setContext));
            }

            foreach (var diagnostic in external.Diagnostics.Where(d => d.Location.Source is { } source && trees.Any(t => ReferenceEquals(t.Source, source))))
            {
                Report(diagnostic);
            }

            var results = documents
                .Select(d => new DocumentResult(d.Tree, Finish(d.Tree)) { LockFootprint = _footprints.GetValueOrDefault(d.Index, LockFootprint.Empty) })
                .ToArray();
            var sources = trees.Select(static t => t.Source).ToHashSet();
            return (results, [.. _diagnostics.Where(d => d.Location.Source is null || !sources.Contains(d.Location.Source))], _catalog);
        }

        private void AnalyzeDocument(DocumentInfo document, MigrationSetInfo info, ActionSet setActions)
        {
            var actions = setActions;
            if (setActions.DocumentStart.Count > 0)
            {
                actions = setActions.CopyRunActions();
                foreach (var start in setActions.DocumentStart)
                {
                    Guard(start.Analyzer, document, null, () => start.Action(new DocumentStartContext(document, info, _settings, actions, start.Analyzer)));
                }
            }

            if (document.Source.ReadError is { } readError)
            {
                Report(Diagnostic.Create(ToolDiagnostics.SyntaxError, Location.Create(document.Source, default), ToolDiagnostics.ReadErrorMessage(readError)));
            }

            var transactions = new TransactionTracker(_settings.AssumeInTransaction);
            var replayer = new CatalogReplayer(_catalog);
            var walker = new Walker(actions.Node, this);
            var footprint = new LockFootprintBuilder();
            MigrationContext migration = new(_settings, document, transactions.Current, []);
            foreach (var statement in document.Tree.Statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (statement.Kind != StatementKind.Sql)
                {
                    continue;
                }

                if (statement.Error is { } error)
                {
                    Report(UnparsedStatement(document.Source, statement, error));
                    continue;
                }

                var transaction = transactions.Enter();
                footprint.Enter(statement, transaction);
                migration = new MigrationContext(_settings, document, transaction, footprint.Held);
                var context = new StatementContext(document, statement, _catalog, migration, _settings.RuleOptions, Report, cancellationToken, Statistics);
                foreach (var action in actions.Statement)
                {
                    Guard(action.Analyzer, document, statement, () => action.Action(context));
                }

                if (actions.Node.Count > 0)
                {
                    walker.Walk(context, static _ => true);
                }

                if (statement.Body is { } body)
                {
                    AnalyzeBody(document, body, migration, actions, walker, replayer, transaction);
                }

                var isNew = migration;
                footprint.Add(statement, Locks.Acquired(statement.Root!, _catalog).Where(l => !isNew.IsNew(_catalog.FindTable(l.Relation))));
                replayer.Apply(statement, new ObjectOrigin(setId, document.Index, statement.Ordinal, transaction.Id, FromSchema: false));
                transactions.Leave(statement.Root!);
            }

            var lockFootprint = footprint.Build();
            _footprints[document.Index] = lockFootprint;
            var end = new DocumentContext(document, _catalog, migration, lockFootprint, _settings.RuleOptions, Report, cancellationToken, Statistics);
            foreach (var action in actions.DocumentEnd)
            {
                Guard(action.Analyzer, document, null, () => action.Action(end));
            }
        }

        /// <summary>
        /// PG0001 at the parser's position, or PG0005 at the statement when it is valid syntax of a newer
        /// release that the target version (or, when none was given, some release) accepts.
        /// </summary>
        private Diagnostic UnparsedStatement(SourceText source, SqlStatement statement, SyntaxError error)
        {
            var target = _settings.PostgresVersion;
            return error.NewerSyntax switch
            {
                null => Diagnostic.Create(ToolDiagnostics.SyntaxError, Location.Create(source, error.Span), ToolDiagnostics.SyntaxErrorMessage(error.Message)),
                { } newer when !_settings.IsPostgresVersionConfigured || target.IsAtLeast(newer.PostgresVersion) =>
                    Diagnostic.Create(ToolDiagnostics.UnsupportedSyntax, Location.Create(source, statement.Span), newer.Construct, newer.PostgresVersion),
                { } newer => Diagnostic.Create(
                    ToolDiagnostics.SyntaxError,
                    Location.Create(source, error.Span),
                    ToolDiagnostics.NewerThanTargetMessage(error.Message, newer.Construct, newer.PostgresVersion, target)),
            };
        }

        /// <summary>
        /// Runs the statement and node actions over the SQL inside a routine body. A function's body
        /// runs when it is called, not while the migration runs, so analyzers whose every rule is about
        /// the deploy (<see cref="RuleCategory.MigrationSafety"/>) see only the bodies of <c>DO</c> blocks.
        /// DDL in a <c>DO</c> block also changes the catalog, as it does on the server.
        /// </summary>
        private void AnalyzeBody(DocumentInfo document, RoutineBody body, MigrationContext migration, ActionSet actions, Walker walker, CatalogReplayer replayer, TransactionState transaction)
        {
            Func<AnalyzerEntry, bool> accepts = body.RunsAtDeploy ? static _ => true : static analyzer => !analyzer.DeployTimeOnly;

            // Fixes are written for top-level statements: in a body they may not apply (CONCURRENTLY
            // cannot run inside a function or DO block) and text in a '…' body needs its quotes doubled.
            Action<Diagnostic> report = diagnostic => Report(diagnostic.WithoutFixes());
            foreach (var statement in body.Statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (statement.Error is { } error)
                {
                    Report(Diagnostic.Create(ToolDiagnostics.SyntaxError, Location.Create(document.Source, error.Span), ToolDiagnostics.SyntaxErrorMessage(error.Message)));
                    continue;
                }

                var context = new StatementContext(document, statement, _catalog, migration, _settings.RuleOptions, report, cancellationToken);
                foreach (var action in actions.Statement)
                {
                    if (accepts(action.Analyzer))
                    {
                        Guard(action.Analyzer, document, statement, () => action.Action(context));
                    }
                }

                if (actions.Node.Count > 0)
                {
                    walker.Walk(context, accepts);
                }

                if (body.RunsAtDeploy && statement.EmbeddedKind == EmbeddedSqlKind.Statement)
                {
                    replayer.Apply(statement, new ObjectOrigin(setId, document.Index, statement.Ordinal, transaction.Id, FromSchema: false));
                }
            }
        }

        internal void Guard(AnalyzerEntry analyzer, DocumentInfo? document, SqlStatement? statement, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if ((document is null && Database is null) || !_failed.Add((analyzer, document?.Index ?? -1)))
                {
                    return;
                }

                var span = statement?.Span ?? new TextSpan(0, 0);
                var location = document is null ? Location.Create(LogicalLocation.OfDatabase(name)) : Location.Create(document.Source, span);
                var properties = new Dictionary<string, string>
                {
                    ["ruleIds"] = analyzer.RuleIds,
                    ["analyzer"] = analyzer.Analyzer.GetType().FullName ?? analyzer.Name,
                    ["exceptionType"] = ex.GetType().FullName ?? ex.GetType().Name,
                };
                Report(Diagnostic.Create(
                    ToolDiagnostics.RuleFailed,
                    location,
                    fixes: null,
                    properties,
                    analyzer.RuleIds,
                    analyzer.Name,
                    ex.GetType().Name,
                    ex.Message.TrimEnd('.')));
            }
        }

        private void Report(Diagnostic diagnostic)
        {
            var state = _settings.GetState(diagnostic.Descriptor);
            if (!state.Enabled)
            {
                return;
            }

            lock (_diagnostics)
            {
                // A rule may raise one finding above its default (TRUNCATE … CASCADE); a configured severity still wins.
                var severity = state.Severity == diagnostic.Descriptor.DefaultSeverity ? diagnostic.Severity : state.Severity;
                _diagnostics.Add(diagnostic.Severity == severity ? diagnostic : diagnostic.WithSeverity(severity));
            }
        }

        private ImmutableArray<Diagnostic> Finish(SyntaxTree tree)
        {
            var own = _diagnostics.Where(d => ReferenceEquals(d.Location.Source, tree.Source)).ToList();
            var suppressed = SuppressionProcessor.Apply(tree, own, _settings, d => !engine._externalOnly.Contains(d.Id) || external.RulesRun.Contains(d.Id));
            return Fingerprints.Assign(tree, suppressed);
        }
    }

    /// <summary>Walks a statement's tree once, dispatching each node to the actions registered for its type.</summary>
    private sealed class Walker(Dictionary<Type, List<Registered<Action<StatementContext, IMessage, IReadOnlyList<AstAncestor>>>>> actions, SetRun run)
    {
        private readonly List<AstAncestor> _ancestors = [];
        private readonly Stack<(IMessage Node, IMessage? Parent, string Field, int Depth)> _stack = new();
        private readonly List<(IMessage, string)> _children = [];

        public void Walk(StatementContext context, Func<AnalyzerEntry, bool> accepts)
        {
            _stack.Clear();
            _ancestors.Clear();
            if (context.Root.Unwrap() is not { } root)
            {
                return;
            }

            _stack.Push((root, null, string.Empty, 0));
            while (_stack.Count > 0)
            {
                var (node, parent, field, depth) = _stack.Pop();
                if (_ancestors.Count >= depth)
                {
                    _ancestors.RemoveRange(Math.Max(0, depth - 1), _ancestors.Count - Math.Max(0, depth - 1));
                }

                if (parent is not null)
                {
                    _ancestors.Add(new AstAncestor(parent, field));
                }

                if (actions.TryGetValue(node.GetType(), out var registered))
                {
                    foreach (var action in registered)
                    {
                        if (!accepts(action.Analyzer))
                        {
                            continue;
                        }

                        run.Guard(action.Analyzer, context.Document, context.Statement, () => action.Action(context, node, _ancestors));
                    }
                }

                _children.Clear();
                Ast.ForEachChild(node, (child, f) => _children.Add((child, f.Name)));
                for (var i = _children.Count - 1; i >= 0; i--)
                {
                    _stack.Push((_children[i].Item1, node, _children[i].Item2, depth + 1));
                }
            }
        }
    }

    /// <summary>Follows BEGIN / COMMIT / ROLLBACK and the runner's wrapping transaction.</summary>
    private sealed class TransactionTracker(bool assumeInTransaction)
    {
        private TransactionMode _mode = assumeInTransaction ? TransactionMode.RunnerWrapped : TransactionMode.Autocommit;
        private int _id = assumeInTransaction ? 1 : 0;
        private int _statements;

        public TransactionState Current => new(_mode, _id, _statements);

        public TransactionState Enter()
        {
            if (_mode == TransactionMode.Autocommit)
            {
                _id++;
                _statements = 0;
            }

            return Current;
        }

        public void Leave(Node root)
        {
            _statements++;
            if (root.TransactionStmt is not { } transaction)
            {
                return;
            }

            switch (transaction.Kind)
            {
                case TransactionStmtKind.TransStmtBegin or TransactionStmtKind.TransStmtStart:
                    if (_mode == TransactionMode.Autocommit)
                    {
                        // BEGIN inside a transaction only warns; the transaction goes on.
                        _mode = TransactionMode.Explicit;
                        _statements = 0;
                    }

                    break;
                case TransactionStmtKind.TransStmtCommit or TransactionStmtKind.TransStmtRollback
                    or TransactionStmtKind.TransStmtPrepare or TransactionStmtKind.TransStmtCommitPrepared
                    or TransactionStmtKind.TransStmtRollbackPrepared:
                    _mode = TransactionMode.Autocommit;
                    break;
            }
        }
    }
}
