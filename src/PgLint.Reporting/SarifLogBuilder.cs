using PgLint.Analysis;
using PgLint.Syntax;
using Sarif = Microsoft.CodeAnalysis.Sarif;

namespace PgLint.Reporting;

/// <summary>Builds the SARIF object model of one report (one run).</summary>
internal sealed class SarifLogBuilder
{
    private readonly ReportContext _context;
    private readonly List<Sarif.Artifact> _artifacts = [];
    private readonly Dictionary<SourceText, int> _artifactIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<DiagnosticDescriptor> _rules = [];
    private readonly Dictionary<string, RulePlace> _ruleIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly Uri _sourceRoot;

    public SarifLogBuilder(ReportContext context)
    {
        _context = context;
        _sourceRoot = new Uri(new Uri(context.BaseDirectory + Path.DirectorySeparatorChar).AbsoluteUri);
    }

    public Sarif.SarifLog Build()
    {
        foreach (var document in _context.Result.Documents)
        {
            ArtifactIndex(document.Tree.Source);
        }

        var rules = Rules();
        var extensions = Extensions();
        var all = ReportedDiagnostics.Ordered(_context, includeSuppressed: true);
        var diagnostics = WithinResultLimit(all);
        var anySuppressed = diagnostics.Any(static d => d.IsSuppressed);
        var run = new Sarif.Run
        {
            Tool = new Sarif.Tool
            {
                Driver = new Sarif.ToolComponent
                {
                    Name = "PgLint",
                    FullName = $"PgLint {_context.ToolVersion}",
                    SemanticVersion = _context.ToolVersion,
                    Version = _context.ToolVersion,
                    InformationUri = new Uri(SarifReporter.ToolInformationUri),
                    Rules = rules,
                },
                Extensions = extensions.Count > 0 ? extensions : null,
            },
            Invocations = [Invocation(diagnostics, all.Count - diagnostics.Count)],
            OriginalUriBaseIds = new Dictionary<string, Sarif.ArtifactLocation>
            {
                [SarifReporter.SourceRootBaseId] = new() { Uri = _sourceRoot },
            },
            Results = [.. diagnostics.Select(d => Result(d, anySuppressed))],
            Artifacts = _artifacts,
            ColumnKind = Sarif.ColumnKind.Utf16CodeUnits,
        };

        var footprints = LockFootprintReport.ToJson(_context);
        if (footprints.Count > 0)
        {
            run.SetProperty(LockFootprintReport.PropertyName, Newtonsoft.Json.Linq.JToken.Parse(footprints.ToJsonString()));
        }

        return new Sarif.SarifLog
        {
            SchemaUri = new Uri(SarifReporter.SchemaUri),
            Version = Sarif.SarifVersion.Current,
            Runs = [run],
        };
    }

    private static Sarif.FailureLevel Level(Severity severity) => severity switch
    {
        Severity.Error => Sarif.FailureLevel.Error,
        Severity.Warning => Sarif.FailureLevel.Warning,
        _ => Sarif.FailureLevel.Note,
    };

    /// <summary>Every enabled rule and every rule a finding refers to that no rule pack owns, ordered by id.</summary>
    private List<Sarif.ReportingDescriptor> Rules()
    {
        var packOf = _context.RulePacks
            .SelectMany(static (pack, index) => pack.RuleIds.Select(id => (id, index)))
            .ToDictionary(static p => p.id, static p => p.index, StringComparer.OrdinalIgnoreCase);
        _rules.AddRange(_context.Registry.Descriptors.Where(_context.Settings.IsEnabled)
            .Concat(_context.Result.Diagnostics.Select(static d => d.Descriptor))
            .DistinctBy(static d => d.Id, StringComparer.OrdinalIgnoreCase)
            .OrderBy(static d => d.Id, StringComparer.Ordinal));
        var counts = new int[_context.RulePacks.Count + 1];
        foreach (var rule in _rules)
        {
            var component = packOf.TryGetValue(rule.Id, out var pack) ? pack : -1;
            _ruleIndex[rule.Id] = new RulePlace(component, counts[component + 1]++);
        }

        return [.. _rules.Where(r => _ruleIndex[r.Id].Component < 0).Select(Rule)];
    }

