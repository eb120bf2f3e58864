using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace PgLint.Analysis;

/// <summary>
/// Every rule the run knows (built-in, plugins, the tool's own), by id, kebab-case name and category.
/// Two rules with one id are a configuration error naming both owners.
/// </summary>
public sealed class RuleRegistry
{
    private readonly FrozenDictionary<string, DiagnosticDescriptor> _byKey;

    /// <summary>Builds the registry from analyzers (and the tool's own descriptors).</summary>
    public RuleRegistry(IEnumerable<Analyzer> analyzers)
    {
        var byId = new Dictionary<string, (DiagnosticDescriptor Descriptor, string Owner)>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in ToolDiagnostics.All)
        {
            byId[descriptor.Id] = (descriptor, "pglint");
        }

        var analyzerList = analyzers.ToImmutableArray();
        foreach (var analyzer in analyzerList)
        {
            var owner = $"{analyzer.GetType().FullName} ({analyzer.GetType().Assembly.GetName().Name})";
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (byId.TryGetValue(descriptor.Id, out var existing) && !ReferenceEquals(existing.Descriptor, descriptor))
                {
                    throw new ConfigurationException($"Rule id {descriptor.Id} is defined twice: by {existing.Owner} and by {owner}.");
                }

                byId[descriptor.Id] = (descriptor, owner);
            }
        }

        Analyzers = analyzerList;
        Descriptors = [.. byId.Values.Select(static v => v.Descriptor).OrderBy(static d => d.Id, StringComparer.Ordinal)];
        var keys = new Dictionary<string, DiagnosticDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in Descriptors)
        {
            keys[descriptor.Id] = descriptor;
            keys.TryAdd(descriptor.Name, descriptor);
        }

        _byKey = keys.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Categories = [.. Descriptors.Select(static d => d.Category).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <summary>The analyzers.</summary>
    public ImmutableArray<Analyzer> Analyzers { get; }

    /// <summary>Every descriptor, ordered by id.</summary>
    public ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    /// <summary>Every category that has rules.</summary>
    public ImmutableArray<string> Categories { get; }

    /// <summary>The rule with that id or name, or null.</summary>
    public DiagnosticDescriptor? Find(string idOrName) => _byKey.GetValueOrDefault(idOrName.Trim());

    /// <summary>The rules a key selects: one rule by id or name, a category, or <c>all</c>; empty when unknown.</summary>
    public ImmutableArray<DiagnosticDescriptor> Select(string key)
    {
        key = key.Trim();
        if (Find(key) is { } single)
        {
            return [single];
        }

        if (key.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Descriptors;
        }

        return [.. Descriptors.Where(d => d.Category.Equals(key, StringComparison.OrdinalIgnoreCase))];
    }
}

/// <summary>The effective state of one rule.</summary>
/// <param name="Enabled">Whether it runs and reports.</param>
/// <param name="Severity">Its severity when enabled.</param>
public readonly record struct RuleState(bool Enabled, Severity Severity);

/// <summary>What a configuration or command line says about a set of rules.</summary>
/// <param name="Key">A rule id, name, category or <c>all</c>.</param>
/// <param name="Level"><c>error</c>, <c>warning</c>, <c>info</c>, <c>off</c>, or <c>on</c> (enabled at its default severity).</param>
/// <param name="Source">Where it was said (for error messages), e.g. <c>pglint.json: rules.PG1001</c>.</param>
public sealed record RuleDirective(string Key, string Level, string Source);

/// <summary>Options for a run: target version, transaction assumption, rule states and options.</summary>
public sealed class LintSettings
{
    private readonly Dictionary<string, RuleState> _states;

