using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace Acme.PgLint.Rules;

/// <summary>
/// ACME003: nothing is created in the <c>billing</c> schema. It belongs to the billing service,
/// which is migrated by its own pipeline with its own reviewers; an object created there from this
/// repository bypasses both and collides with their next migration.
/// </summary>
/// <remarks>
/// Covers tables, views, materialized views, sequences, types and functions.
/// Unqualified names are not reported (their schema depends on <c>search_path</c>).
/// </remarks>
public sealed class ForbiddenSchema : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "ACME003",
        "forbidden-schema",
        "Do not create objects in schemas owned by other teams",
        "{0} is created in schema {1}, which this repository does not own.",
        AcmeRules.Category,
        Severity.Error,
        description: "Schemas owned by another service (billing) are migrated only by that service.",
        helpUri: AcmeRules.HelpUri("ACME003"),
        options: [new RuleOption("schemas", RuleOptionKind.StringList, new[] { "billing" }, "The schemas nothing may be created in.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CreateStmt>(static c => Check(c, c.Node.Relation, "Table"));
        context.RegisterNodeAction<ViewStmt>(static c => Check(c, c.Node.View, "View"));
        context.RegisterNodeAction<CreateTableAsStmt>(static c => Check(c, c.Node.Into?.Rel, "Table"));
        context.RegisterNodeAction<CreateSeqStmt>(static c => Check(c, c.Node.Sequence, "Sequence"));
        context.RegisterNodeAction<CompositeTypeStmt>(static c => Check(c, c.Node.Typevar, "Type"));
        context.RegisterNodeAction<CreateEnumStmt>(static c => Check(c, c.Node.TypeName, "Type"));
        context.RegisterNodeAction<CreateFunctionStmt>(static c => Check(c, c.Node.Funcname, c.Node.IsProcedure ? "Procedure" : "Function"));
    }

    private static void Check<TNode>(NodeContext<TNode> context, RangeVar? relation, string kind)
        where TNode : class, Google.Protobuf.IMessage
    {
        if (relation is not null && AcmeRules.IsOneOf(AcmeRules.Schema(relation), Forbidden(context)))
        {
            context.Report(Rule, context.Statement.GetQualifiedNameSpan(relation.Location), $"{kind} {relation.ToQualifiedName()}", relation.Schemaname);
        }
    }

    private static void Check<TNode>(NodeContext<TNode> context, IReadOnlyList<Node> qualifiedName, string kind)
        where TNode : class, Google.Protobuf.IMessage
    {
        var schema = qualifiedName.Count > 1 ? qualifiedName[^2].AsString() : null;
        if (AcmeRules.IsOneOf(schema, Forbidden(context)))
        {
            context.ReportOnStatement(Rule, $"{kind} {qualifiedName.ToQualifiedName()}", schema);
        }
    }

    private static ImmutableArray<string> Forbidden(RuleContext context) => context.Options.GetStringList(Rule, "schemas");
}
