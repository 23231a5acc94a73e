using System.Text.Json;
using System.Text.Json.Nodes;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Core.Chain;
using Seratio.Core.Keys;

namespace Seratio.Cli.Devnet;

/// <summary>Creates and resets devnet folders (see <see cref="DevnetLayout"/>).</summary>
internal static class DevnetHome
{
    /// <summary>
    /// Writes a devnet of <paramref name="validators"/> validators into <paramref name="layout"/>'s folder, which must be
    /// absent, empty or an incomplete devnet. One validator: the committed genesis.json, a P2P port that validators
    /// added later (`tx set-validator`) dial, no peers to dial itself. Several: a
    /// generated genesis naming them all, validator i with API on <paramref name="api"/>'s port + i and P2P on
    /// <paramref name="p2p"/>'s port + i, dialling every other one. <paramref name="daf"/>: a generated genesis in which
    /// the DAF is the authority and the dev accounts its council.
    /// </summary>
    public static void Create(DevnetLayout layout, ListenAddress api, int validators = 1, ListenAddress? p2p = null, bool daf = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validators, 1);
        if (Directory.Exists(layout.Home) && Directory.EnumerateFileSystemEntries(layout.Home).Any() && !File.Exists(layout.Marker))
            throw CommandException.Usage($"{layout.Home} exists and is not a devnet; choose another --home or empty it");
        var genesisJson = validators == 1 && !daf ? EmbeddedGenesis.Text() : DevnetGenesis.Build(validators, daf).ToJson();
        var genesis = Genesis.Parse(genesisJson);