    /// <summary>Creates settings; directives apply in order, categories before single rules within one source.</summary>
    /// <exception cref="ConfigurationException">A directive names an unknown rule or level.</exception>
    public LintSettings(
        RuleRegistry registry,
        IEnumerable<RuleDirective>? directives = null,
        PostgresVersion? postgresVersion = null,
        bool assumeInTransaction = false,
        RuleOptions? ruleOptions = null,
        string? profile = null)
    {
        Registry = registry;
        Profile = profile ?? Profiles.AppMigration;
        if (!Profiles.All.Contains(Profile, StringComparer.Ordinal))
        {
            throw new ConfigurationException($"unknown profile '{Profile}' (expected {string.Join(", ", Profiles.All)}).");
        }

        PostgresVersion = postgresVersion ?? PostgresVersion.Default;
        IsPostgresVersionConfigured = postgresVersion is not null;
        AssumeInTransaction = assumeInTransaction;
        RuleOptions = ruleOptions ?? RuleOptions.Empty;
        _states = registry.Descriptors.ToDictionary(
            static d => d.Id,
            d => DefaultState(d, Profile),
            StringComparer.OrdinalIgnoreCase);

        foreach (var directive in directives ?? [])
        {
            Apply(directive);
        }
    }

    /// <summary>The rules known to the run.</summary>
    public RuleRegistry Registry { get; }

    /// <summary>The target PostgreSQL version.</summary>
    public PostgresVersion PostgresVersion { get; }

    /// <summary>
    /// False when no target version was given and <see cref="PostgresVersion"/> is the default. Syntax newer
    /// than the default is then taken as a sign of a newer target (PG0005) rather than as an error (PG0001).
    /// </summary>
    internal bool IsPostgresVersionConfigured { get; }

    /// <summary>The profile whose rule levels apply before configuration (<see cref="Profiles"/>).</summary>
    public string Profile { get; }

    /// <summary>True when the runner wraps each file in a transaction.</summary>
    public bool AssumeInTransaction { get; }

    /// <summary>Configured rule options.</summary>
    public RuleOptions RuleOptions { get; }

    /// <summary>The state of a rule.</summary>
    public RuleState GetState(DiagnosticDescriptor descriptor) =>
        _states.TryGetValue(descriptor.Id, out var state) ? state : DefaultState(descriptor, Profile);

    /// <summary>A rule's state under a profile before any configuration.</summary>
    public static RuleState DefaultState(DiagnosticDescriptor descriptor, string profile)
    {
        if (descriptor.ProfileLevels.TryGetValue(profile, out var level) && TryParseLevel(level, out var enabled, out var severity))
        {
            return new RuleState(enabled, severity ?? descriptor.DefaultSeverity);
        }

        return new RuleState(descriptor.IsEnabledByDefault, descriptor.DefaultSeverity);
    }

    /// <summary>True when the rule reports.</summary>
    public bool IsEnabled(DiagnosticDescriptor descriptor) => GetState(descriptor).Enabled;

    /// <summary>Parses a level name.</summary>
    public static bool TryParseLevel(string level, out bool enabled, out Severity? severity)
    {
        (enabled, severity) = level.Trim().ToLowerInvariant() switch
        {
            "error" => (true, Severity.Error),
            "warning" or "warn" => (true, Severity.Warning),
            "info" or "note" => (true, (Severity?)Severity.Info),
            "on" => (true, null),
            "off" or "none" => (false, null),
            _ => (false, (Severity?)(Severity)(-1)),
        };
        return severity is not (Severity)(-1);
    }

    private void Apply(RuleDirective directive)
    {
        var selected = Registry.Select(directive.Key);
        if (selected.IsEmpty)
        {
            throw new ConfigurationException($"{directive.Source}: unknown rule or category '{directive.Key}'.");
        }

        if (!TryParseLevel(directive.Level, out var enabled, out var severity))
        {
            throw new ConfigurationException($"{directive.Source}: unknown level '{directive.Level}' for '{directive.Key}' (expected error, warning, info, off).");
        }

        foreach (var descriptor in selected)
        {
            var current = _states[descriptor.Id];
            _states[descriptor.Id] = new RuleState(enabled, severity ?? (current.Enabled ? current.Severity : descriptor.DefaultSeverity));
        }
    }
}

/// <summary>Configured rule options (<c>ruleOptions</c>), validated against each rule's <see cref="RuleOption"/>s.</summary>
public sealed class RuleOptions
{
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, JsonElement>> _values;

