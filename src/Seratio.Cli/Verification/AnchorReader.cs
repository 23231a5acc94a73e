using System.Text.RegularExpressions;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using Seratio.Bridges.Contracts;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>
/// Reads one deployed anchor contract with read-only calls (<c>eth_call</c>, <c>eth_getCode</c>): which heights it
/// has anchored and what, and whether it accepts a state proof (<c>verifyState</c>). Signs nothing and needs no key.
/// Every failure to reach the EVM node or to find the contract is a <see cref="CommandException"/> in plain words.
/// Not thread safe (one command uses it).
/// </summary>
internal sealed partial class AnchorReader
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private readonly AnchorContract _contract;

    private AnchorReader(string chain, string rpcUrl, AnchorContract contract)
    {
        Chain = chain;
        RpcUrl = rpcUrl;
        _contract = contract;
    }

    /// <summary>The target's name (eth, etc).</summary>
    public string Chain { get; }

    /// <summary>The EVM node's JSON-RPC URL.</summary>
    public string RpcUrl { get; }

    /// <summary>The contract's address as given.</summary>
    public string Contract => _contract.Address;

    /// <summary>The EVM chain id the node reports.</summary>
    public long EvmChainId => _contract.EvmChainId;

    /// <summary>"eth (chain id 1337) contract 0x…", for messages.</summary>
    public string Describe() => $"{Chain} (EVM chain id {EvmChainId}) contract {Contract}";

    /// <summary>
    /// Connects to <paramref name="rpcUrl"/> and checks that <paramref name="contract"/> holds code that answers
    /// <c>lastHeight()</c>. Usage errors (exit 2) for malformed arguments; failures (exit 1) when the node does not answer
    /// or nothing anchor-like is deployed there.
    /// </summary>
    public static async Task<AnchorReader> OpenAsync(string chain, string rpcUrl, string contract, CancellationToken ct)
    {
        if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw CommandException.Usage($"--rpc '{rpcUrl}' is not an http(s) URL of an EVM node's JSON-RPC endpoint");
        if (!AddressPattern().IsMatch(contract))
            throw CommandException.Usage($"--contract '{contract}' is not an EVM address (0x and 40 hex digits)");
        var web3 = new Web3(rpcUrl);
        long chainId = (long)(await CallAsync(() => web3.Eth.ChainId.SendRequestAsync(), rpcUrl, "eth_chainId", ct)).Value;
        var code = await CallAsync(() => web3.Eth.GetCode.SendRequestAsync(contract), rpcUrl, "eth_getCode", ct);
        if (string.IsNullOrEmpty(code) || code is "0x" or "0x0")
            throw CommandException.Failed($"there is no contract at {contract} on {chain} (EVM chain id {chainId}, {rpcUrl}): check --contract and --rpc");
        var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
        var reader = new AnchorReader(chain, rpcUrl, AnchorContract.At(web3, artifacts, contract, chainId));
        try { await reader.LastHeightAsync(ct); }
        catch (CommandException ex) { throw CommandException.Failed($"{contract} on {chain} is not a Seratio anchor contract: {ex.Message}"); }
        return reader;
    }

    /// <summary>The highest anchored height (0: nothing anchored yet).</summary>
    public Task<ulong> LastHeightAsync(CancellationToken ct) => CallAsync(() => _contract.LastHeightAsync(), RpcUrl, "lastHeight()", ct);

    /// <summary>The Seratio chain id the contract anchors.</summary>
    public Task<string> SeratioChainIdAsync(CancellationToken ct) => CallAsync(() => _contract.SeratioChainIdAsync(), RpcUrl, "seratioChainId()", ct);

    /// <summary>The checkpoint anchored at exactly <paramref name="height"/>, or null when that height is not anchored.</summary>
    public async Task<AnchoredCheckpoint?> AtAsync(ulong height, CancellationToken ct)
    {
        // The contract reverts UnknownHeight(height) for a height it never anchored.
        var at = await CallAsync(async () =>
        {
            try { return await _contract.CheckpointAtAsync(height).ConfigureAwait(false); }
            catch (Exception e) when (_contract.ErrorNameOf(e) == "UnknownHeight") { return null; }
        }, RpcUrl, "checkpointAt()", ct);
        if (at is null || at.BlockHash.All(b => b == 0)) return null;
        return new AnchoredCheckpoint(height, new Hash32(at.StateRoot), new Hash32(at.BlockHash));
    }

    /// <summary>
    /// The latest anchored checkpoint, or with <paramref name="atOrBelow"/> the latest one at or below that height: the
    /// candidates are the node's checkpoint heights (newest first), each confirmed by the contract's
    /// <c>checkpointAt</c>, so the node can only make the search fail, never make it return a root the contract lacks.
    /// </summary>
    public async Task<AnchoredCheckpoint> LatestAsync(ulong? atOrBelow, NodeConnection node, CancellationToken ct)
    {
        ulong last = await LastHeightAsync(ct);
        if (last == 0) throw CommandException.Failed($"nothing is anchored on {Describe()} yet: wait for a relayer to anchor a checkpoint");
        if (atOrBelow is not { } limit || limit >= last)
            return await AtAsync(last, ct) ?? throw CommandException.Failed($"{Describe()} reports last height {last} but holds no checkpoint there");
        var request = new ListCheckpointsRequest { PageSize = 100 };
        while (true)
        {
            var page = await node.CallAsync((c, o) => c.ListCheckpointsAsync(request, o), NodeConnection.QuickCall, ct);
            foreach (var record in page.Checkpoints)
                if (record.Height <= limit && await AtAsync(record.Height, ct) is { } anchored) return anchored;
            if (page.NextPageToken.Length == 0 || page.Checkpoints.Count == 0 || page.Checkpoints[^1].Height <= 1) break;
            request.PageToken = page.NextPageToken;
        }
        throw CommandException.Failed($"no checkpoint at or below height {limit} is anchored on {Describe()} (last anchored: {last}); leave --height out to use the latest");
    }

    /// <summary><c>verifyState(height, proof)</c> as an eth_call: whether the contract accepts the proof against the root it anchored at that height.</summary>
    public Task<bool> VerifyStateAsync(ulong height, StateProof proof, CancellationToken ct) =>
        CallAsync(() => _contract.VerifyStateAsync(height, StateProofArgument.From(proof)), RpcUrl, "verifyState()", ct);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, string rpcUrl, string what, CancellationToken ct)
    {
        try
        {
            return await call().WaitAsync(CallTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or RpcClientUnknownException or RpcClientTimeoutException
                                       or RpcResponseException or Nethereum.ABI.FunctionEncoding.SmartContractRevertException or Nethereum.Contracts.SmartContractCustomErrorRevertException)
        {
            throw CommandException.Failed($"the EVM node at {rpcUrl} failed {what}: {e.Message}");
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();
}
