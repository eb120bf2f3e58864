using System.Collections.Immutable;
using System.Globalization;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>How serious a finding is. Configuration may also turn a rule <c>off</c>.</summary>
public enum Severity
{
    /// <summary>Worth knowing; never fails a run unless <c>--fail-on info</c>.</summary>
    Info = 1,

    /// <summary>Likely a problem.</summary>
    Warning = 2,

    /// <summary>Almost certainly a problem.</summary>
    Error = 3,
}

/// <summary>The rule categories of the catalog (<c>RULES.md</c>), with their configuration keys.</summary>
public static class RuleCategory
{
    /// <summary>PG0xxx: the tool itself.</summary>
    public const string Tool = "tool";

    /// <summary>PG1xxx: locks, rewrites, deploy compatibility.</summary>
    public const string MigrationSafety = "migration-safety";

    /// <summary>PG2xxx: query performance.</summary>
    public const string Performance = "performance";

    /// <summary>PG3xxx: schema design.</summary>
    public const string SchemaDesign = "schema-design";

    /// <summary>PG4xxx: indexes.</summary>
    public const string Indexes = "indexes";

    /// <summary>PG5xxx: security.</summary>
    public const string Security = "security";

    /// <summary>PG6xxx: correctness.</summary>
    public const string Correctness = "correctness";

    /// <summary>PG7xxx: conventions.</summary>
    public const string Conventions = "conventions";

    /// <summary>PG8xxx: PL/pgSQL.</summary>
    public const string PlPgSql = "plpgsql";

    /// <summary>PG9xxx: EXPLAIN plans.</summary>
    public const string Plans = "plans";

    /// <summary>PG99xx: live database health.</summary>
    public const string Health = "health";

    /// <summary>Every built-in category.</summary>
    public static ImmutableArray<string> All { get; } =
        [Tool, MigrationSafety, Performance, SchemaDesign, Indexes, Security, Correctness, Conventions, PlPgSql, Plans, Health];
}

/// <summary>A configurable option of a rule (<c>ruleOptions</c> in <c>pglint.json</c>).</summary>
/// <param name="Name">The key, e.g. <c>threshold</c>.</param>
/// <param name="Kind">The JSON value kind accepted.</param>
/// <param name="DefaultValue">The value used when not configured.</param>
/// <param name="Description">One sentence for the JSON schema and the docs.</param>
public sealed record RuleOption(string Name, RuleOptionKind Kind, object DefaultValue, string Description);

/// <summary>The kinds of value a <see cref="RuleOption"/> takes.</summary>
public enum RuleOptionKind
{
    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string.</summary>
    String,

    /// <summary>An array of strings.</summary>
    StringList,
}

/// <summary>
/// Everything fixed about a rule: id, name, wording, category, default severity, help. Descriptors
/// are the public contract users configure and SARIF consumers key on.
/// </summary>
public sealed class DiagnosticDescriptor
{
    /// <summary>Where rule pages are published; <c>{0}</c> is the rule id.</summary>
    public const string DefaultHelpUriFormat = "https://github.com/pglint/pglint/blob/main/docs/rules/{0}.md";

    /// <summary>Creates a descriptor.</summary>
    /// <param name="id">The stable id, e.g. <c>PG1001</c>.</param>
    /// <param name="name">The kebab-case name, e.g. <c>require-concurrent-index-creation</c>.</param>
    /// <param name="title">An imperative title: "Create indexes concurrently on existing tables".</param>
    /// <param name="messageFormat">A composite format string, one sentence ending with a period.</param>
    /// <param name="category">One of <see cref="RuleCategory"/> or a plugin's own.</param>
    /// <param name="defaultSeverity">The severity when the rule is on.</param>
    /// <param name="isEnabledByDefault">False for opt-in rules (<c>off</c> in the catalog).</param>
    /// <param name="description">Why the rule exists, a short paragraph.</param>
    /// <param name="helpUri">The rule's page; defaults to the docs folder.</param>
    /// <param name="options">The rule's configurable options.</param>
    /// <param name="tags">Extra tags for SARIF (the category is always one).</param>
    /// <param name="hazard">For migration-safety rules: the lock the reported statement takes and its effect on the table.</param>
    /// <param name="profileLevels">
    /// The rule's level (<c>error</c>, <c>warning</c>, <c>info</c>, <c>off</c>) in the profiles where it differs from the
    /// default, keyed by profile name (see <see cref="Profiles"/>).
    /// </param>
    public DiagnosticDescriptor(
        string id,
        string name,
        string title,
        string messageFormat,
        string category,
        Severity defaultSeverity,
        bool isEnabledByDefault = true,
        string? description = null,
        string? helpUri = null,
        IEnumerable<RuleOption>? options = null,
        IEnumerable<string>? tags = null,
        MigrationHazard? hazard = null,
        IReadOnlyDictionary<string, string>? profileLevels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
        IsEnabledByDefault = isEnabledByDefault;
        Description = description ?? title;
        HelpUri = helpUri ?? string.Format(CultureInfo.InvariantCulture, DefaultHelpUriFormat, id);
        Options = options?.ToImmutableArray() ?? [];
        Tags = tags?.ToImmutableArray() ?? [];
        Hazard = hazard;
        ProfileLevels = profileLevels?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty;
        foreach (var (profile, level) in ProfileLevels)
        {
            if (!LintSettings.TryParseLevel(level, out _, out _))
            {
                throw new ArgumentException($"{id}: unknown level '{level}' for profile '{profile}'.", nameof(profileLevels));
            }
        }
    }

