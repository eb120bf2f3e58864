using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>Column definitions and their types, as the schema-design rules see them.</summary>
internal static class ColumnTypes
{
    /// <summary>The column's name: the definition's own, or the one <c>ALTER COLUMN … TYPE</c> names.</summary>
    public static string ColumnName(NodeContext<ColumnDef> context) =>
        context.Node.Colname is { Length: > 0 } name ? name : context.FindAncestor<AlterTableCmd>()?.Name ?? "?";

    /// <summary>True for the column list of a function call in FROM (<c>AS x(a json)</c>): it declares a result, not a stored column.</summary>
    public static bool IsResultColumn(NodeContext<ColumnDef> context) =>
        context.Ancestors.Any(static a => a.Node is RangeFunction or RangeTableFunc);

    /// <summary>True for a column of <c>CREATE TABLE</c> or <c>ADD COLUMN</c>, where the type is chosen for a new column.</summary>
    public static bool IsNewColumn(NodeContext<ColumnDef> context) =>
        context.Parent?.Node is CreateStmt || context.Parent?.Node is AlterTableCmd { Subtype: AlterTableType.AtAddColumn };

    /// <summary>The type's own name when it is a built-in type (<c>timestamp</c>, <c>json</c>, <c>serial</c>), else null.</summary>
    public static string? BuiltInName(TypeName? type) => type?.Names.Count switch
    {
        1 => type.Names[0].AsString(),
        2 when type.Names[0].AsString() == "pg_catalog" => type.Names[1].AsString(),
        _ => null,
    };

    /// <summary>The column's type as <c>format_type</c> prints it.</summary>
    public static string Format(TypeName type) => TypeNames.Format(type);

    /// <summary>The index of the type's first token, or -1.</summary>
    public static int FirstTokenIndex(StatementContext context, TypeName type) =>
        type.Location < 0 ? -1 : context.Statement.FindTokenIndex(context.Statement.ByteStart + type.Location);

    /// <summary>The index of the type's last token: its name, modifiers, <c>WITH/WITHOUT TIME ZONE</c> and array brackets.</summary>
    public static int LastTokenIndex(SqlStatement statement, int first)
    {
        var last = first;
        var tokens = statement.Tokens;
        while (Next(tokens, last) is var next and >= 0 && tokens[next].Kind is Token.Varying or Token.Precision)
        {
            last = next;
        }

        if (Next(tokens, last) is var open and >= 0 && tokens[open].Kind == Token.Ascii40)
        {
            var close = open;
            while (close < tokens.Length && tokens[close].Kind != Token.Ascii41)
            {
                close++;
            }

            last = Math.Min(close, tokens.Length - 1);
        }

        if (Next(tokens, last) is var with and >= 0 && tokens[with].Kind is Token.With or Token.WithLa or Token.Without
            && Next(tokens, with) is var time and >= 0 && tokens[time].Kind == Token.Time
            && Next(tokens, time) is var zone and >= 0 && tokens[zone].Kind == Token.Zone)
        {
            last = zone;
        }

        while (Next(tokens, last) is var bracket and >= 0 && tokens[bracket].Kind == Token.Ascii91
            && Next(tokens, bracket) is var end and >= 0 && tokens[end].Kind == Token.Ascii93)
        {
            last = end;
        }

        return last;
    }

    /// <summary>The span of the whole type, e.g. <c>timestamp(3) without time zone</c>.</summary>
    public static TextSpan TypeSpan(StatementContext context, TypeName type)
    {
        var first = FirstTokenIndex(context, type);
        return first < 0
            ? context.GetSpan(type)
            : TextSpan.FromBounds(context.Statement.GetTokenSpanAt(first).Start, context.Statement.GetTokenSpanAt(LastTokenIndex(context.Statement, first)).End);
    }

    private static int Next(System.Collections.Immutable.ImmutableArray<SqlToken> tokens, int index)
    {
        for (var i = index + 1; i < tokens.Length; i++)
        {
            if (!tokens[i].IsComment)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The profile levels the schema-design rules share.</summary>
internal static class SchemaProfiles
{
    /// <summary>Off in the <c>queries</c> profile, which lints application queries rather than DDL.</summary>
    public static Dictionary<string, string> OffForQueries() => new() { [Profiles.Queries] = "off" };
}
