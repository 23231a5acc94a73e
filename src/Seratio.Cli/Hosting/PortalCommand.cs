using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;
using Seratio.Portal.Hosting;

namespace Seratio.Cli.Hosting;

/// <summary>
/// <c>seratio portal [--node URL] [--listen HOST:PORT]</c>: serves the Seratio Portal (explorer, certificates, lineage,
/// values navigator, browser wallet) for any node until Ctrl-C. The portal reads the node over its public gRPC API;
/// the wallet signs in the browser, so no key reaches this process (docs/portal.md).
/// </summary>
internal static class PortalCommand
{
    public const string DefaultListen = "127.0.0.1:9490";

    public static Command Create(GlobalOptions options)
    {
        var listen = new Option<string>("--listen") { Description = "Listen address of the portal, host:port", DefaultValueFactory = _ => DefaultListen };
        var command = new Command("portal", "Serve the web portal (explorer, certificates, values navigator, browser wallet) for a node") { listen };
        command.SetAction(async (parse, ct) =>
        {
            var node = parse.GetValue(options.Node)!;
            if (!Uri.TryCreate(node, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw CommandException.Usage($"--node: '{node}' is not an http:// or https:// URL");
            var portalOptions = Options(parse.GetValue(listen), node, "--listen");
            await using var app = await StartAsync(portalOptions, ct);
            options.Console.Out.WriteLine($"portal: {portalOptions.BrowserUrl} (reading {node}); stop: Ctrl-C");
            // The web host's console lifetime takes Ctrl-C and SIGTERM (so that the process is not killed mid-request) and
            // says so through ApplicationStopping: wait for that, or for the command's own cancellation.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Portal options for <paramref name="listen"/>; a usage error naming <paramref name="option"/> when it is not host:port.</summary>
    public static PortalOptions Options(string? listen, string nodeUrl, string option)
    {
        if (!ListenAddress.TryParse(listen, out var address, out var error)) throw CommandException.Usage($"{option}: {error}");
        if (!PortalHost.IsListenHost(address.Host)) throw CommandException.Usage($"{option}: '{address.Host}' is not an IP address, localhost or a wildcard");
        return new PortalOptions(nodeUrl, address.Host, address.Port);
    }

    /// <summary>Builds and starts the portal; a port already taken is one error line.</summary>
    public static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(PortalOptions portal, CancellationToken ct)
    {
        if (PortProbe.InUse(new ListenAddress(portal.ListenHost, portal.ListenPort)) is { } inUse)
            throw CommandException.Failed($"cannot serve the portal on {portal.ListenHost}:{portal.ListenPort}: {inUse}");
        var app = PortalHost.Build(portal);
        try
        {
            await app.StartAsync(ct);
            return app;
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw CommandException.Failed($"cannot serve the portal on {portal.ListenHost}:{portal.ListenPort}: {ex.Message}");
        }
    }
}
