using Seratio.Cli.Hosting;

namespace Seratio.Cli.Devnet;

/// <summary>The ports of a multi-validator devnet: validator i listens on base port + i. Pure.</summary>
internal static class DevnetPorts
{
    public static IReadOnlyList<ListenAddress> P2P(ListenAddress first, int validators) =>
        [.. Enumerable.Range(0, validators).Select(i => DevnetHome.Offset(first, i))];

    /// <summary>Reads validator i's P2P listen address back from its node.json, or null without one.</summary>
    public static ListenAddress? P2POf(string nodeConfigPath)
    {
        var listen = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(nodeConfigPath))?["P2P"]?["Listen"]?.GetValue<string>();
        return ListenAddress.TryParse(listen, out var address, out _) ? address : null;
    }
}