    /// <summary>One tool component per rule pack, with the pack's rules (the driver keeps the built-in ones).</summary>
    private List<Sarif.ToolComponent> Extensions() =>
        [.. _context.RulePacks.Select((pack, index) => new Sarif.ToolComponent
        {
            Name = pack.Name,
            Version = pack.Version,
            SemanticVersion = pack.Version,
            Rules = [.. _rules.Where(r => _ruleIndex[r.Id].Component == index).Select(Rule)],
        })];

    /// <summary>A reference to a rule, through its tool component when a rule pack owns it.</summary>
    private Sarif.ReportingDescriptorReference RuleReference(string id, bool includeId = true)
    {
        var place = _ruleIndex[id];
        return new Sarif.ReportingDescriptorReference
        {
            Id = includeId ? id : null,
            Index = place.Index,
            ToolComponent = place.Component < 0 ? null : new Sarif.ToolComponentReference { Index = place.Component, Name = _context.RulePacks[place.Component].Name },
        };
    }

    private Sarif.ReportingDescriptor Rule(DiagnosticDescriptor descriptor)
    {
        var documentation = _context.RuleDocumentation(descriptor.Id);
        var rule = new Sarif.ReportingDescriptor
        {
            Id = descriptor.Id,
            Name = descriptor.Name,
            ShortDescription = new Sarif.MultiformatMessageString { Text = descriptor.Title },
            FullDescription = new Sarif.MultiformatMessageString { Text = descriptor.Description },
            Help = new Sarif.MultiformatMessageString
            {
                Text = $"{Sentence(descriptor.Description)} See {descriptor.HelpUri}",
                Markdown = documentation ?? FallbackHelp(descriptor),
            },
            HelpUri = new Uri(descriptor.HelpUri),
            DefaultConfiguration = new Sarif.ReportingConfiguration
            {
                Level = Level(descriptor.DefaultSeverity),
                Enabled = descriptor.IsEnabledByDefault,
            },
        };
        foreach (var tag in descriptor.Tags.Prepend(descriptor.Category).Distinct(StringComparer.Ordinal))
        {
            rule.Tags.Add(tag);
        }

        if (descriptor.Hazard is { } hazard)
        {
            // The lock the reported statement takes on the table and what it does to the rows.
            rule.SetProperty("pglint/lock", hazard.Lock.ToSql());
            rule.SetProperty("pglint/effect", EffectName(hazard.Effect));
        }

        if (descriptor.Category.Equals(RuleCategory.Security, StringComparison.OrdinalIgnoreCase))
        {
            // GitHub ranks security alerts by this score (critical ≥ 9, high ≥ 7, medium ≥ 4, low).
            rule.SetProperty("security-severity", _context.Settings.GetState(descriptor).Severity switch
            {
                Severity.Error => "8.0",
                Severity.Warning => "5.0",
                _ => "2.0",
            });
        }

        return rule;
    }

    /// <summary>A hazard's effect as a SARIF property value: <c>metadata-only</c>, <c>scan</c>, <c>rewrite</c> or <c>data-loss</c>.</summary>
    internal static string EffectName(TableEffect effect) => effect switch
    {
        TableEffect.MetadataOnly => "metadata-only",
        TableEffect.Scan => "scan",
        TableEffect.Rewrite => "rewrite",
        TableEffect.DataLoss => "data-loss",
        _ => effect.ToString(),
    };

    private static string FallbackHelp(DiagnosticDescriptor descriptor)
    {
        var about = descriptor.Description == descriptor.Title ? string.Empty : Sentence(descriptor.Description) + "\n\n";
        return $"**{descriptor.Title}**\n\n{about}See [{descriptor.Id}]({descriptor.HelpUri}).";
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    /// <summary>
    /// GitHub code scanning rejects a run with more than <see cref="SarifReporter.MaxResults"/> results:
    /// beyond that the most severe findings are kept (unsuppressed before suppressed), in report order.
    /// </summary>
    private static IReadOnlyList<Diagnostic> WithinResultLimit(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count <= SarifReporter.MaxResults)
        {
            return diagnostics;
        }

        var kept = diagnostics
            .Select(static (d, i) => (d, i))
            .OrderBy(static x => x.d.IsSuppressed)
            .ThenByDescending(static x => x.d.Severity)
            .ThenBy(static x => x.i)
            .Take(SarifReporter.MaxResults)
            .OrderBy(static x => x.i)
            .Select(static x => x.d);
        return [.. kept];
    }

