using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Hosting;

/// <summary>
/// Serves the files under <c>Static/</c>, embedded in this assembly, at <c>/static/…</c> with an ETag, so a portal hosted
/// by any program (the CLI, a test) needs no folder beside it. Read once at start; immutable after.
/// </summary>
internal static class StaticFiles
{
    private const string Prefix = "static/";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ETag, string ContentType)> Files = Load();

    /// <summary>The served paths, e.g. "js/wallet.js".</summary>
    public static IEnumerable<string> Paths => Files.Keys;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/static/{**path}", (string path, HttpContext http) =>
    {
        if (!Files.TryGetValue(path, out var file)) return Results.NotFound();
        if (http.Request.Headers.IfNoneMatch == file.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        http.Response.Headers.ETag = file.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(file.Bytes, file.ContentType);
    });

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(StaticFiles).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            files[name[Prefix.Length..].Replace('\\', '/')] = (bytes, etag, ContentType(name));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
