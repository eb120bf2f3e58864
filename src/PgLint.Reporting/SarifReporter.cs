using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PgLint.Reporting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning and IDE viewers read it: full rule metadata, results with
/// regions in 1-based lines and UTF-16 columns relative to <c>%SRCROOT%</c>, fingerprints, fixes,
/// suppressions and the invocation. Built on the Sarif.Sdk object model.
/// </summary>
public sealed class SarifReporter : IReporter
{
    /// <summary>The most results GitHub code scanning accepts in one run.</summary>
    public const int MaxResults = 25_000;

    /// <summary>The <c>$schema</c> of the log.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The base id paths inside <see cref="ReportContext.BaseDirectory"/> are relative to.</summary>
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The key of <see cref="Analysis.Diagnostic.Fingerprint"/> in <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "pglint/v1";

    /// <summary>The tool's home page.</summary>
    public const string ToolInformationUri = "https://github.com/pglint/pglint";

    private static readonly JsonSerializerSettings SerializerSettings = new()
    {
        Formatting = Formatting.Indented,
        ContractResolver = new ExplicitValuesContractResolver(),
    };

    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var log = CreateLog(context);
        using (var json = new JsonTextWriter(output) { CloseOutput = false })
        {
            JsonSerializer.Create(SerializerSettings).Serialize(json, log);
        }

        output.WriteLine();
    }

    /// <summary>The SARIF object model of the report, for callers that post-process it.</summary>
    public static SarifLog CreateLog(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SarifLogBuilder(context).Build();
    }

    /// <summary>
    /// The SDK leaves out values equal to SARIF's defaults (and a short description equal to the
    /// full one). A result without <c>level</c> takes its rule's level rather than <c>warning</c>, so
    /// levels, rule configurations and descriptions are always written.
    /// </summary>
    private sealed class ExplicitValuesContractResolver : DefaultContractResolver
    {
        private static readonly Predicate<object> Always = static _ => true;

        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            Predicate<object>? written = (property.DeclaringType, property.PropertyName) switch
            {
                (var type, "level") when type == typeof(Result) => Always,
                (var type, "level" or "enabled") when type == typeof(ReportingConfiguration) => Always,
                (var type, "defaultConfiguration" or "shortDescription") when type == typeof(ReportingDescriptor) => Always,

                // An empty region (an insertion point) still says it is empty.
                (var type, "charLength") when type == typeof(Region) => static region => ((Region)region).CharOffset >= 0,
                _ => null,
            };
            if (written is not null)
            {
                property.ShouldSerialize = written;
                property.DefaultValueHandling = DefaultValueHandling.Include;
            }

            return property;
        }
    }
}
