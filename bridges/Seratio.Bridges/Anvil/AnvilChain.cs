namespace Seratio.Bridges.Anvil;

/// <summary>
/// How an anvil node imitates one EVM chain: its chain id and the extra command-line
/// arguments (ARCHITECTURE.md "Bridges"). Immutable.
/// </summary>
/// <param name="Name">Short name for messages ("eth", "etc").</param>
/// <param name="ChainId">The EVM chain id (EIP-155) anvil reports and signatures bind to.</param>
/// <param name="ExtraArguments">Arguments added to anvil's command line.</param>
/// <param name="LegacyTransactions">True where the chain has no base fee and takes type-0 EIP-155 transactions.</param>
public sealed record AnvilChain(string Name, long ChainId, IReadOnlyList<string> ExtraArguments, bool LegacyTransactions)
{
    /// <summary>Ethereum as the tests see it: chain id 1337, anvil's latest hardfork.</summary>
    public static AnvilChain Ethereum { get; } = new("eth", 1337, [], LegacyTransactions: false);

    /// <summary>Ethereum Classic's Mordor testnet as the tests see it: chain id 63, Shanghai rules (ETC's Spiral fork), no base fee.</summary>
    public static AnvilChain EthereumClassic { get; } =
        new("etc", 63, ["--hardfork", "shanghai", "--base-fee", "0"], LegacyTransactions: true);
}
