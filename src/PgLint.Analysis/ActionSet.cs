using Google.Protobuf;

namespace PgLint.Analysis;

/// <summary>An analyzer with its enabled state for a run.</summary>
internal sealed class AnalyzerEntry(Analyzer analyzer)
{
    public Analyzer Analyzer { get; } = analyzer;

    public string Name { get; } = analyzer.GetType().Name;

    public string RuleIds { get; } = string.Join(", ", analyzer.SupportedDiagnostics.Select(static d => d.Id));

    /// <summary>Every rule is about the deploy itself (locks, rewrites): such an analyzer skips function bodies.</summary>
    public bool DeployTimeOnly { get; } = analyzer.SupportedDiagnostics.Length > 0
        && analyzer.SupportedDiagnostics.All(static d => d.Category == RuleCategory.MigrationSafety);
}

internal readonly record struct Registered<T>(AnalyzerEntry Analyzer, T Action);

/// <summary>Actions registered at one scope (the engine, a migration set, a file).</summary>
internal sealed class ActionSet
{
    public List<Registered<Action<StatementContext>>> Statement { get; } = [];

    public Dictionary<Type, List<Registered<Action<StatementContext, IMessage, IReadOnlyList<AstAncestor>>>>> Node { get; } = [];

    public List<Registered<Action<DocumentContext>>> DocumentEnd { get; } = [];

    public List<Registered<Action<DocumentStartContext>>> DocumentStart { get; } = [];

    public List<Registered<Action<MigrationSetContext>>> SetEnd { get; } = [];

    public List<Registered<Action<MigrationSetStartContext>>> SetStart { get; } = [];

    public bool IsEmpty => Statement.Count == 0 && Node.Count == 0 && DocumentEnd.Count == 0 && DocumentStart.Count == 0 && SetEnd.Count == 0;

    public void AddNode<TNode>(AnalyzerEntry analyzer, Action<NodeContext<TNode>> action)
        where TNode : class, IMessage
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!Node.TryGetValue(typeof(TNode), out var list))
        {
            Node[typeof(TNode)] = list = [];
        }

        list.Add(new(analyzer, (statement, node, ancestors) =>
        {
            var report = statement.ReportSink;
            action(new NodeContext<TNode>(statement, (TNode)node, ancestors, report));
        }));
    }

    public void AddStatement(AnalyzerEntry analyzer, Action<StatementContext> action) => Statement.Add(new(analyzer, action ?? throw new ArgumentNullException(nameof(action))));

    public void AddDocumentEnd(AnalyzerEntry analyzer, Action<DocumentContext> action) => DocumentEnd.Add(new(analyzer, action ?? throw new ArgumentNullException(nameof(action))));

    public void AddDocumentStart(AnalyzerEntry analyzer, Action<DocumentStartContext> action) => DocumentStart.Add(new(analyzer, action ?? throw new ArgumentNullException(nameof(action))));

    public void AddSetEnd(AnalyzerEntry analyzer, Action<MigrationSetContext> action) => SetEnd.Add(new(analyzer, action ?? throw new ArgumentNullException(nameof(action))));

    public void AddSetStart(AnalyzerEntry analyzer, Action<MigrationSetStartContext> action) => SetStart.Add(new(analyzer, action ?? throw new ArgumentNullException(nameof(action))));

    /// <summary>A new set holding this one's statement, node, end and start actions, to extend at a narrower scope.</summary>
    public ActionSet CopyRunActions()
    {
        var copy = new ActionSet();
        copy.Statement.AddRange(Statement);
        foreach (var (type, list) in Node)
        {
            copy.Node[type] = [.. list];
        }

        copy.DocumentEnd.AddRange(DocumentEnd);
        copy.DocumentStart.AddRange(DocumentStart);
        copy.SetEnd.AddRange(SetEnd);
        return copy;
    }
}

/// <summary>The context handed to <see cref="Analyzer.Initialize"/>.</summary>
internal sealed class EngineAnalysisContext(ActionSet actions, AnalyzerEntry analyzer) : AnalysisContext
{
    public override void RegisterNodeAction<TNode>(Action<NodeContext<TNode>> action) => actions.AddNode(analyzer, action);

    public override void RegisterStatementAction(Action<StatementContext> action) => actions.AddStatement(analyzer, action);

    public override void RegisterDocumentEndAction(Action<DocumentContext> action) => actions.AddDocumentEnd(analyzer, action);

    public override void RegisterDocumentStartAction(Action<DocumentStartContext> action) => actions.AddDocumentStart(analyzer, action);

    public override void RegisterMigrationSetEndAction(Action<MigrationSetContext> action) => actions.AddSetEnd(analyzer, action);

    public override void RegisterMigrationSetStartAction(Action<MigrationSetStartContext> action) => actions.AddSetStart(analyzer, action);
}
