namespace PgLint.Plugins;

/// <summary>One <c>plugins</c> entry or <c>--plugin</c> value: <c>Id@Version</c>, or a path to a <c>.nupkg</c> or <c>.dll</c>.</summary>
/// <param name="Value">The entry as written.</param>
/// <param name="BaseDirectory">The folder a relative path is resolved against (the configuration file's folder, or the working directory).</param>
/// <param name="Source">Where the entry was written, for messages (e.g. <c>pglint.json: plugins</c>, <c>--plugin</c>).</param>
public sealed record PluginReference(string Value, string BaseDirectory, string Source)
{
    /// <summary>True when the entry names a file rather than a package id.</summary>
    public bool IsPath =>
        Value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || Value.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of a file entry.</summary>
    public string FullPath => Path.GetFullPath(Value, BaseDirectory);
}
