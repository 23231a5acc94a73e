namespace Seratio.Cli.Devnet;

/// <summary>The repository's genesis.json, embedded at build time so the CLI needs no checkout to start a devnet.</summary>
internal static class EmbeddedGenesis
{
    public const string ResourceName = "Seratio.Cli.genesis.json";

    public static string Text()
    {
        using var stream = typeof(EmbeddedGenesis).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