    private Sarif.Invocation Invocation(IReadOnlyList<Diagnostic> diagnostics, int leftOut)
    {
        var limit = leftOut == 0 ? [] : new[]
        {
            $"{leftOut} findings were left out of this SARIF file: code scanning accepts at most {SarifReporter.MaxResults} results per run, and the most severe were kept.",
        };
        var notifications = _context.Notifications.Concat(limit)
            .Select(static text => new Sarif.Notification { Message = new Sarif.Message { Text = text }, Level = Sarif.FailureLevel.Warning })
            .Concat(diagnostics.Where(static d => d.Id == ToolDiagnostics.RuleFailed.Id).Select(d => new Sarif.Notification
            {
                Message = new Sarif.Message { Text = d.Message },
                Level = Sarif.FailureLevel.Error,
                Locations = PhysicalLocation(d.Location) is { } physical ? [new Sarif.Location { PhysicalLocation = physical }] : null,
            }))
            .ToList();

        // The levels this run reports at, where configuration changed a rule's default.
        var overrides = _rules
            .Select(descriptor => (descriptor, state: _context.Settings.GetState(descriptor)))
            .Where(static r => r.state.Enabled != r.descriptor.IsEnabledByDefault || (r.state.Enabled && r.state.Severity != r.descriptor.DefaultSeverity))
            .Select(r => new Sarif.ConfigurationOverride
            {
                Descriptor = RuleReference(r.descriptor.Id),
                Configuration = new Sarif.ReportingConfiguration { Level = Level(r.state.Severity), Enabled = r.state.Enabled },
            })
            .ToList();

        return new Sarif.Invocation
        {
            ExecutionSuccessful = _context.Succeeded,
            CommandLine = _context.CommandLine,
            StartTimeUtc = ToUtc(_context.StartTimeUtc),
            EndTimeUtc = ToUtc(_context.EndTimeUtc),
            ToolExecutionNotifications = notifications.Count > 0 ? notifications : null,
            RuleConfigurationOverrides = overrides.Count > 0 ? overrides : null,
        };
    }

    private static DateTime ToUtc(DateTime? time) => time switch
    {
        null => default,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };

    private Sarif.Result Result(Diagnostic diagnostic, bool anySuppressed)
    {
        var place = _ruleIndex[diagnostic.Id];
        var result = new Sarif.Result
        {
            RuleId = diagnostic.Id,
            RuleIndex = place.Component < 0 ? place.Index : -1,
            // Without rule.id, so that Sarif.Sdk keeps ruleId, which GitHub code scanning keys on.
            Rule = place.Component < 0 ? null : RuleReference(diagnostic.Id, includeId: false),
            Level = Level(diagnostic.Severity),
            Message = new Sarif.Message { Text = diagnostic.Message },
            Locations = Location(Placed(diagnostic.Location), snippet: true) is { } location ? [location] : null,
            PartialFingerprints = diagnostic.Fingerprint is { } fingerprint
                ? new Dictionary<string, string> { [SarifReporter.FingerprintKey] = fingerprint }
                : null,
            Fixes = diagnostic.Location.Source is { } source && !diagnostic.Fixes.IsEmpty
                ? [.. diagnostic.Fixes.Select(fix => Fix(source, fix))]
                : null,

            // SARIF wants suppressions on every result or on none.
            Suppressions = anySuppressed ? Suppressions(diagnostic.Suppression) : null,
            BaselineState = !_context.UsesBaseline ? Sarif.BaselineState.None
                : diagnostic.Suppression?.Kind == SuppressionKind.Baseline ? Sarif.BaselineState.Unchanged
                : Sarif.BaselineState.New,
        };
        foreach (var (key, value) in diagnostic.Properties.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            result.SetProperty(key, value);
        }

        if (LockFootprintReport.TransactionOf(_context, diagnostic) is { } transaction)
        {
            result.SetProperty(LockFootprintReport.PropertyName, Newtonsoft.Json.Linq.JToken.Parse(LockFootprintReport.ToJson(transaction).ToJsonString()));
        }

        return result;
    }

    private List<Sarif.Suppression> Suppressions(Analysis.Suppression? suppression) => suppression is null ? [] :
    [
        new Sarif.Suppression
        {
            Kind = suppression.Kind == SuppressionKind.InSource ? Sarif.SuppressionKind.InSource : Sarif.SuppressionKind.External,
            Status = Sarif.SuppressionStatus.Accepted,
            Justification = suppression.Justification,
            Location = suppression.Location is { } location ? Location(location, snippet: true) : null,
        },
    ];

