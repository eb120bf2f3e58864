using System.Collections.Frozen;
using System.Collections.Immutable;
using Google.Protobuf;
using PgLint.Analysis;
using PgLint.Rules.PlPgSql;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5009: <c>EXECUTE</c> runs whatever string it is given. Built by <c>||</c> or <c>format('%s')</c>
/// from a parameter, or from a variable that holds one (or a value read from a table), the string is
/// whatever the caller chose: a name such as <c>x; DROP TABLE users</c> becomes a second statement,
/// a quote ends a literal early. <c>quote_ident</c>, <c>quote_literal</c>, <c>quote_nullable</c>,
/// <c>format('%I')</c>/<c>format('%L')</c> quote the value; <c>EXECUTE … USING</c> passes it as data.
/// </summary>
/// <remarks>
/// Values follow assignments and defaults through variables (to a fixed point). Not reported: constant
/// strings, values of types that cannot carry SQL text (numbers, booleans, dates, uuid, <c>regclass</c>
/// and the other reg* types, whose text form is quoted), and values passed with <c>USING</c>.
/// </remarks>
public sealed class DynamicSqlInjection : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5009",
        "dynamic-sql-injection",
        "Quote values that go into dynamic SQL",
        "EXECUTE builds SQL from {0} without quote_ident, quote_literal or format's %I/%L, so a crafted value can change the statement it runs.",
        RuleCategory.Security,
        Severity.Error,
        description: "EXECUTE of a string built from parameters or variables that are not quoted.");

    private static readonly FrozenSet<string> Sanitizers = new[] { "quote_ident", "quote_literal", "quote_nullable" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SafeTypes = new[]
    {
        "int", "integer", "int2", "int4", "int8", "smallint", "bigint", "numeric", "decimal", "real", "float4", "float8", "double precision",
        "bool", "boolean", "uuid", "date", "timestamp", "timestamptz", "timestamp with time zone", "timestamp without time zone",
        "time", "timetz", "interval", "oid", "regclass", "regproc", "regprocedure", "regtype", "regnamespace", "regrole", "regoper",
        "regoperator", "regconfig", "inet", "cidr", "money", "serial", "bigserial",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Plpgsql: { } function })
        {
            return;
        }

        var dynamic = function.Statements
            .Select(static s => s.Kind switch
            {
                PlpgsqlStatementKind.DynamicExecute or PlpgsqlStatementKind.ForDynamicQuery => s.GetExpression("query"),
                PlpgsqlStatementKind.ReturnQuery or PlpgsqlStatementKind.Open => s.GetExpression("dynquery"),
                _ => null,
            })
            .Where(static e => e is { Value: not null, Sql: not null })
            .ToList();
        if (dynamic.Count == 0)
        {
            return;
        }

        var flow = new Flow(function, context.Root.CreateFunctionStmt);
        foreach (var expression in dynamic)
        {
            if (flow.Culprit(expression!.Value!) is { } culprit)
            {
                context.Report(Rule, NameSpan(expression.Sql!, culprit.Location, culprit.Name.Count(static c => c == '.')), culprit.Name);
            }
        }
    }

    /// <summary>The span of a possibly dotted name (<c>r.tablename</c>): its first token and the dots and names after it.</summary>
    private static TextSpan NameSpan(SqlStatement statement, int location, int dots)
    {
        var first = statement.FindTokenIndex(statement.GetFileByteOffset(location));
        if (first < 0)
        {
            return statement.GetTokenSpan(location);
        }

        var last = Math.Min(first + (2 * dots), statement.Tokens.Length - 1);
        return statement.Source.GetSpanFromBytes(statement.Tokens[first].ByteStart, statement.Tokens[last].ByteEnd);
    }

    private static bool IsSafeType(string? type) =>
        type is not null && SafeTypes.Contains(type.Trim().ToLowerInvariant().Replace("pg_catalog.", string.Empty, StringComparison.Ordinal));

    private static string? TypeName(TypeName? type) =>
        type is null || type.ArrayBounds.Count > 0 ? null : type.Names.LastOrDefault()?.String?.Sval;

    /// <summary>Which variables may hold text a caller chose, found by following assignments to a fixed point.</summary>
    private sealed class Flow
    {
        private readonly Dictionary<string, List<PlpgsqlVariable>> _byName = new(StringComparer.Ordinal);
        private readonly HashSet<int> _tainted = [];
        private readonly List<bool> _parameterTainted = [];

        public Flow(PlpgsqlFunction function, CreateFunctionStmt? create)
        {
            foreach (var variable in function.Variables)
            {
                if (!_byName.TryGetValue(variable.Name, out var list))
                {
                    _byName[variable.Name] = list = [];
                }

                list.Add(variable);
            }

            var inputs = create?.Parameters.Select(static p => p.FunctionParameter)
                .Where(static p => p is { Mode: FunctionParameterMode.FuncParamIn or FunctionParameterMode.FuncParamInout or FunctionParameterMode.FuncParamVariadic or FunctionParameterMode.FuncParamDefault })
                .ToList() ?? [];
            foreach (var parameter in inputs)
            {
                var tainted = !IsSafeType(TypeName(parameter!.ArgType));
                _parameterTainted.Add(tainted);
                if (tainted && !string.IsNullOrEmpty(parameter.Name) && _byName.TryGetValue(parameter.Name, out var variables))
                {
                    _tainted.UnionWith(variables.Where(static v => v.IsParameter).Select(static v => v.Number));
                }
            }

            var sources = new List<(int Variable, Node? Value)>();
            foreach (var variable in function.Variables)
            {
                if (variable.Default?.Value is { } value)
                {
                    sources.Add((variable.Number, value));
                }
            }

            foreach (var statement in function.Statements)
            {
                switch (statement.Kind)
                {
                    case PlpgsqlStatementKind.Assign when statement.GetInt("varno") is { } target:
                        sources.Add((target, statement.Expressions.FirstOrDefault()?.Value));
                        break;
                    case PlpgsqlStatementKind.ForQuery or PlpgsqlStatementKind.ForCursor or PlpgsqlStatementKind.ForDynamicQuery or PlpgsqlStatementKind.ForEachArray
                        or PlpgsqlStatementKind.ExecSql or PlpgsqlStatementKind.DynamicExecute or PlpgsqlStatementKind.Fetch:
                        // Values read from tables: whatever was stored there.
                        foreach (var target in Targets(statement))
                        {
                            sources.Add((target, null));
                        }

                        break;
                }
            }

            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (target, value) in sources)
                {
                    if (_tainted.Contains(target) || function.GetVariable(target) is not { } variable || IsSafeType(variable.TypeName))
                    {
                        continue;
                    }

                    if (value is null || Culprit(value) is not null)
                    {
                        _tainted.Add(target);
                        changed = true;
                    }
                }
            }
        }

        /// <summary>The first unquoted value in an expression that may hold caller-chosen text, or null.</summary>
        public (string Name, int Location)? Culprit(IMessage? message)
        {
            var node = message is Node wrapper ? wrapper.Unwrap() : message;
            switch (node)
            {
                case A_Const or SubLink or null:
                    return null;
                case ColumnRef column:
                    var name = column.Fields.FirstOrDefault()?.String?.Sval;
                    return name is not null && _byName.TryGetValue(name, out var variables) && variables.Exists(v => _tainted.Contains(v.Number))
                        ? (string.Join('.', column.Fields.Select(static f => f.String?.Sval ?? "*")), column.Location)
                        : null;
                case ParamRef parameter:
                    return parameter.Number >= 1 && parameter.Number <= _parameterTainted.Count && _parameterTainted[parameter.Number - 1]
                        ? ($"${parameter.Number}", parameter.Location)
                        : null;
                case TypeCast cast:
                    return IsSafeType(TypeName(cast.TypeName)) ? null : Culprit(cast.Arg);
                case FuncCall call:
                    var function = call.Funcname.LastOrDefault()?.String?.Sval ?? string.Empty;
                    if (Sanitizers.Contains(function))
                    {
                        return null;
                    }

                    return function == "format" && !call.FuncVariadic && call.Args.Count > 0 && call.Args[0].AConst?.Sval?.Sval is { } format
                        ? FormatCulprit(format, call.Args)
                        : FirstChild(call);
                default:
                    return FirstChild(node);
            }
        }

        private (string Name, int Location)? FirstChild(IMessage node)
        {
            (string, int)? found = null;
            Ast.ForEachChild(node, (child, _) => found ??= Culprit(child));
            return found;
        }

        /// <summary>Arguments that go in through <c>%s</c> are not quoted; <c>%I</c> and <c>%L</c> quote theirs.</summary>
        private (string Name, int Location)? FormatCulprit(string format, IList<Node> args)
        {
            var next = 1;
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%')
                {
                    continue;
                }

                var j = i + 1;
                if (j < format.Length && format[j] == '%')
                {
                    i = j;
                    continue;
                }

                var digits = j;
                while (j < format.Length && char.IsAsciiDigit(format[j]))
                {
                    j++;
                }

                var position = next;
                if (j < format.Length && format[j] == '$' && j > digits)
                {
                    position = int.Parse(format.AsSpan(digits, j - digits), System.Globalization.CultureInfo.InvariantCulture);
                    j++;
                }

                while (j < format.Length && (format[j] is '-' or '*' || char.IsAsciiDigit(format[j])))
                {
                    j++;
                }

                if (j >= format.Length)
                {
                    break;
                }

                next = position + 1;
                if (format[j] == 's' && position < args.Count && Culprit(args[position]) is { } culprit)
                {
                    return culprit;
                }

                i = j;
            }

            return null;
        }

        private static IEnumerable<int> Targets(PlpgsqlStatement statement)
        {
            foreach (var name in new[] { "target", "var", "row", "rec" })
            {
                if (!statement.Json.TryGetProperty(name, out var wrapper) || wrapper.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    continue;
                }

                var value = wrapper.EnumerateObject().FirstOrDefault().Value;
                if (value.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    continue;
                }

                if (value.TryGetProperty("dno", out var dno))
                {
                    yield return dno.GetInt32();
                }

                if (value.TryGetProperty("fields", out var fields))
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        if (field.TryGetProperty("varno", out var varno))
                        {
                            yield return varno.GetInt32();
                        }
                    }
                }
            }

            if (statement.GetInt("varno") is { } number)
            {
                yield return number;
            }
        }
    }
}
