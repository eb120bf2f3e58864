using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>A node's position on the path from the statement root: the node and the field that holds the next one.</summary>
/// <param name="Node">The ancestor node.</param>
/// <param name="FieldName">The protobuf field of <paramref name="Node"/> that leads down (e.g. <c>where_clause</c>).</param>
public readonly record struct AstAncestor(IMessage Node, string FieldName);

/// <summary>Helpers over libpg_query's AST in PostgreSQL terms.</summary>
public static class Ast
{
    private static readonly OneofDescriptor NodeOneof = Node.Descriptor.Oneofs[0];
    private static readonly ConcurrentDictionary<MessageDescriptor, MessageShape> Shapes = new();

    /// <summary>The node inside a <see cref="Node"/> wrapper (e.g. the <c>IndexStmt</c>), or null.</summary>
    public static IMessage? Unwrap(this Node? node)
    {
        if (node is null)
        {
            return null;
        }

        var field = NodeOneof.Accessor.GetCaseFieldDescriptor(node);
        return field is null ? null : (IMessage)field.Accessor.GetValue(node);
    }

    /// <summary>The node's <c>location</c> (statement-relative UTF-8 offset), or -1 when it has none.</summary>
    public static int GetLocation(this IMessage node)
    {
        if (node is Node wrapper)
        {
            return wrapper.Unwrap()?.GetLocation() ?? -1;
        }

        var field = ShapeOf(node.Descriptor).Location;
        return field is null ? -1 : (int)field.Accessor.GetValue(node);
    }

    /// <summary>The smallest and largest known <c>location</c> in the node and its descendants (-1 when none).</summary>
    public static (int First, int Last) GetLocationExtent(this IMessage node)
    {
        int first = int.MaxValue, last = -1;
        foreach (var (descendant, _) in DescendantsAndSelf(node))
        {
            var location = descendant.GetLocation();
            if (location >= 0)
            {
                first = Math.Min(first, location);
                last = Math.Max(last, location);
            }
        }

        return last < 0 ? (-1, -1) : (first, last);
    }

    /// <summary>The node and every node below it (wrappers unwrapped), depth first, with their depth.</summary>
    public static IEnumerable<(IMessage Node, int Depth)> DescendantsAndSelf(this IMessage node)
    {
        var stack = new Stack<(IMessage, int)>();
        stack.Push((node is Node n ? n.Unwrap()! : node, 0));
        while (stack.Count > 0)
        {
            var (current, depth) = stack.Pop();
            if (current is null)
            {
                continue;
            }

            yield return (current, depth);
            var children = new List<IMessage>();
            ForEachChild(current, (child, _) => children.Add(child));
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], depth + 1));
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each direct child node (wrappers unwrapped) with the field holding it.</summary>
    public static void ForEachChild(IMessage node, Action<IMessage, FieldDescriptor> visit)
    {
        foreach (var field in ShapeOf(node.Descriptor).MessageFields)
        {
            var value = field.Accessor.GetValue(node);
            if (field.IsRepeated)
            {
                foreach (var item in (System.Collections.IList)value)
                {
                    VisitValue(item as IMessage, field, visit);
                }
            }
            else
            {
                VisitValue(value as IMessage, field, visit);
            }
        }
    }

    private static void VisitValue(IMessage? value, FieldDescriptor field, Action<IMessage, FieldDescriptor> visit)
    {
        if (value is Node wrapper)
        {
            value = wrapper.Unwrap();
        }

        if (value is not null)
        {
            visit(value, field);
        }
    }

    /// <summary>The string of a <c>String</c> node (identifiers in name lists), or null.</summary>
    public static string? AsString(this Node? node) => node?.String?.Sval;

    /// <summary>The dotted name of a name list such as <c>DropStmt.objects</c> items or <c>funcname</c>.</summary>
    public static QualifiedName ToQualifiedName(this IEnumerable<Node> names)
    {
        var parts = names.Select(static n => n.String?.Sval ?? n.Unwrap()?.ToString() ?? "?").ToList();
        return parts.Count switch
        {
            0 => new QualifiedName(null, "?"),
            1 => new QualifiedName(null, parts[0]),
            _ => new QualifiedName(parts[^2], parts[^1]),
        };
    }

    /// <summary>The name a <see cref="RangeVar"/> refers to.</summary>
    public static QualifiedName ToQualifiedName(this RangeVar relation) =>
        new(string.IsNullOrEmpty(relation.Schemaname) ? null : relation.Schemaname, relation.Relname);

    /// <summary>The value of a constant node as text (<c>'2s'</c> → <c>2s</c>, <c>0</c> → <c>0</c>), or null.</summary>
    public static string? ConstantText(this Node? node)
    {
        var constant = node?.AConst;
        if (constant is null || constant.Isnull)
        {
            return null;
        }

        return constant.ValCase switch
        {
            A_Const.ValOneofCase.Sval => constant.Sval.Sval,
            A_Const.ValOneofCase.Ival => constant.Ival.Ival.ToString(CultureInfo.InvariantCulture),
            A_Const.ValOneofCase.Fval => constant.Fval.Fval,
            A_Const.ValOneofCase.Boolval => constant.Boolval.Boolval ? "true" : "false",
            A_Const.ValOneofCase.Bsval => constant.Bsval.Bsval,
            _ => null,
        };
    }

    /// <summary>True for the constant <c>NULL</c>.</summary>
    public static bool IsNullConstant(this Node? node) => node?.AConst is { Isnull: true };

    /// <summary>The operator name of an <see cref="A_Expr"/> (e.g. <c>=</c>), or null.</summary>
    public static string? OperatorName(this A_Expr expression) =>
        expression.Name.Count == 0 ? null : expression.Name[^1].String?.Sval;

    private static MessageShape ShapeOf(MessageDescriptor descriptor) =>
        Shapes.GetOrAdd(descriptor, static d => new MessageShape(
            [.. d.Fields.InFieldNumberOrder().Where(static f => f.FieldType == FieldType.Message)],
            d.FindFieldByName("location") is { FieldType: FieldType.Int32 } location ? location : null));

    private sealed record MessageShape(FieldDescriptor[] MessageFields, FieldDescriptor? Location);
}

/// <summary>A possibly schema-qualified object name, as PostgreSQL folded it.</summary>
/// <param name="Schema">The schema, or null when unqualified.</param>
/// <param name="Name">The object name.</param>
public sealed record QualifiedName(string? Schema, string Name)
{
    /// <summary>The name with its schema, quoted only where PostgreSQL needs it.</summary>
    public override string ToString() => Schema is null ? Quote(Name) : $"{Quote(Schema)}.{Quote(Name)}";

    /// <summary>Quotes an identifier when it is not a plain lower-case name.</summary>
    public static string Quote(string identifier)
    {
        var plain = identifier.Length > 0
            && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_')
            && identifier.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '$');
        return plain ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