    private Sarif.Fix Fix(SourceText source, Analysis.Fix fix)
    {
        var sarifFix = new Sarif.Fix
        {
            Description = new Sarif.Message { Text = fix.Title },
            ArtifactChanges =
            [
                new Sarif.ArtifactChange
                {
                    ArtifactLocation = ArtifactLocation(source),
                    Replacements = [.. fix.Edits.Select(edit => new Sarif.Replacement
                    {
                        DeletedRegion = Region(source, edit.Span, snippet: false),
                        InsertedContent = new Sarif.ArtifactContent { Text = edit.NewText },
                    })],
                },
            ],
        };
        sarifFix.SetProperty("safety", fix.Safety == FixSafety.Unsafe ? "unsafe" : "safe");
        sarifFix.SetProperty("validInTransactionBlock", fix.ValidInTransactionBlock);
        return sarifFix;
    }

    /// <summary>A finding about a database object that no file created goes to <see cref="ReportContext.UnlocatedArtifact"/>, line 1.</summary>
    private Analysis.Location Placed(Analysis.Location location) =>
        location.Source is null && location.Logical is { } logical && _context.UnlocatedArtifact is { } artifact
            ? Analysis.Location.Create(artifact, default, logical)
            : location;

    private Sarif.Location? Location(Analysis.Location location, bool snippet)
    {
        var physical = PhysicalLocation(location, snippet);
        var logical = location.Logical is { } l
            ? new Sarif.LogicalLocation { Name = UnqualifiedName(l.FullyQualifiedName), FullyQualifiedName = l.FullyQualifiedName, Kind = l.Kind }
            : null;
        return physical is null && logical is null
            ? null
            : new Sarif.Location { PhysicalLocation = physical, LogicalLocations = logical is null ? null : [logical] };
    }

    private Sarif.PhysicalLocation? PhysicalLocation(Analysis.Location location, bool snippet = true) =>
        location.Source is { } source
            ? new Sarif.PhysicalLocation { ArtifactLocation = ArtifactLocation(source), Region = Region(source, location.Span, snippet) }
            : null;

    private static Sarif.Region Region(SourceText source, TextSpan span, bool snippet)
    {
        var lines = source.GetLinePositionSpan(span);
        return new Sarif.Region
        {
            StartLine = lines.Start.Line,
            StartColumn = lines.Start.Column,
            EndLine = lines.End.Line,
            EndColumn = lines.End.Column,
            CharOffset = span.Start,
            CharLength = span.Length,
            Snippet = snippet ? new Sarif.ArtifactContent { Text = source.ToString(span) } : null,
        };
    }

    private Sarif.ArtifactLocation ArtifactLocation(SourceText source)
    {
        var location = FileLocation(source);
        location.Index = ArtifactIndex(source);
        return location;
    }

    private int ArtifactIndex(SourceText source)
    {
        if (!_artifactIndex.TryGetValue(source, out var index))
        {
            index = _artifacts.Count;
            _artifactIndex[source] = index;
            _artifacts.Add(new Sarif.Artifact { Location = FileLocation(source), Roles = Sarif.ArtifactRoles.AnalysisTarget, SourceLanguage = "sql" });
        }

        return index;
    }

    /// <summary>The file's URI: relative to <c>%SRCROOT%</c> when inside the base directory, else absolute.</summary>
    private Sarif.ArtifactLocation FileLocation(SourceText source) =>
        ReportedDiagnostics.TryGetRelativePath(_context.BaseDirectory, source.Path, out var relative)
            ? new() { Uri = new Uri(string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)), UriKind.Relative), UriBaseId = SarifReporter.SourceRootBaseId }
            : new() { Uri = new Uri(new Uri(Path.GetFullPath(source.Path, _context.BaseDirectory)).AbsoluteUri) };

    /// <summary>The last part of a qualified name (<c>public."my.table"</c> → <c>"my.table"</c>).</summary>
    private static string UnqualifiedName(string qualifiedName)
    {
        var quoted = false;
        var lastDot = -1;
        for (var i = 0; i < qualifiedName.Length; i++)
        {
            quoted ^= qualifiedName[i] == '"';
            if (!quoted && qualifiedName[i] == '.')
            {
                lastDot = i;
            }
        }

        return qualifiedName[(lastDot + 1)..];
    }
}

/// <summary>Where a rule's metadata sits: the driver (<c>Component</c> -1) or a rule pack's extension, and its index there.</summary>
internal readonly record struct RulePlace(int Component, int Index);
