using Seratio.Core.Crypto;
using Seratio.Core.Numerics;

namespace Seratio.Cli.Devnet;

/// <summary>
/// The deterministic throw-away keys of the local network; genesis.json (repository root) is
/// built from exactly these, and a test keeps the two equal. Never for real funds.
/// </summary>
internal static class DevnetKeys
{
    public const string ChainId = "seratio-devnet-1";
    public const long GenesisTimeUnixMs = 1_795_651_200_000;
    public const int DevAccountCount = 4;
    public const ulong ValidatorPower = 10;
    /// <summary>1,000,000 SER per development account.</summary>
    public static readonly Amount DevAccountBalance = Ser.Whole(1_000_000);

    public static string ValidatorName(int index) => $"validator-{index}";
    public static string DevAccountName(int index) => $"dev-{index}";

    public static SigningKey Validator(int index) => SigningKey.ForTesting($"devnet/{ValidatorName(index)}");
    public static SigningKey DevAccount(int index) => SigningKey.ForTesting($"devnet/{DevAccountName(index)}");
}
