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
    /// <summary>Writes a one-validator devnet into <paramref name="layout"/>'s folder, which must be absent, empty or an incomplete devnet.</summary>
    public static void Create(DevnetLayout layout, ListenAddress api)
    {
        if (Directory.Exists(layout.Home) && Directory.EnumerateFileSystemEntries(layout.Home).Any() && !File.Exists(layout.Marker))
            throw CommandException.Usage($"{layout.Home} exists and is not a devnet; choose another --home or empty it");
        var genesisJson = EmbeddedGenesis.Text();
        var genesis = Genesis.Parse(genesisJson);

        const int validator = 0;
        Directory.CreateDirectory(Path.GetDirectoryName(layout.GenesisPath(validator))!);
        Directory.CreateDirectory(Path.GetDirectoryName(layout.ValidatorKeyPath(validator))!);
        Directory.CreateDirectory(layout.KeysDir);
        File.WriteAllText(layout.GenesisPath(validator), genesisJson);
        File.WriteAllText(layout.NodeConfigPath(validator), NodeConfig(api));
        using (var key = DevnetKeys.Validator(validator)) WriteKey(layout.ValidatorKeyPath(validator), key);
        for (int i = 0; i < DevnetKeys.DevAccountCount; i++)
        {
            using var key = DevnetKeys.DevAccount(i);
            WriteKey(layout.DevAccountKeyPath(i), key);
        }
        // Written last: its presence says the folder is complete and may be reset.
        File.WriteAllText(layout.Marker, new JsonObject
        {
            ["chain_id"] = genesis.ChainId,
            ["validators"] = 1,
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

    /// <summary>config/node.json of a devnet validator: the API listen address (sections "Chain", "Api", "Mempool").</summary>
    public static string NodeConfig(ListenAddress api) => new JsonObject
    {
        ["Chain"] = new JsonObject(),
        ["Api"] = new JsonObject { ["Listen"] = api.ToString() },
        ["Mempool"] = new JsonObject(),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static void WriteKey(string path, Core.Crypto.SigningKey key)
    {
        if (File.Exists(path)) File.Delete(path);
        UnsafeKeyFile.Write(path, key);
    }
}
