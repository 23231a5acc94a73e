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

    /// <summary>Validator <paramref name="index"/>'s secp256k1 anchor key: keccak256("devnet/anchor-N") as the private key.</summary>
    public static Nethereum.Signer.EthECKey Anchor(int index) =>
        new(Seratio.Vm.Modules.Anchor.AnchorCrypto.Keccak(System.Text.Encoding.UTF8.GetBytes($"devnet/anchor-{index}")), true);

    /// <summary>Checkpoints every this many heights on a local network.</summary>
    public const ulong CheckpointInterval = 10;

    /// <summary>
    /// The anchor contract's address on both local anvils: what anvil's first account deploys at nonce 0
    /// (0x5FbDB2315678afecb367f032d93F642f64180aa3), so genesis can name the targets before they are deployed.
    /// </summary>
    public const string AnvilContract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    /// <summary>The EVM chain ids of the local anvils: Ethereum 1337, Ethereum Classic (Mordor's id) 63.</summary>
    public const ulong EthChainId = 1337, EtcChainId = 63;
}
