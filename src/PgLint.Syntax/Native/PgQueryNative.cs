using System.Reflection;
using System.Runtime.InteropServices;

namespace PgLint.Syntax.Native;

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryError
{
    public nint Message;
    public nint FuncName;
    public nint FileName;
    public int LineNo;
    public int CursorPos;
    public nint Context;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryProtobuf
{
    public nuint Length;
    public nint Data;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryProtobufParseResult
{
    public PgQueryProtobuf ParseTree;
    public nint StderrBuffer;
    public nint Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryScanResult
{
    public PgQueryProtobuf Tokens;
    public nint StderrBuffer;
    public nint Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQuerySplitStmt
{
    public int Location;
    public int Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQuerySplitResult
{
    public nint Statements;
    public int Count;
    public nint StderrBuffer;
    public nint Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryPlpgsqlParseResult
{
    public nint Functions;
    public nint Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQueryFingerprintResult
{
    public ulong Fingerprint;
    public nint FingerprintText;
    public nint StderrBuffer;
    public nint Error;
}

/// <summary>The entry points of libpg_query 15 (Debian package <c>libpg-query1504.0</c>).</summary>
internal static unsafe partial class PgQueryNative
{
    internal const string LibraryName = "pg_query";

    /// <summary>An environment variable naming the exact library file to load.</summary>
    internal const string LibraryPathVariable = "PGLINT_LIBPG_QUERY";

    private static int _loaded;

    /// <summary>The file the library was loaded from (a bare name when the system loader chose), or null before loading.</summary>
    internal static string? LoadedFrom { get; private set; }

    /// <summary>File names tried, in order, when the runtime asks for <see cref="LibraryName"/>.</summary>
    internal static readonly string[] CandidateFileNames =
    [
        "libpg_query.so.1504.0",
        "libpg_query.so",
        "/usr/lib/x86_64-linux-gnu/libpg_query.so.1504.0",
        "/usr/lib/aarch64-linux-gnu/libpg_query.so.1504.0",
        "/usr/local/lib/libpg_query.so",
        "libpg_query.dylib",
        "pg_query.dll",
    ];

    static PgQueryNative() => NativeLibrary.SetDllImportResolver(typeof(PgQueryNative).Assembly, Resolve);

    /// <summary>Loads the native library now, or throws <see cref="PgQueryUnavailableException"/> saying how to install it.</summary>
    internal static void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded) == 1)
        {
            return;
        }

        try
        {
            var probe = stackalloc byte[1];
            pg_query_free_split_result(pg_query_split_with_scanner(probe));
            Volatile.Write(ref _loaded, 1);
        }
        catch (DllNotFoundException ex)
        {
            throw new PgQueryUnavailableException(ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new PgQueryUnavailableException(ex);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return 0;
        }

        // An explicit path wins, and is the only one tried.
        if (Environment.GetEnvironmentVariable(LibraryPathVariable) is { Length: > 0 } configured)
        {
            // Returning 0 would let the runtime fall back to its own probing and find another copy.
            return NativeLibrary.TryLoad(configured, out var chosen)
                ? Loaded(chosen, configured)
                : throw new DllNotFoundException($"{LibraryPathVariable}={configured} cannot be loaded.");
        }

        // A copy shipped next to the assemblies (the packaged tool) wins over the system one.
        var baseDirectory = AppContext.BaseDirectory;
        foreach (var local in new[]
                 {
                     Path.Combine(baseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libpg_query.so.1504.0"),
                     Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", "libpg_query.so.1504.0"),
                     Path.Combine(baseDirectory, "libpg_query.so.1504.0"),
                 })
        {
            if (File.Exists(local) && NativeLibrary.TryLoad(local, out var handle))
            {
                return Loaded(handle, local);
            }
        }

        foreach (var name in CandidateFileNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
            {
                return Loaded(handle, name);
            }
        }

        return 0;
    }

    private static nint Loaded(nint handle, string path)
    {
        LoadedFrom = path;
        return handle;
    }

    [LibraryImport(LibraryName)]
    internal static partial PgQueryProtobufParseResult pg_query_parse_protobuf(byte* input);

    [LibraryImport(LibraryName)]
    internal static partial void pg_query_free_protobuf_parse_result(PgQueryProtobufParseResult result);

    [LibraryImport(LibraryName)]
    internal static partial PgQueryScanResult pg_query_scan(byte* input);

    [LibraryImport(LibraryName)]
    internal static partial void pg_query_free_scan_result(PgQueryScanResult result);

    [LibraryImport(LibraryName)]
    internal static partial PgQuerySplitResult pg_query_split_with_scanner(byte* input);

    [LibraryImport(LibraryName)]
    internal static partial void pg_query_free_split_result(PgQuerySplitResult result);

    [LibraryImport(LibraryName)]
    internal static partial PgQueryPlpgsqlParseResult pg_query_parse_plpgsql(byte* input);

    [LibraryImport(LibraryName)]
    internal static partial void pg_query_free_plpgsql_parse_result(PgQueryPlpgsqlParseResult result);

    [LibraryImport(LibraryName)]
    internal static partial PgQueryFingerprintResult pg_query_fingerprint(byte* input);

    [LibraryImport(LibraryName)]
    internal static partial void pg_query_free_fingerprint_result(PgQueryFingerprintResult result);

    internal static string? ReadString(nint utf8) => utf8 == 0 ? null : Marshal.PtrToStringUTF8(utf8);
}
