using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Survey.Api.ResidentForm;

/// <summary>
/// The form's static files (wwwroot/form.css, wwwroot/form.js) with a content hash in the query string
/// (<c>/form.js?v=1a2b3c4d5e6f</c>): a changed file gets a new URL, so the current one may be cached for a year.
/// </summary>
public static class FormAssets
{
    public const string Stylesheet = "/form.css";
    public const string Script = "/form.js";
    public const string Icon = "/favicon.svg";

    private static readonly ConcurrentDictionary<string, string> Versions = new();

    /// <summary>The path with <c>?v=</c> and the file's content hash (or "missing" when the file is absent).</summary>
    public static string Url(IWebHostEnvironment environment, string path) => $"{path}?v={Version(environment.WebRootFileProvider, environment.WebRootPath, path)}";

    private static string Version(IFileProvider files, string? root, string path) =>
        Versions.GetOrAdd($"{root}|{path}", _ =>
        {
            var file = files.GetFileInfo(path);
            if (!file.Exists) return "missing";
            using var stream = file.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        });

    /// <summary>
    /// Serves wwwroot with cache headers: a year and immutable when the request carries the file's current version,
    /// five minutes otherwise (an old or missing version still gets the current file, briefly cached).
    /// </summary>
    public static IApplicationBuilder UseResidentFormStaticFiles(this WebApplication app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = context =>
        {
            var request = context.Context.Request;
            var current = Version(app.Environment.WebRootFileProvider, app.Environment.WebRootPath, request.Path.Value ?? "");
            context.Context.Response.Headers.CacheControl = request.Query["v"] == current
                ? "public, max-age=31536000, immutable"
                : "public, max-age=300";
        },
    });
}
