using System.Text.Json.Nodes;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;

namespace Seratio.Cli.Devnet;

/// <summary>
/// The genesis <c>daf</c> section of a network the DAF governs from its first block (<c>seratio devnet --daf</c>,
/// <c>testnet init --daf</c>): the given accounts as the council with weight 1 each, and for a devnet short periods so
/// that a proposal goes from submission to execution within a minute of devnet blocks (docs/modules/daf.md). Pure.
/// </summary>
internal static class DafGenesisSection
{
    /// <summary>Blocks of a devnet's deposit period, voting period, expedited vote and timelock.</summary>
    public const ulong DevnetDepositPeriod = 20, DevnetVotingPeriod = 10, DevnetExpeditedVotingPeriod = 3, DevnetTimelock = 3;

    /// <summary>SER a devnet proposal needs in deposit to go to the vote.</summary>
    public const ulong DevnetMinDepositSer = 100;

    /// <summary>The DAF's account as a genesis authority.</summary>
    public static string DafAuthority => GenesisDaf.DafAddress.ToString();

    /// <summary>A council of <paramref name="members"/> (addresses), weight 1 each; <paramref name="devnet"/>: with the devnet's short periods.</summary>
    public static GenesisDaf Council(IEnumerable<string> members, bool devnet) => new()
    {
        Members = [.. members.Select(address => new GenesisDafMember { Address = address, Weight = 1 })],
        Params = devnet ? DevnetParams() : null,
    };

    /// <summary>The devnet's parameters over the defaults: short periods, a 100 SER deposit and a fast conviction decay (a = 9/10).</summary>
    public static JsonObject DevnetParams() => new()
    {
        ["min_deposit"] = Ser.Whole(DevnetMinDepositSer).ToString(),
        ["deposit_period"] = DevnetDepositPeriod,
        ["voting_period"] = DevnetVotingPeriod,
        ["expedited_voting_period"] = DevnetExpeditedVotingPeriod,
        ["timelock"] = DevnetTimelock,
        ["conviction_decay_num"] = 9,
        ["conviction_decay_den"] = 10,
    };
}