        Directory.CreateDirectory(layout.KeysDir);
        for (int validator = 0; validator < validators; validator++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(layout.GenesisPath(validator))!);
            Directory.CreateDirectory(Path.GetDirectoryName(layout.ValidatorKeyPath(validator))!);
            File.WriteAllText(layout.GenesisPath(validator), genesisJson);
            File.WriteAllText(layout.NodeConfigPath(validator), validators == 1
                ? NodeConfig(api, p2p ?? Offset(api, DevnetCommand.P2PPortOffset))
                : NetworkNodeConfig(Offset(api, validator), DevnetPorts.P2P(p2p ?? Offset(api, DevnetCommand.P2PPortOffset), validators), validator));
            using var key = DevnetKeys.Validator(validator);
            WriteKey(layout.ValidatorKeyPath(validator), key);
            // The genesis registers this key, so the validator signs checkpoints from the first one (docs/anchoring.md).
            File.WriteAllText(layout.AnchorKeyPath(validator), Seratio.Node.Anchoring.AnchorKey.UnsafeJson(DevnetKeys.Anchor(validator)) + "\n");
        }
        for (int i = 0; i < DevnetKeys.DevAccountCount; i++)
        {
            using var key = DevnetKeys.DevAccount(i);
            WriteKey(layout.DevAccountKeyPath(i), key);
        }
        // Written last: its presence says the folder is complete and may be reset.
        File.WriteAllText(layout.Marker, new JsonObject
        {
            ["chain_id"] = genesis.ChainId,
            ["validators"] = validators,
            ["daf"] = daf,
            ["genesis_hash"] = genesis.Hash().ToString(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Deletes a devnet folder; refuses a folder that is not marked as a devnet, so a typo cannot wipe other files.</summary>
    public static void Reset(DevnetLayout layout)
    {
        if (!Directory.Exists(layout.Home)) return;
        if (!File.Exists(layout.Marker) && Directory.EnumerateFileSystemEntries(layout.Home).Any())
            throw CommandException.Usage($"--reset refuses to delete {layout.Home}: it has no devnet.json, so it may not be a devnet");
        Directory.Delete(layout.Home, recursive: true);
    }

    /// <summary>
    /// config/node.json of a one-validator devnet: the API, a P2P port with no peers to dial (so the chain can grow
    /// into a BFT network: validators the authority adds dial it), blocks 200 ms after a commit when the pool holds
    /// transactions and an empty block at most every 5 s.
    /// </summary>
    public static string NodeConfig(ListenAddress api, ListenAddress p2p) => new JsonObject
    {
        ["Chain"] = new JsonObject(),
        ["Api"] = new JsonObject { ["Listen"] = api.ToString() },
        ["P2P"] = new JsonObject { ["Listen"] = p2p.ToString(), ["Peers"] = new JsonArray() },
        ["Consensus"] = new JsonObject
        {
            ["CommitWaitMs"] = DevnetCommitWaitMs,
            ["EmptyBlockIntervalMs"] = SingleValidatorEmptyBlockIntervalMs,
        },
        ["Mempool"] = new JsonObject(),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Consensus:EmptyBlockIntervalMs of a one-validator devnet: an idle chain makes an empty block every 5 s.</summary>
    public const int SingleValidatorEmptyBlockIntervalMs = 5000;

    /// <summary>Consensus:CommitWaitMs of every devnet validator (the commit's synced write runs during it).</summary>
    public const int DevnetCommitWaitMs = 50;

    /// <summary>
    /// Consensus:EmptyBlockIntervalMs of a multi-validator devnet: an idle devnet makes an empty block a second, not one
    /// per commit wait (twenty a second), while a transaction still starts its block at once.
    /// </summary>
    public const int DevnetEmptyBlockIntervalMs = 1000;

    /// <summary>Consensus:ProposalMaxTxs of a multi-validator devnet's validators.</summary>
    public const int DevnetProposalMaxTxs = 1000;

    /// <summary>Mempool:MaxTxs of a multi-validator devnet's validators.</summary>
    public const int DevnetMempoolMaxTxs = 4 * DevnetProposalMaxTxs;

    /// <summary>Consensus:Timeouts:ProposeMs of a multi-validator devnet's validators.</summary>
    public const int DevnetProposeMs = 2000;

    /// <summary>config/node.json of validator <paramref name="index"/> of a multi-validator devnet: API, P2P (dialling every other validator by key), devnet's consensus and mempool settings.</summary>
    public static string NetworkNodeConfig(ListenAddress api, IReadOnlyList<ListenAddress> p2p, int index)
    {
        var peers = new JsonArray();
        for (int j = 0; j < p2p.Count; j++)
        {
            if (j == index) continue;
            using var key = DevnetKeys.Validator(j);
            peers.Add($"{Convert.ToHexStringLower(key.PublicKey.ToArray())}@{DialHost(p2p[j])}");
        }
        return new JsonObject
        {
            ["Chain"] = new JsonObject(),
            ["Api"] = new JsonObject { ["Listen"] = api.ToString() },
            ["P2P"] = new JsonObject { ["Listen"] = p2p[index].ToString(), ["Peers"] = peers },
            // A local network answers in milliseconds: wait 50 ms (not 1 s) after a decision, so a
            // transaction commits in a fraction of a second (the synced write runs during the wait);
            // give a proposer 2 s (not 3 s), so a stopped validator's turn to propose costs 2 s; and cap
            // a proposal at 1,000 transactions, so that four validators sharing two cores commit every
            // second even when offered twice what they can carry (3,000-tx blocks left seconds with no
            // commit; benchmarks/RESULTS.md, issue 8).
            ["Consensus"] = new JsonObject
            {
                ["CommitWaitMs"] = DevnetCommitWaitMs,
                ["EmptyBlockIntervalMs"] = DevnetEmptyBlockIntervalMs,
                ["ProposalMaxTxs"] = DevnetProposalMaxTxs,
                ["Timeouts"] = new JsonObject { ["ProposeMs"] = DevnetProposeMs },
            },
            // Four capped blocks of backlog: beyond it submissions are refused (PoolFull, retry) instead
            // of every validator spending the cores on admitting and gossiping transactions that wait
            // many blocks, while the block being agreed waits for a core.
            ["Mempool"] = new JsonObject { ["MaxTxs"] = DevnetMempoolMaxTxs },
            // No "Logging": devnet quiets the validators it starts through their environment (it prints a status line per
            // node instead), so a validator started again by hand with `seratio node start` logs at Information.
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Brings a devnet written by an older version up to date: its validators' node.json quieted their logs to Warning,
    /// which also silenced a validator started again by hand; devnet now quiets the children it starts through their
    /// environment instead. Only that exact setting is removed; anything else an operator wrote stays.
    /// </summary>
    public static void Upgrade(DevnetLayout layout, int validators)
    {
        for (int i = 0; i < validators; i++)
        {
            var path = layout.NodeConfigPath(i);
            if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path)) is not JsonObject config) continue;
            if (config["Logging"] is not JsonObject logging || logging.Count != 1 || logging["LogLevel"] is not JsonObject levels
                || levels.Count != 1 || (string?)levels["Default"] != "Warning") continue;
            config.Remove("Logging");
            File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }

    /// <summary><paramref name="address"/> with its port moved by <paramref name="offset"/>.</summary>
    public static ListenAddress Offset(ListenAddress address, int offset) => address with { Port = address.Port + offset };

    private static string DialHost(ListenAddress address) =>
        address.Host is "0.0.0.0" or "*" or "+" ? $"127.0.0.1:{address.Port}" : address.ToString();

    private static void WriteKey(string path, Core.Crypto.SigningKey key)
    {
        if (File.Exists(path)) File.Delete(path);
        UnsafeKeyFile.Write(path, key);
    }
}
