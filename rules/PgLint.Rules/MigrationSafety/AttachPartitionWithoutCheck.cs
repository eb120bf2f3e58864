using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1031: <c>ALTER TABLE … ATTACH PARTITION</c> reads every row of the table being attached, under
/// <c>ACCESS EXCLUSIVE</c>, to prove each row fits the partition bound — unless its validated constraints
/// already imply the bound. PostgreSQL documents the way to skip the scan: add a <c>CHECK</c> constraint
/// matching the bound (<c>NOT VALID</c>, then <c>VALIDATE CONSTRAINT</c>) before attaching.
/// </summary>
/// <remarks>
/// Matching is syntactic, on the partition's validated CHECK constraints (from the catalog, or added and validated
/// earlier in the migration set) and the parent's partition key (one column; when the catalog does not know the
/// parent's key, any column the CHECK bounds is taken as the key):
/// <list type="bullet">
/// <item>range bound <c>FROM (a) TO (b)</c>: conjuncts <c>key &gt;= a</c> and <c>key &lt; b</c> (a side that is
/// <c>MINVALUE</c>/<c>MAXVALUE</c> needs none);</item>
/// <item>list bound <c>IN (v1, …)</c>: a conjunct <c>key IN (v1, …)</c> with the same values, or <c>key = v1</c>
/// for one value;</item>
/// <item>and the key column NOT NULL, or a conjunct <c>key IS NOT NULL</c>: PostgreSQL's partition constraint
/// excludes NULL, and a CHECK alone does not.</item>
/// </list>
/// Constants compare by their text, casts ignored (<c>DATE '2024-01-01'</c> matches <c>'2024-01-01'</c>).
/// Anything else — hash and default partitions, multi-column or expression keys, equivalent but differently
/// written bounds such as <c>key &lt;= '2024-12-31'</c> — is reported. Not reported: partitions created earlier
/// in the same file (they are empty).
/// </remarks>
public sealed class AttachPartitionWithoutCheck : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1031",
        "attach-partition-without-check",
        "Add a validated CHECK matching the bound before attaching a partition",
        "Attaching {0} to {1} scans every row of {0} under an ACCESS EXCLUSIVE lock (and SHARE UPDATE EXCLUSIVE on {1}) to check the partition bound: no validated CHECK constraint on {0} is known to match it.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ATTACH PARTITION checks every row of the new partition under ACCESS EXCLUSIVE unless a validated CHECK constraint (and NOT NULL on the key) already implies the partition bound.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var earlier = EarlierStatements.Track(start);
            start.RegisterNodeAction<AlterTableCmd>(context => Analyze(context, earlier));
        });

    private static void Analyze(NodeContext<AlterTableCmd> context, EarlierStatements earlier)
    {
        if (context.Node is not { Subtype: AlterTableType.AtAttachPartition, Def.PartitionCmd: { Name: { } name } command }
            || context.FindAncestor<AlterTableStmt>() is not { Objtype: ObjectType.ObjectTable, Relation: { } parentName })
        {
            return;
        }

        var partition = context.Catalog.FindTable(name.ToQualifiedName());
        if (context.Migration.IsNew(partition) || (command.Bound is { } bound && IsImplied(bound, context.Catalog.FindTable(parentName.ToQualifiedName()), partition, partition is null ? earlier.For(name) : EarlierStatements.TableNotes.Empty)))
        {
            return;
        }

        context.ReportOnStatement(Rule, name.ToQualifiedName().ToString(), parentName.ToQualifiedName().ToString());
    }

    private static bool IsImplied(PartitionBoundSpec bound, Table? parent, Table? partition, EarlierStatements.TableNotes notes)
    {
        // The parent's key when the catalog knows it; otherwise (an unknown parent, or a catalog loaded without
        // partition keys) the column the CHECK bounds.
        var keyKnown = parent is { PartitionKey.IsEmpty: false };
        if (bound.IsDefault || (keyKnown && parent!.PartitionKey is not [not null]))
        {
            return false;
        }

        var conjuncts = (partition?.Constraints ?? [])
            .Where(static c => c is { Type: ConstraintType.Check, IsValidated: true, Expression: not null })
            .Select(static c => ParseExpression(c.Expression!))
            .Concat(notes.ValidatedChecks)
            .SelectMany(Conjuncts)
            .ToList();
        var keys = keyKnown ? [parent!.PartitionKey[0]!] : conjuncts.Select(static c => KeyOf(c)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return keys.Any(key => IsImplied(bound, key, conjuncts, partition?.FindColumn(key) is { NotNull: true } || notes.NotNullColumns.Contains(key)));
    }

    private static bool IsImplied(PartitionBoundSpec bound, string key, List<Node> conjuncts, bool keyNotNull)
    {
        var notNull = keyNotNull
            || conjuncts.Any(c => c.NullTest is { Nulltesttype: NullTestType.IsNotNull, Arg: { } tested } && IsKey(tested, key));
        if (!notNull)
        {
            return false;
        }

        switch (bound.Strategy)
        {
            case "r" when bound.Lowerdatums.Count == 1 && bound.Upperdatums.Count == 1:
                return Holds(conjuncts, key, ">=", bound.Lowerdatums[0]) && Holds(conjuncts, key, "<", bound.Upperdatums[0]);
            case "l" when bound.Listdatums.Count > 0:
                var values = bound.Listdatums.Select(Constant).ToHashSet(StringComparer.Ordinal);
                return !values.Contains(null) && conjuncts.Any(c => c.AExpr is { } test && IsKey(test.Lexpr, key) && test switch
                {
                    { Kind: A_Expr_Kind.AexprIn, Rexpr.List: { } list } when test.OperatorName() == "=" =>
                        list.Items.Select(Constant).ToHashSet(StringComparer.Ordinal).SetEquals(values),
                    { Kind: A_Expr_Kind.AexprOp } when test.OperatorName() == "=" && values.Count == 1 => values.Contains(Constant(test.Rexpr)),
                    _ => false,
                });
            default:
                return false;
        }
    }

    /// <summary>The column a conjunct compares or tests, when it is a plain column on the left.</summary>
    private static string? KeyOf(Node conjunct) =>
        (conjunct.AExpr?.Lexpr ?? conjunct.NullTest?.Arg)?.ColumnRef is { Fields.Count: 1 } reference ? reference.Fields[0].AsString() : null;

    /// <summary>True when the bound side is open (<c>MINVALUE</c>/<c>MAXVALUE</c>), or a conjunct <c>key op value</c> states it.</summary>
    private static bool Holds(List<Node> conjuncts, string key, string op, Node datum)
    {
        if (datum.ColumnRef?.Fields.LastOrDefault().AsString() is "minvalue" or "maxvalue" || datum.PartitionRangeDatum is { Kind: not PartitionRangeDatumKind.PartitionRangeDatumValue })
        {
            return true;
        }

        var value = Constant(datum.PartitionRangeDatum?.Value ?? datum);
        return value is not null && conjuncts.Any(c => c.AExpr is { Kind: A_Expr_Kind.AexprOp } test
            && test.OperatorName() == op && IsKey(test.Lexpr, key) && Constant(test.Rexpr) == value);
    }

    private static bool IsKey(Node? node, string key) =>
        node?.ColumnRef is { Fields.Count: 1 } reference && reference.Fields[0].AsString() == key;

    /// <summary>The text of a constant, under any casts; null for anything else.</summary>
    private static string? Constant(Node? node) =>
        node?.TypeCast is { Arg: { } argument } ? Constant(argument) : node.ConstantText();

    private static IEnumerable<Node> Conjuncts(Node? expression) =>
        expression is null ? []
        : expression.BoolExpr is { Boolop: BoolExprType.AndExpr } conjunction ? conjunction.Args.SelectMany(Conjuncts)
        : [expression];

    private static Node? ParseExpression(string text) =>
        SqlParser.Parse(SourceText.From($"SELECT ({text})")).Statements.FirstOrDefault()?.Root?.SelectStmt?.TargetList.FirstOrDefault()?.ResTarget?.Val;
}
