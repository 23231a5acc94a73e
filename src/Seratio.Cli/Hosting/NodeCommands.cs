using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Node.Hosting;

namespace Seratio.Cli.Hosting;

/// <summary><c>seratio node start</c>: runs a node in this process until SIGTERM or Ctrl-C.</summary>
internal static class NodeCommands
{
    public static Command Create()
    {
        var node = new Command("node", "Run a node");
        var home = new Option<string>("--home") { Description = "Node home: config/genesis.json, config/node.json, keys/, data/", Required = true };
        var api = new Option<string?>("--api") { Description = "Listen address of the public gRPC API, host:port (overrides config/node.json Api:Listen)" };
        var metrics = new Option<string?>("--metrics") { Description = "Serve Prometheus metrics at http://host:port/metrics (overrides config/node.json Metrics:Listen)" };
        var start = new Command("start", "Start a node from its home folder; stops on Ctrl-C or SIGTERM") { home, api, metrics };
        start.SetAction(async (parse, ct) =>
        {
            var homeDir = parse.GetValue(home)!;
            if (!File.Exists(Path.Combine(homeDir, "config", "genesis.json")))
                throw CommandException.Usage($"{Path.GetFullPath(homeDir)} is not a node home: config/genesis.json is missing (create one with 'seratio devnet')");
            var apiAddress = parse.GetValue(api);
            if (apiAddress is not null && !ListenAddress.TryParse(apiAddress, out _, out var error)) throw CommandException.Usage($"--api: {error}");
            var metricsAddress = parse.GetValue(metrics);
            if (metricsAddress is not null && !ListenAddress.TryParse(metricsAddress, out _, out var metricsError)) throw CommandException.Usage($"--metrics: {metricsError}");
            string[] overrides = [.. apiAddress is null ? [] : new[] { $"--Api:Listen={apiAddress}" },
                .. metricsAddress is null ? [] : new[] { $"--Metrics:Listen={metricsAddress}" }];
            await using var app = NodeHost.Build(homeDir, overrides);
            // The host's console lifetime handles Ctrl-C and SIGTERM; ct covers in-process callers. A fatal stop
            // (a failed service, a full disk) gives its own non-zero code (docs/operations.md, "Exit codes").
            return await NodeRun.RunAsync(app, ct);
        });
        node.Subcommands.Add(start);
        return node;
    }
}
