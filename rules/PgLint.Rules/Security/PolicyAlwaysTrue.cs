using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5016: permissive policies are OR-ed together, so one whose <c>USING</c> or <c>WITH CHECK</c> is
/// always true (<c>true</c>, <c>1 = 1</c>, <c>x OR true</c>) lets its roles change every row whatever the
/// other policies say: row-level security is on, and does nothing for those commands.
/// </summary>
/// <remarks>
/// Not reported: <c>FOR SELECT</c> policies (a table readable by all is a common, deliberate choice),
/// restrictive policies (a true restriction restricts nothing, but opens nothing either), and
/// expressions that are only sometimes true. A policy limited to a role with <c>TO</c> is still
/// reported: the message names the roles, and a suppression with the reason documents the intent.
/// </remarks>
public sealed class PolicyAlwaysTrue : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5016",
        "policy-always-true",
        "Give write policies a condition",
        "The {0} of policy {1} on {2} is always true, so {3} may {4} every row and the other policies of the table change nothing for them; compare the row with the current user or tenant instead.",
        RuleCategory.Security,
        Severity.Warning,
        description: "A permissive policy that is always true for writes makes row-level security useless for them.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CreatePolicyStmt>(static c =>
        {
            var policy = c.Node;
            if (policy.Permissive && policy.CmdName != "select")
            {
                Check(c, policy.PolicyName, policy.Table, policy.CmdName, policy.Roles, policy.Qual, policy.WithCheck);
            }
        });
        context.RegisterNodeAction<AlterPolicyStmt>(static c =>
        {
            var policy = c.Node;
            if (c.Catalog.FindTable(policy.Table.ToQualifiedName()) is { } table
                && c.Catalog.PoliciesOn(table).FirstOrDefault(p => p.Name == policy.PolicyName) is { IsPermissive: true, Command: not "select" } known)
            {
                Check(c, policy.PolicyName, policy.Table, known.Command, policy.Roles, policy.Qual, policy.WithCheck);
            }
        });
    }

    private static void Check(StatementContext context, string name, RangeVar table, string command, IList<Node> roles, Node? qual, Node? withCheck)
    {
        var clause = IsAlwaysTrue(withCheck) ? ("WITH CHECK", withCheck!) : IsAlwaysTrue(qual) ? ("USING", qual!) : default;
        if (clause == default)
        {
            return;
        }

        var who = roles.All(static r => r.RoleSpec is null or { Roletype: RoleSpecType.RolespecPublic }) ? "every role" : string.Join(", ", roles.Select(static r => r.RoleSpec).OfType<RoleSpec>().Select(Grants.RoleName));
        var verb = command switch
        {
            "insert" => "insert",
            "update" => "update",
            "delete" => "delete",
            _ => clause.Item1 == "USING" ? "read, update and delete" : "insert and update",
        };
        context.Report(Rule, context.GetSpan(clause.Item2), clause.Item1, QualifiedName.Quote(name), table.ToQualifiedName().ToString(), who, verb);
    }

    /// <summary>True for an expression that holds for every row: <c>true</c>, <c>'t'::boolean</c>, <c>1 = 1</c>, <c>a OR true</c>.</summary>
    private static bool IsAlwaysTrue(Node? node)
    {
        switch (node?.NodeCase)
        {
            case Node.NodeOneofCase.AConst:
                return node.AConst.Boolval is { Boolval: true };
            case Node.NodeOneofCase.TypeCast:
                return node.TypeCast.TypeName.Names.LastOrDefault().AsString() is "bool" or "boolean"
                    && node.TypeCast.Arg.ConstantText() is { } text
                    && text.ToLowerInvariant() is "t" or "true" or "y" or "yes" or "on" or "1";
            case Node.NodeOneofCase.BoolExpr:
                var arms = node.BoolExpr.Args;
                return node.BoolExpr.Boolop switch
                {
                    BoolExprType.OrExpr => arms.Any(IsAlwaysTrue),
                    BoolExprType.AndExpr => arms.All(IsAlwaysTrue),
                    _ => false,
                };
            case Node.NodeOneofCase.AExpr:
                var expression = node.AExpr;
                return expression.Kind == A_Expr_Kind.AexprOp
                    && expression.OperatorName() is "=" or ">=" or "<="
                    && expression.Lexpr.ConstantText() is { } left
                    && left == expression.Rexpr.ConstantText();
            default:
                return false;
        }
    }
}
