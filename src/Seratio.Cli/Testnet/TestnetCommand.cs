using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;

namespace Seratio.Cli.Testnet;

/// <summary>
/// <c>seratio testnet init --validators N --out DIR</c>: writes what N machines need to run a network
/// together (<see cref="TestnetWriter"/>): one home per validator, keys, one genesis, peer lists.
/// </summary>
internal static class TestnetCommand
{
    public static Command Create(GlobalOptions options)
    {
        var validators = new Option<int>("--validators") { Description = "Number of validators", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Folder to write (must not exist or be empty)", Required = true };
        var chainId = new Option<string>("--chain-id") { Description = "Chain id of the new network", DefaultValueFactory = _ => "seratio-testnet-1" };
        var hosts = new Option<string?>("--hosts")
        {
            Description = "Comma-separated host of each validator (one per validator); default: all on 127.0.0.1, ports moved by the validator's index",
        };
        var p2pPort = new Option<int>("--p2p-port") { Description = "P2P port (validator i uses port + i when all run on one host)", DefaultValueFactory = _ => 26656 };
        var apiPort = new Option<int>("--api-port") { Description = "API port (validator i uses port + i when all run on one host)", DefaultValueFactory = _ => 9090 };
        var accounts = new Option<int>("--accounts") { Description = "Funded accounts to create (1,000,000 SER each)", DefaultValueFactory = _ => 4 };
        var publicApi = new Option<bool>("--public-api")
        {
            Description = "Let the public API (with server reflection) listen on every interface (0.0.0.0); default: 127.0.0.1 only",
        };
        var unsafeKeys = new Option<bool>("--unsafe-keys") { Description = "Write throw-away plain keys (*.testnet-unsafe.key) instead of encrypted keystore files" };
        var daf = new Option<bool>("--daf") { Description = "The DAF governs from genesis: its account is the authority, the funded accounts its council (weight 1 each)" };
        var init = new Command("init", "Write homes, keys, genesis and peer lists for a network of N validator machines")
        {
            validators, output, chainId, hosts, p2pPort, apiPort, publicApi, accounts, unsafeKeys, daf,
        };
        init.SetAction(parse =>
        {
            int n = parse.GetValue(validators);
            if (n is < 1 or > 100) throw CommandException.Usage($"--validators must be 1..100, got {n}");
            int funded = parse.GetValue(accounts);
            if (funded is < 0 or > 1000) throw CommandException.Usage($"--accounts must be 0..1000, got {funded}");
            var hostList = parse.GetValue(hosts) is { } h ? h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
            if (hostList is not null && hostList.Length != n) throw CommandException.Usage($"--hosts names {hostList.Length} hosts for {n} validators");
            int p2p = parse.GetValue(p2pPort), api = parse.GetValue(apiPort);
            if (p2p is < 1 or > 65535 - 100 || api is < 1 or > 65535 - 100) throw CommandException.Usage("--p2p-port and --api-port must be 1..65435");
            if (p2p == api) throw CommandException.Usage("--p2p-port and --api-port must differ");
            if (parse.GetValue(daf) && funded == 0) throw CommandException.Usage("--daf needs --accounts of at least 1: the funded accounts are the DAF's council");
            var plan = new TestnetPlan(parse.GetValue(chainId)!, n, funded, hostList, p2p, api, parse.GetValue(unsafeKeys), parse.GetValue(publicApi), parse.GetValue(daf));
            var written = TestnetWriter.Write(Path.GetFullPath(parse.GetValue(output)!), plan);
            options.Printer(parse).Result(written, () => written.Describe());
            return ExitCodes.Ok;
        });
        return new Command("testnet", "Prepare networks of several machines") { init };
    }
}
