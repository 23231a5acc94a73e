using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seratio.Cli.Cli;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Numerics;

namespace Seratio.Cli.Testnet;

/// <summary>What was written, for the printer.</summary>
internal sealed record TestnetWritten(string Out, string ChainId, string GenesisHash, IReadOnlyList<string> Homes, IReadOnlyList<string> Peers, IReadOnlyList<string> Accounts)
{
    public IEnumerable<string> Describe()
    {
        yield return $"testnet {ChainId} written to {Out} (genesis {GenesisHash})";
        foreach (var home in Homes) yield return $"  {home}";
        yield return "peers (KEY@host:port):";
        foreach (var peer in Peers) yield return $"  {peer}";
        yield return $"copy each validator-i folder to its machine and run: seratio node start --home validator-i";
    }
}

/// <summary>
/// Writes a network for N machines: OUT/validator-i/{config/genesis.json, config/node.json, keys/, secrets/},
/// OUT/genesis.json, OUT/peers.txt and OUT/accounts/ with the funded accounts' keys. Keys are new random keys
/// in encrypted keystore files (Argon2id + XChaCha20-Poly1305) whose passphrases are written next to them in
/// secrets/ (0700, files 0600: move them to a secret store), or with <see cref="TestnetPlan.UnsafeKeys"/> plain throw-away files.
/// </summary>
internal static class TestnetWriter
{
    public static TestnetWritten Write(string output, TestnetPlan plan)
    {
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw CommandException.Usage($"{output} is not empty; choose an empty or new folder for --out");
        Directory.CreateDirectory(output);

        var validatorKeys = new List<PublicKey>();
        for (int i = 0; i < plan.Validators; i++)
        {
            var home = Path.Combine(output, $"validator-{i}");
            Directory.CreateDirectory(Path.Combine(home, "config"));
            validatorKeys.Add(WriteKey(Path.Combine(home, "keys"), Path.Combine(home, "secrets"), "validator", plan.UnsafeKeys));
        }
        var accountAddresses = new List<GenesisAccount>();
        for (int i = 0; i < plan.Accounts; i++)
        {
            var key = WriteKey(Path.Combine(output, "accounts"), Path.Combine(output, "accounts", "secrets"), $"account-{i}", plan.UnsafeKeys);
            accountAddresses.Add(new GenesisAccount { Name = $"account-{i}", Address = key.ToAddress().ToString(), Balance = Ser.Whole(1_000_000).ToString() });
        }
        var genesis = new Genesis
        {
            ChainId = plan.ChainId,
            GenesisTimeUnixMs = 1_795_651_200_000,
            Validators = [.. validatorKeys.Select((k, i) => new GenesisValidator { Name = $"validator-{i}", PublicKey = k.ToString(), Power = 10 })],
            Accounts = accountAddresses,
            // account-0 holds the authority (validator and role changes) until the DAF takes it over; with --daf the DAF
            // holds it from genesis and the funded accounts are its council (the default parameters: real periods).
            Authority = plan.Daf ? Devnet.DafGenesisSection.DafAuthority : accountAddresses.Count > 0 ? accountAddresses[0].Address : null,
            Daf = plan.Daf ? Devnet.DafGenesisSection.Council(accountAddresses.Select(a => a.Address), devnet: false) : null,
        };
        genesis.Validate();
        var genesisJson = genesis.ToJson();
        File.WriteAllText(Path.Combine(output, "genesis.json"), genesisJson);

        var peers = validatorKeys.Select((k, i) => $"{Hex(k)}@{plan.Host(i)}:{plan.P2P(i)}").ToList();
        File.WriteAllLines(Path.Combine(output, "peers.txt"), peers);
        var homes = new List<string>();
        for (int i = 0; i < plan.Validators; i++)
        {
            var home = Path.Combine(output, $"validator-{i}");
            File.WriteAllText(Path.Combine(home, "config", "genesis.json"), genesisJson);
            File.WriteAllText(Path.Combine(home, "config", "node.json"), NodeConfig(plan, i, peers, validatorKeyFile: KeyFileName("validator", plan.UnsafeKeys)));
            homes.Add(home);
        }
        return new TestnetWritten(output, plan.ChainId, genesis.Hash().ToString(), homes, peers, [.. accountAddresses.Select(a => a.Address)]);
    }

    private static string NodeConfig(TestnetPlan plan, int index, IReadOnlyList<string> peers, string validatorKeyFile)
    {
        var chain = new JsonObject { ["ValidatorKeyFile"] = $"keys/{validatorKeyFile}" };
        if (!plan.UnsafeKeys) chain["ValidatorKeyPassphraseFile"] = "secrets/validator.passphrase";
        return new JsonObject
        {
            ["Chain"] = chain,
            ["Api"] = new JsonObject { ["Listen"] = $"{plan.ApiListenHost}:{plan.Api(index)}" },
            ["P2P"] = new JsonObject
            {
                ["Listen"] = $"{plan.ListenHost}:{plan.P2P(index)}",
                ["Peers"] = new JsonArray([.. peers.Where((_, j) => j != index).Select(p => (JsonNode)JsonValue.Create(p)!)]),
            },
            ["Consensus"] = new JsonObject(),
            ["Mempool"] = new JsonObject(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string KeyFileName(string name, bool unsafeKeys) => unsafeKeys ? $"{name}.testnet-unsafe.key" : $"{name}{KeyFiles.Extension}";

    /// <summary>A new key in <paramref name="keysDir"/>; encrypted with a new random passphrase written to <paramref name="secretsDir"/>.</summary>
    private static PublicKey WriteKey(string keysDir, string secretsDir, string name, bool unsafeKeys)
    {
        OwnerOnlyFiles.CreateDirectory(keysDir);
        using var key = SigningKey.Generate();
        if (unsafeKeys)
        {
            UnsafeKeyFile.Write(Path.Combine(keysDir, KeyFileName(name, true)), key);
            return key.PublicKey;
        }
        // 0700 and 0600 from creation: a passphrase is never readable by others, not even for a moment.
        OwnerOnlyFiles.CreateDirectory(secretsDir);
        var passphrase = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        OwnerOnlyFiles.WriteNewText(Path.Combine(secretsDir, $"{name}.passphrase"), passphrase + "\n");
        var result = new Keystore(keysDir).Import(name, key.ExportSeed(), passphrase);
        if (!result.IsOk) throw CommandException.Failed($"cannot write the key {name}: {result.Error}");
        return key.PublicKey;
    }

    private static string Hex(PublicKey key) => Convert.ToHexStringLower(key.ToArray());
}
