using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Core.Chain;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>What a running devnet prints: API, metrics, chain, funded accounts and a first command to try.</summary>
internal static class DevnetBanner
{
    public static void Print(Printer printer, DevnetLayout layout, Genesis genesis, ListenAddress api, NodeStatus status, string homeArgument, ListenAddress metrics)
    {
        var accounts = genesis.Accounts.Select(a => new
        {
            name = a.Name,
            address = a.Address,
            balance = a.Balance,
            key_file = File.Exists(Path.Combine(layout.KeysDir, a.Name + Tx.SignerResolver.DevnetKeySuffix))
                ? Path.Combine(layout.KeysDir, a.Name + Tx.SignerResolver.DevnetKeySuffix)
                : "",
        }).ToList();
        var example = Example(genesis, api, homeArgument);
        printer.Result(
            new { api = api.ClientUrl, metrics = metrics.ClientUrl + "/metrics", chain_id = status.ChainId, height = status.LatestHeight, home = layout.Home, accounts, example },
            () =>
            {
                var lines = new List<string>
                {
                    "",
                    $"devnet running: API {api.ClientUrl}, chain {status.ChainId}, height {status.LatestHeight}",
                    $"home {layout.Home}",
                    $"metrics {metrics.ClientUrl}/metrics (Prometheus; validator i: port + i), consensus state: seratio consensus",
                    "",
                    "funded development accounts (throw-away keys, never for real funds):",
                };
                lines.AddRange(accounts.Select(a => $"  {a.name,-6} {a.address}  {Display.Ser(a.balance)}  {a.key_file}"));
                lines.Add("");
                lines.Add("try:  " + example);
                lines.Add("stop: Ctrl-C");
                return lines;
            });
    }

    private static string Example(Genesis genesis, ListenAddress api, string homeArgument)
    {
        var from = genesis.Accounts.Count > 0 ? genesis.Accounts[0].Name : "dev-0";
        var to = genesis.Accounts.Count > 1 ? genesis.Accounts[1].Address : "<address>";
        var example = $"seratio tx send --from {from} --to {to} --amount 10SER --wait";
        if (api.ToString() != DevnetCommand.DefaultApi) example += $" --node {api.ClientUrl}";
        if (homeArgument != GlobalOptions.DefaultDevnetHome) example += $" --home {homeArgument}";
        return example;
    }
}