    /// <summary>The stable id, e.g. <c>PG1001</c>.</summary>
    public string Id { get; }

    /// <summary>The kebab-case name.</summary>
    public string Name { get; }

    /// <summary>The imperative title.</summary>
    public string Title { get; }

    /// <summary>The message format (composite format string).</summary>
    public string MessageFormat { get; }

    /// <summary>The category key.</summary>
    public string Category { get; }

    /// <summary>The severity when on.</summary>
    public Severity DefaultSeverity { get; }

    /// <summary>False for opt-in rules.</summary>
    public bool IsEnabledByDefault { get; }

    /// <summary>Why the rule exists.</summary>
    public string Description { get; }

    /// <summary>The rule's documentation page.</summary>
    public string HelpUri { get; }

    /// <summary>The configurable options.</summary>
    public ImmutableArray<RuleOption> Options { get; }

    /// <summary>Extra tags.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>The lock and effect a migration-safety rule claims for the statements it reports; null for other rules.</summary>
    public MigrationHazard? Hazard { get; }

    /// <summary>The rule's level per profile where it differs from its default.</summary>
    public ImmutableDictionary<string, string> ProfileLevels { get; }

    /// <summary>Formats the message with its arguments (invariant culture).</summary>
    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Name}";
}

/// <summary>A named object of a live database that a finding is about (SARIF logical location).</summary>
/// <param name="Kind">e.g. <c>table</c>, <c>index</c>, <c>sequence</c>, <c>database</c>.</param>
/// <param name="FullyQualifiedName">e.g. <c>public.orders</c>.</param>
public sealed record LogicalLocation(string Kind, string FullyQualifiedName)
{
    /// <summary>
    /// A schema object: <c>table</c> <c>public.orders</c>, or a member of one (a constraint, policy)
    /// as <c>public.orders.orders_customer_id_fkey</c>. An unqualified name is taken to be in <c>public</c>.
    /// </summary>
    public static LogicalLocation Of(string kind, QualifiedName name, string? member = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(name);
        var qualified = $"{name.Schema ?? "public"}.{name.Name}";
        return new LogicalLocation(kind, member is null ? qualified : $"{qualified}.{member}");
    }

    /// <summary>The database as a whole (server-wide findings use it too).</summary>
    public static LogicalLocation OfDatabase(string name) => new("database", name);
}

/// <summary>Where a finding is: a span of a source file, a database object, or nowhere in particular.</summary>
public sealed class Location
{
    private Location(SourceText? source, TextSpan span, LogicalLocation? logical)
    {
        Source = source;
        Span = span;
        Logical = logical;
        LineSpan = source?.GetLinePositionSpan(span) ?? default;
    }

    /// <summary>No location (e.g. a configuration problem).</summary>
    public static Location None { get; } = new(null, default, null);

    /// <summary>The file, or null.</summary>
    public SourceText? Source { get; }

    /// <summary>The UTF-16 span in <see cref="Source"/>.</summary>
    public TextSpan Span { get; }

    /// <summary>1-based line and UTF-16 column of both ends.</summary>
    public LinePositionSpan LineSpan { get; }

    /// <summary>The database object, when the finding is about one.</summary>
    public LogicalLocation? Logical { get; }

    /// <summary>The file's reported path, or null.</summary>
    public string? Path => Source?.Path;

    /// <summary>True when the location is in a file.</summary>
    public bool IsInSource => Source is not null;

    /// <summary>A span of a file.</summary>
    public static Location Create(SourceText source, TextSpan span, LogicalLocation? logical = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Location(source, span, logical);
    }

    /// <summary>A database object with no source.</summary>
    public static Location Create(LogicalLocation logical) => new(null, default, logical);

    /// <inheritdoc />
    public override string ToString() => Source is null ? Logical?.FullyQualifiedName ?? "(none)" : $"{Path}:{LineSpan.Start}";
}

/// <summary>A replacement of a span of the original text.</summary>
/// <param name="Span">The UTF-16 span replaced (empty for an insertion).</param>
/// <param name="NewText">The replacement.</param>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    /// <summary>An insertion before <paramref name="position"/>.</summary>
    public static TextEdit Insert(int position, string text) => new(new TextSpan(position, 0), text);
}

/// <summary>Whether applying a fix can change what the migration does.</summary>
public enum FixSafety
{
    /// <summary>Same effect, fewer hazards; applied by <c>pglint fix</c> by default.</summary>
    Safe,

    /// <summary>Changes behaviour or needs care (e.g. a follow-up migration); applied only when asked.</summary>
    Unsafe,
}

