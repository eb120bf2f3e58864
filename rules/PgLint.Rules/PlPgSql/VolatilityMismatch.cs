using System.Collections.Frozen;
using System.Collections.Immutable;
using Google.Protobuf;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8007: the volatility a function declares is a promise the planner relies on. A <c>VOLATILE</c>
/// function (the default) is called again for every row and never used in an index scan condition,
/// although one that only reads could be <c>STABLE</c>. An <c>IMMUTABLE</c> function that reads tables
/// breaks the promise the other way: PostgreSQL may evaluate it once at plan time, or store its result
/// in an expression index, and keep using the value after the tables change.
/// </summary>
/// <remarks>
/// "Only reads" means: every statement is a <c>SELECT</c> (no data-modifying CTE, no <c>FOR UPDATE</c>),
/// at least one reads a table, nothing is dynamic, and every function called is a built-in known not
/// to be volatile. Anything else (a call to a function of the project, <c>EXECUTE</c>, <c>CALL</c>) is
/// unknown and not reported. Not reported either: procedures and trigger functions.
/// </remarks>
public sealed class VolatilityMismatch : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8007",
        "volatility-mismatch",
        "Declare the volatility a function's body has",
        "Function {0} {1}.",
        RuleCategory.PlPgSql,
        Severity.Info,
        description: "A VOLATILE function that only reads (could be STABLE), or an IMMUTABLE one that reads tables.");

    private static readonly FrozenSet<string> NonVolatileFunctions = new[]
    {
        "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "bool_and", "bool_or", "every", "jsonb_agg", "json_agg",
        "jsonb_object_agg", "json_object_agg", "lower", "upper", "length", "char_length", "octet_length", "trim", "btrim", "ltrim",
        "rtrim", "substring", "substr", "replace", "concat", "concat_ws", "format", "now", "current_setting", "to_char", "to_date",
        "to_timestamp", "to_number", "date_trunc", "date_part", "extract", "age", "abs", "round", "trunc", "floor", "ceil", "ceiling",
        "mod", "power", "sqrt", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb",
        "to_json", "row_to_json", "array_to_json", "jsonb_set", "jsonb_extract_path", "jsonb_extract_path_text",
        "json_extract_path_text", "jsonb_array_elements", "jsonb_array_elements_text", "json_array_elements", "jsonb_each",
        "jsonb_each_text", "jsonb_typeof", "array_length", "cardinality", "array_position", "array_append", "array_prepend",
        "array_cat", "array_remove", "array_to_string", "string_to_array", "unnest", "generate_series", "regexp_replace",
        "regexp_match", "regexp_matches", "split_part", "position", "strpos", "left", "right", "lpad", "rpad", "md5", "encode",
        "decode", "starts_with", "quote_ident", "quote_literal", "quote_nullable", "has_table_privilege", "has_schema_privilege",
        "pg_has_role", "current_schema", "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value",
        "date", "make_date", "make_interval", "justify_interval", "initcap", "reverse", "repeat", "translate", "chr", "ascii",
        "nullif", "exists", "array_upper", "array_lower", "jsonb_strip_nulls", "jsonb_pretty", "uuid_in", "int4", "int8", "text",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.CreateFunctionStmt is not { IsProcedure: false } function
            || Routines.ReturnTypeName(function) is "trigger" or "event_trigger"
            || Body(context.Statement, function) is not { } statements)
        {
            return;
        }

        var volatility = Routines.Volatility(function);
        var (readsTables, onlyReads) = Examine(statements);
        string? problem = volatility switch
        {
            "volatile" when readsTables && onlyReads => "only reads the database but is VOLATILE; declared STABLE, the planner can call it once per scan and use it in index conditions",
            "immutable" when readsTables => "is IMMUTABLE but reads tables; PostgreSQL may compute it once and keep the result (in plans, in expression indexes) after the tables change",
            _ => null,
        };
        if (problem is null)
        {
            return;
        }

        var option = Routines.Option(function, "volatility");
        var span = option is null ? Routines.NameSpan(context.Statement) : context.GetSpan(option.Location);
        context.Report(Rule, span, Routines.Name(function), problem);
    }

    /// <summary>The body's statement trees; null when some part of the body is unknown (unparsed, dynamic, CALL).</summary>
    private static List<IMessage>? Body(SqlStatement statement, CreateFunctionStmt function)
    {
        if (function.SqlBody is { } atomic)
        {
            return [atomic];
        }

        if (statement.Body is not { } body || body.Error is not null)
        {
            return null;
        }

        if (body.Plpgsql is { } plpgsql)
        {
            if (plpgsql.Expressions.Any(static e => e.Value is null && !e.IsGenerated)
                || plpgsql.Statements.Any(static s => s.Kind is PlpgsqlStatementKind.DynamicExecute or PlpgsqlStatementKind.ForDynamicQuery
                    or PlpgsqlStatementKind.Call or PlpgsqlStatementKind.Commit or PlpgsqlStatementKind.Rollback or PlpgsqlStatementKind.Other)
                || plpgsql.Statements.Any(static s => s.Kind == PlpgsqlStatementKind.ReturnQuery && s.GetExpression("dynquery") is not null))
            {
                return null;
            }

            return [.. plpgsql.Expressions.Where(static e => e.Value is not null).Select(static e => (IMessage)e.Value!)];
        }

        return body.Statements.Any(static s => s.Root is null) ? null : [.. body.Statements.Select(static s => (IMessage)s.Root!)];
    }

    private static (bool ReadsTables, bool OnlyReads) Examine(List<IMessage> trees)
    {
        bool reads = false, onlyReads = true;
        foreach (var tree in trees)
        {
            foreach (var (node, _) in tree.DescendantsAndSelf())
            {
                switch (node)
                {
                    case RangeVar:
                        reads = true;
                        break;
                    case InsertStmt or UpdateStmt or DeleteStmt or MergeStmt or LockingClause:
                        onlyReads = false;
                        break;
                    case FuncCall call when !NonVolatileFunctions.Contains(call.Funcname.LastOrDefault()?.String?.Sval ?? string.Empty):
                        onlyReads = false;
                        break;
                    case not SelectStmt when node.Descriptor.Name.EndsWith("Stmt", StringComparison.Ordinal):
                        onlyReads = false;
                        break;
                }
            }
        }

        return (reads, onlyReads);
    }
}
