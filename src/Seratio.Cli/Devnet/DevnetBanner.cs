using Seratio.Cli.Anchor;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Cli.Rpc;
using Seratio.Core.Chain;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>
/// What a running devnet prints: API, metrics, chain, funded accounts and a first command to try. The accounts show
/// their balances at the height devnet resumed at (a devnet resumed from an existing folder has moved funds since
/// genesis), or, when the node could not be asked, their genesis balances, labelled as such. Stateless.
/// </summary>
internal static class DevnetBanner
{
    /// <summary>
    /// The development accounts' balances (SER base units, in genesis order) at <paramref name="height"/>, read from the
    /// node at <paramref name="url"/>; null when any read fails, so the banner falls back to the genesis balances.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> ReadBalancesAsync(string url, Genesis genesis, ulong height, CancellationToken ct)
    {
        using var node = NodeConnection.Open(url);
        var balances = new List<string>();
        try
        {
            foreach (var account in genesis.Accounts)
            {
                var response = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = account.Address, Height = height }, o),
                    NodeConnection.QuickCall, ct);
                balances.Add(response.Balance);
            }
        }
        catch (CommandException)
        {
            return null;
        }
        return balances;
    }

    /// <summary>
    /// Prints the banner; <paramref name="portal"/> is the portal's address (null: not served); <paramref name="balances"/> as <see cref="ReadBalancesAsync"/> gave them (null: genesis balances),
    /// and with <c>--anchor</c> the anvils, contracts and outboxes in <paramref name="anchor"/>.
    /// </summary>
    public static void Print(Printer printer, DevnetLayout layout, Genesis genesis, ListenAddress api, NodeStatus status, string homeArgument, ListenAddress metrics,
        IReadOnlyList<string>? balances, AnchorFile? anchor = null, string? portal = null)
    {
        var accounts = genesis.Accounts.Select((a, i) => new
        {
            name = a.Name,
            address = a.Address,
            balance = balances is null ? a.Balance : balances[i],
            key_file = File.Exists(Path.Combine(layout.KeysDir, a.Name + Tx.SignerResolver.DevnetKeySuffix))
                ? Path.Combine(layout.KeysDir, a.Name + Tx.SignerResolver.DevnetKeySuffix)
                : "",
        }).ToList();
        var example = Example(genesis, api, homeArgument);
        string balancesAt = balances is null ? "genesis balances (the node could not be asked for current ones)" : $"balances at height {status.LatestHeight}";
        printer.Result(
            new
            {
                api = api.ClientUrl, portal, metrics = metrics.ClientUrl + "/metrics", chain_id = status.ChainId, height = status.LatestHeight, home = layout.Home,
                // The height the balances were read at; null when they are the genesis balances.
                balances_height = balances is null ? (ulong?)null : status.LatestHeight,
                accounts, example,
                daf = Governed(genesis) ? new { governs = true, address = genesis.Authority, council = genesis.Daf!.Members.Select(m => m.Address).ToList(), propose = ProposeExample(genesis, api, homeArgument) } : null,
                anchor = anchor is null ? null : new
                {
                    checkpoint_interval = genesis.Params.CheckpointInterval,
                    confirmations = DevnetAnchors.Confirmations,
                    chains = anchor.Chains.Select(c => new { name = c.Name, rpc = c.Rpc, evm_chain_id = c.EvmChainId, contract = c.Contract, outbox = c.Outbox }).ToList(),
                    status = AnchorStatusExample(homeArgument),
                    verify = VerifyExample(anchor),
                },
            },
            () =>
            {
                var lines = new List<string>
                {
                    "",
                    $"devnet running: API {api.ClientUrl}, chain {status.ChainId}, height {status.LatestHeight}",
                    $"home {layout.Home}",
                    $"metrics {metrics.ClientUrl}/metrics (Prometheus; validator i: port + i), consensus state: seratio consensus",
                    "",
                    $"funded development accounts, {balancesAt} (throw-away keys, never for real funds):",
                };
                if (portal is not null) lines.Insert(3, $"portal {portal} (explorer, certificates, values navigator, browser wallet)");
                lines.AddRange(accounts.Select(a => $"  {a.name,-6} {a.address}  {Display.Ser(a.balance)}  {a.key_file}"));
                if (anchor is not null) lines.AddRange(AnchorLines(anchor, genesis, homeArgument));
                lines.AddRange(DafLines(genesis, api, homeArgument));
                lines.Add("");
                lines.Add("try:  " + example);
                lines.Add("stop: Ctrl-C");
                return lines;
            });
    }

    private static IEnumerable<string> AnchorLines(AnchorFile anchor, Genesis genesis, string homeArgument)
    {
        yield return "";
        yield return $"anchoring every {genesis.Params.CheckpointInterval} heights to two anvils (a block a second; relayers wait {DevnetAnchors.Confirmations} confirmations):";
        foreach (var c in anchor.Chains)
            yield return $"  {c.Name,-4} {c.Rpc}  chain id {c.EvmChainId}  contract {c.Contract}  outbox {c.Outbox}";
        yield return "anchor status: " + AnchorStatusExample(homeArgument);
        yield return "verify on etc: " + VerifyExample(anchor);
    }

    private static bool Governed(Genesis genesis) => genesis.Daf is not null && genesis.Authority == GenesisDaf.DafAddress.ToString();

    private static IEnumerable<string> DafLines(Genesis genesis, ListenAddress api, string homeArgument)
    {
        if (!Governed(genesis)) yield break;
        var names = genesis.Daf!.Members.Select(m => genesis.Accounts.FirstOrDefault(a => a.Address == m.Address)?.Name ?? m.Address);
        yield return "";
        yield return $"the DAF governs this chain: its account {genesis.Authority} is the authority, and no key can act as the authority on its own.";
        yield return $"council: {string.Join(", ", names)} (weight 1 each). Change things by proposal, vote, and wait out the timelock:";
        yield return "propose: " + ProposeExample(genesis, api, homeArgument);
        yield return "then:    seratio daf vote 1 yes --from dev-1 --wait; seratio daf show 1";
    }

    private static string ProposeExample(Genesis genesis, ListenAddress api, string homeArgument)
    {
        var account = genesis.Accounts.Count > 3 ? genesis.Accounts[3].Address : "<address>";
        var example = $"seratio daf propose grant-role --title \"Accredit an issuer\" --account {account} --role issuer --from dev-0 --wait";
        if (api.ToString() != DevnetCommand.DefaultApi) example += $" --node {api.ClientUrl}";
        if (homeArgument != GlobalOptions.DefaultDevnetHome) example += $" --home {homeArgument}";
        return example;
    }

    private static string AnchorStatusExample(string homeArgument) =>
        "seratio anchor status" + (homeArgument != GlobalOptions.DefaultDevnetHome ? $" --home {homeArgument}" : "");

    private static string VerifyExample(AnchorFile anchor)
    {
        var etc = anchor.Chains.First(c => c.Name == "etc");
        return $"seratio cert verify CERT_ID --on etc --rpc {etc.Rpc} --contract {etc.Contract}";
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