/// <summary>A mechanical rewrite that removes a finding: text edits with a title and a safety level.</summary>
public sealed class Fix
{
    /// <summary>Creates a fix.</summary>
    public Fix(string title, IEnumerable<TextEdit> edits, FixSafety safety = FixSafety.Safe, bool validInTransactionBlock = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Edits = [.. edits.OrderBy(static e => e.Span)];
        Safety = safety;
        ValidInTransactionBlock = validInTransactionBlock;
    }

    /// <summary>What the fix does, e.g. "Insert CONCURRENTLY".</summary>
    public string Title { get; }

    /// <summary>The edits, ordered by position; they never overlap.</summary>
    public ImmutableArray<TextEdit> Edits { get; }

    /// <summary>Whether applying it can change behaviour.</summary>
    public FixSafety Safety { get; }

    /// <summary>False when the fixed statement cannot run inside a transaction block (e.g. <c>CONCURRENTLY</c>).</summary>
    public bool ValidInTransactionBlock { get; }

    /// <summary>Applies the edits to a text.</summary>
    public string ApplyTo(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 32);
        var position = 0;
        foreach (var edit in Edits)
        {
            builder.Append(text, position, edit.Span.Start - position).Append(edit.NewText);
            position = edit.Span.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}

/// <summary>How a finding was suppressed.</summary>
/// <param name="Kind">Where the suppression came from.</param>
/// <param name="Justification">The text after a second <c>--</c>, or null.</param>
/// <param name="Location">The suppression comment, when in source.</param>
public sealed record Suppression(SuppressionKind Kind, string? Justification, Location? Location);

/// <summary>Where a suppression came from.</summary>
public enum SuppressionKind
{
    /// <summary>A <c>pglint-disable…</c> comment.</summary>
    InSource,

    /// <summary>A baseline file.</summary>
    Baseline,
}

/// <summary>One finding: a rule, a message, a location, a severity, and possibly fixes.</summary>
public sealed class Diagnostic
{
    private Diagnostic(
        DiagnosticDescriptor descriptor,
        string message,
        Location location,
        Severity severity,
        ImmutableArray<Fix> fixes,
        ImmutableDictionary<string, string> properties,
        Suppression? suppression,
        string? fingerprint)
    {
        Descriptor = descriptor;
        Message = message;
        Location = location;
        Severity = severity;
        Fixes = fixes;
        Properties = properties;
        Suppression = suppression;
        Fingerprint = fingerprint;
    }

    /// <summary>The rule.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The rule id.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The formatted message.</summary>
    public string Message { get; }

    /// <summary>Where.</summary>
    public Location Location { get; }

    /// <summary>The effective severity (after configuration).</summary>
    public Severity Severity { get; }

    /// <summary>Fixes that remove the finding.</summary>
    public ImmutableArray<Fix> Fixes { get; }

    /// <summary>Extra facts for reporters (e.g. <c>lockMode</c>), string-valued.</summary>
    public ImmutableDictionary<string, string> Properties { get; }

    /// <summary>Set when a comment or baseline suppressed the finding.</summary>
    public Suppression? Suppression { get; }

    /// <summary>True when suppressed.</summary>
    public bool IsSuppressed => Suppression is not null;

    /// <summary>A stable identity that survives unrelated line shifts (set by the engine).</summary>
    public string? Fingerprint { get; }

    /// <summary>Creates a finding with the descriptor's default severity.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] messageArgs) =>
        Create(descriptor, location, fixes: null, properties: null, messageArgs);

    /// <summary>Creates a finding with fixes and properties.</summary>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        IEnumerable<Fix>? fixes,
        IReadOnlyDictionary<string, string>? properties,
        params object?[] messageArgs)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(location);
        return new Diagnostic(
            descriptor,
            descriptor.FormatMessage(messageArgs),
            location,
            descriptor.DefaultSeverity,
            fixes?.ToImmutableArray() ?? [],
            properties?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty,
            suppression: null,
            fingerprint: null);
    }

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(Severity severity) =>
        new(Descriptor, Message, Location, severity, Fixes, Properties, Suppression, Fingerprint);

    /// <summary>A copy marked suppressed.</summary>
    public Diagnostic WithSuppression(Suppression? suppression) =>
        new(Descriptor, Message, Location, Severity, Fixes, Properties, suppression, Fingerprint);

    /// <summary>A copy with a fingerprint.</summary>
    public Diagnostic WithFingerprint(string fingerprint) =>
        new(Descriptor, Message, Location, Severity, Fixes, Properties, Suppression, fingerprint);

    /// <summary>A copy without fixes.</summary>
    internal Diagnostic WithoutFixes() =>
        Fixes.IsDefaultOrEmpty ? this : new(Descriptor, Message, Location, Severity, [], Properties, Suppression, Fingerprint);

    /// <summary>A copy with an added fix.</summary>
    public Diagnostic WithFix(Fix fix) =>
        new(Descriptor, Message, Location, Severity, Fixes.Add(fix), Properties, Suppression, Fingerprint);

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
