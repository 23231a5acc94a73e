using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
            await using var app = Build(homeDir, overrides);
            RefuseBusyListeners(app.Configuration);
            ResolveBeforeStart(app.Services);
            try
            {
                // The host's console lifetime handles Ctrl-C and SIGTERM; ct covers in-process callers. A fatal stop
                // (a failed service, a full disk) gives its own non-zero code (docs/operations.md, "Exit codes").
                return await NodeRun.RunAsync(app, ct);
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Taken between the probe and the bind; the host has logged it, the user gets one line too.
                throw CommandException.Failed($"{ex.Message} Another node or devnet may hold the port; stop it or choose another address.");
            }
        });
        node.Subcommands.Add(start);
        return node;
    }

    /// <summary>Builds the node; a home it cannot open (its database held by a node already running there) is one error line.</summary>
    private static Microsoft.AspNetCore.Builder.WebApplication Build(string home, string[] overrides)
    {
        try
        {
            return NodeHost.Build(home, overrides);
        }
        catch (IOException ex)
        {
            throw CommandException.Failed($"cannot start the node: {ex.Message}");
        }
    }

    /// <summary>
    /// A port already taken is the commonest start failure: found here it is one line naming the
    /// setting to change, instead of the host's "failed to start" log with Kestrel's stack trace.
    /// </summary>
    private static void RefuseBusyListeners(IConfiguration configuration)
    {
        var listeners = new List<(string Setting, string Text, string Fix)>
        {
            ("Api:Listen", configuration["Api:Listen"] ?? "127.0.0.1:9090", "--api HOST:PORT"),
        };
        if (configuration.GetSection("P2P").Exists())
            listeners.Add(("P2P:Listen", configuration["P2P:Listen"] ?? "127.0.0.1:26656", "P2P:Listen in config/node.json"));
        if (configuration["Metrics:Listen"] is { Length: > 0 } metrics) listeners.Add(("Metrics:Listen", metrics, "--metrics HOST:PORT"));
        foreach (var (setting, text, fix) in listeners)
        {
            if (!ListenAddress.TryParse(text, out var address, out _)) continue; // the node's own validation names it
            if (Devnet.PortProbe.InUse(address) is { } inUse)
                throw CommandException.Failed($"cannot listen on {address} ({setting}): {inUse}. Another node or devnet may be running there; stop it, or choose a free address with {fix}");
        }
    }

    /// <summary>
    /// Builds the hosted services (and so loads keys and checks options) before the host starts them:
    /// a refused key or a bad setting then ends the command with one error line, where the host
    /// would log it with a stack trace. The host later starts these same singletons.
    /// </summary>
    private static void ResolveBeforeStart(IServiceProvider services)
    {
        try
        {
            _ = services.GetServices<IHostedService>().ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw CommandException.Failed($"cannot start the node: {ex.Message}");
        }
    }
}