    private RuleOptions(ImmutableDictionary<string, ImmutableDictionary<string, JsonElement>> values) => _values = values;

    /// <summary>No options configured.</summary>
    public static RuleOptions Empty { get; } = new(ImmutableDictionary<string, ImmutableDictionary<string, JsonElement>>.Empty);

    /// <summary>Validates and keeps the options of a <c>ruleOptions</c> JSON object.</summary>
    /// <exception cref="ConfigurationException">An unknown rule, option, or a value of the wrong kind.</exception>
    public static RuleOptions FromJson(JsonElement ruleOptions, RuleRegistry registry, string source)
    {
        if (ruleOptions.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException($"{source}: 'ruleOptions' must be an object keyed by rule id.");
        }

        var builder = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, JsonElement>>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in ruleOptions.EnumerateObject())
        {
            var descriptor = registry.Find(rule.Name)
                ?? throw new ConfigurationException($"{source}: unknown rule '{rule.Name}' in 'ruleOptions'.");
            if (rule.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{source}: 'ruleOptions.{rule.Name}' must be an object.");
            }

            var options = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
            foreach (var option in rule.Value.EnumerateObject())
            {
                var declared = descriptor.Options.FirstOrDefault(o => o.Name == option.Name)
                    ?? throw new ConfigurationException(
                        $"{source}: unknown option '{option.Name}' for {descriptor.Id} (known: {(descriptor.Options.IsEmpty ? "none" : string.Join(", ", descriptor.Options.Select(static o => o.Name)))}).");
                if (!Fits(declared.Kind, option.Value))
                {
                    throw new ConfigurationException($"{source}: 'ruleOptions.{rule.Name}.{option.Name}' must be {KindName(declared.Kind)}.");
                }

                options[option.Name] = option.Value.Clone();
            }

            builder[descriptor.Id] = options.ToImmutable();
        }

        return new RuleOptions(builder.ToImmutable());
    }

    /// <summary>The configured integer, or the option's default.</summary>
    public int GetInt32(DiagnosticDescriptor descriptor, string name) =>
        TryGet(descriptor, name, out var value) ? value.GetInt32() : Convert.ToInt32(Default(descriptor, name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The configured boolean, or the option's default.</summary>
    public bool GetBoolean(DiagnosticDescriptor descriptor, string name) =>
        TryGet(descriptor, name, out var value) ? value.GetBoolean() : (bool)Default(descriptor, name);

    /// <summary>The configured string, or the option's default.</summary>
    public string GetString(DiagnosticDescriptor descriptor, string name) =>
        TryGet(descriptor, name, out var value) ? value.GetString()! : (string)Default(descriptor, name);

    /// <summary>The configured string list, or the option's default.</summary>
    public ImmutableArray<string> GetStringList(DiagnosticDescriptor descriptor, string name) =>
        TryGet(descriptor, name, out var value)
            ? [.. value.EnumerateArray().Select(static e => e.GetString()!)]
            : [.. (IEnumerable<string>)Default(descriptor, name)];

    private bool TryGet(DiagnosticDescriptor descriptor, string name, out JsonElement value)
    {
        value = default;
        return _values.TryGetValue(descriptor.Id, out var options) && options.TryGetValue(name, out value);
    }

    private static object Default(DiagnosticDescriptor descriptor, string name) =>
        descriptor.Options.FirstOrDefault(o => o.Name == name)?.DefaultValue
        ?? throw new ArgumentException($"{descriptor.Id} declares no option '{name}'.", nameof(name));

    private static bool Fits(RuleOptionKind kind, JsonElement value) => kind switch
    {
        RuleOptionKind.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        RuleOptionKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        RuleOptionKind.String => value.ValueKind == JsonValueKind.String,
        RuleOptionKind.StringList => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(static e => e.ValueKind == JsonValueKind.String),
        _ => false,
    };

    private static string KindName(RuleOptionKind kind) => kind switch
    {
        RuleOptionKind.Integer => "a whole number",
        RuleOptionKind.Boolean => "true or false",
        RuleOptionKind.String => "a string",
        _ => "an array of strings",
    };
}
