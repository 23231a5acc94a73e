using System.Numerics;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Seratio.Bridges.Checkpoints;

namespace Seratio.Bridges.Contracts;

/// <summary>
/// A deployed SeratioAnchor on one EVM chain, driven through a Web3 client that signs locally:
/// deploy, submit checkpoints, verify state proofs, and dry-run a submission to learn which
/// rule refuses it. Thread safe as far as the Web3 client is (its nonce manager serialises sends).
/// </summary>
public sealed class AnchorContract
{
    private readonly IWeb3 _web3;
    private readonly AnchorArtifacts _artifacts;

    private AnchorContract(IWeb3 web3, AnchorArtifacts artifacts, string address, long evmChainId)
    {
        _web3 = web3;
        _artifacts = artifacts;
        Address = address;
        EvmChainId = evmChainId;
    }

    /// <summary>The contract's address.</summary>
    public string Address { get; }

    /// <summary>The chain id of the EVM chain it lives on (part of the EIP-712 domain).</summary>
    public long EvmChainId { get; }

    /// <summary>The contract already deployed at <paramref name="address"/> on the chain <paramref name="evmChainId"/> that <paramref name="web3"/> talks to.</summary>
    public static AnchorContract At(IWeb3 web3, AnchorArtifacts artifacts, string address, long evmChainId)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return new AnchorContract(web3, artifacts, address, evmChainId);
    }

    /// <summary>Deploys a new contract for <paramref name="seratioChainId"/> with the genesis anchor set.</summary>
    public static Task<AnchorContract> DeployAsync(IWeb3 web3, AnchorArtifacts artifacts, string seratioChainId, AnchorSet genesis) =>
        DeployAsync(web3, artifacts, seratioChainId, genesis?.Addresses ?? throw new ArgumentNullException(nameof(genesis)),
            [.. genesis.Powers.Select(p => new BigInteger(p))]);

    /// <summary>Deploys with raw set lists (unsorted or invalid ones included, for tests of the constructor's checks).</summary>
    /// <exception cref="AnchorRevertException">the constructor refused the set.</exception>
    public static async Task<AnchorContract> DeployAsync(
        IWeb3 web3, AnchorArtifacts artifacts, string seratioChainId, IReadOnlyList<string> signers, IReadOnlyList<BigInteger> powers)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentNullException.ThrowIfNull(artifacts);
        var deployment = new AnchorDeployment(artifacts.ByteCode)
        {
            SeratioChainId = seratioChainId,
            Signers = [.. signers],
            Powers = [.. powers],
        };
        var handler = web3.Eth.GetContractDeploymentHandler<AnchorDeployment>();
        TransactionReceipt receipt;
        try
        {
            receipt = await handler.SendRequestAndWaitForReceiptAsync(deployment).ConfigureAwait(false);
        }
        catch (Exception e) when (RevertData(e) is { } data)
        {
            throw new AnchorRevertException(artifacts.ErrorName(data), data, e);
        }
        if (receipt.Status.Value != 1) throw new InvalidOperationException($"deployment transaction {receipt.TransactionHash} failed");
        var chainId = (long)(await web3.Eth.ChainId.SendRequestAsync().ConfigureAwait(false)).Value;
        return new AnchorContract(web3, artifacts, receipt.ContractAddress, chainId);
    }

    /// <summary>Sends <c>submitCheckpoint</c> and waits for its receipt.</summary>
    /// <exception cref="AnchorRevertException">the contract refused it (the gas estimate reverted).</exception>
    public async Task<TransactionReceipt> SubmitAsync(SubmitCheckpointFunction submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            var receipt = await _web3.Eth.GetContractTransactionHandler<SubmitCheckpointFunction>()
                .SendRequestAndWaitForReceiptAsync(Address, submission).ConfigureAwait(false);
            if (receipt.Status.Value != 1) throw new InvalidOperationException($"submitCheckpoint transaction {receipt.TransactionHash} failed");
            return receipt;
        }
        catch (Exception e) when (RevertData(e) is { } data)
        {
            throw new AnchorRevertException(_artifacts.ErrorName(data), data, e);
        }
    }

    /// <summary>Runs <c>submitCheckpoint</c> as an eth_call: null when it would be accepted, else the name of the custom error refusing it.</summary>
    public async Task<string?> DryRunAsync(SubmitCheckpointFunction submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            await _web3.Eth.GetContractQueryHandler<SubmitCheckpointFunction>()
                .QueryRawAsync(Address, submission).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (RevertData(e) is { } data)
        {
            return _artifacts.ErrorName(data) ?? $"unknown revert {data}";
        }
    }

    /// <summary><c>verifyState(height, proof)</c> as an eth_call.</summary>
    public Task<bool> VerifyStateAsync(ulong height, StateProofArgument proof) =>
        _web3.Eth.GetContractQueryHandler<VerifyStateFunction>()
            .QueryAsync<bool>(Address, new VerifyStateFunction { Height = height, Proof = proof });

    /// <summary><c>verifyProof(root, proof)</c> as an eth_call.</summary>
    public Task<bool> VerifyProofAsync(byte[] root, StateProofArgument proof) =>
        _web3.Eth.GetContractQueryHandler<VerifyProofFunction>()
            .QueryAsync<bool>(Address, new VerifyProofFunction { Root = root, Proof = proof });

    /// <summary>
    /// Sends any function of the contract (a view one included) as a transaction and returns
    /// its receipt, whose gas used is what that call costs on chain.
    /// </summary>
    public async Task<TransactionReceipt> SendAsTransactionAsync<TFunction>(TFunction function) where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(function);
        var receipt = await _web3.Eth.GetContractTransactionHandler<TFunction>()
            .SendRequestAndWaitForReceiptAsync(Address, function).ConfigureAwait(false);
        if (receipt.Status.Value != 1) throw new InvalidOperationException($"transaction {receipt.TransactionHash} failed");
        return receipt;
    }

    /// <summary>eth_estimateGas of a call (transaction gas: 21,000 + calldata + execution).</summary>
    public async Task<BigInteger> EstimateGasAsync<TFunction>(TFunction function) where TFunction : FunctionMessage, new()
    {
        var estimate = await _web3.Eth.GetContractTransactionHandler<TFunction>().EstimateGasAsync(Address, function).ConfigureAwait(false);
        return estimate.Value;
    }

    /// <summary>The contract's EIP-712 digest for <paramref name="checkpoint"/>.</summary>
    public Task<byte[]> DigestAsync(CheckpointArgument checkpoint) =>
        _web3.Eth.GetContractQueryHandler<CheckpointDigestFunction>()
            .QueryAsync<byte[]>(Address, new CheckpointDigestFunction { Checkpoint = checkpoint });

    /// <summary>The stored anchor set hash.</summary>
    public Task<byte[]> AnchorSetHashAsync() =>
        _web3.Eth.GetContractQueryHandler<AnchorSetHashFunction>().QueryAsync<byte[]>(Address, new AnchorSetHashFunction());

    /// <summary>The Seratio chain id the contract was deployed for.</summary>
    public Task<string> SeratioChainIdAsync() =>
        _web3.Eth.GetContractQueryHandler<SeratioChainIdFunction>().QueryAsync<string>(Address, new SeratioChainIdFunction());

    /// <summary>The highest anchored height.</summary>
    public Task<ulong> LastHeightAsync() =>
        _web3.Eth.GetContractQueryHandler<LastHeightFunction>().QueryAsync<ulong>(Address, new LastHeightFunction());

    /// <summary>The number of the current anchor set (0: genesis).</summary>
    public Task<BigInteger> EpochAsync() =>
        _web3.Eth.GetContractQueryHandler<EpochFunction>().QueryAsync<BigInteger>(Address, new EpochFunction());

    /// <summary>The power of <paramref name="signer"/> (an anchor address) in the current anchor set; 0 when it is not a member.</summary>
    public Task<BigInteger> PowerOfAsync(string signer) =>
        _web3.Eth.GetContractQueryHandler<PowerOfFunction>().QueryAsync<BigInteger>(Address, new PowerOfFunction { Signer = signer });

    /// <summary>The current anchor set's total power.</summary>
    public Task<BigInteger> TotalPowerAsync() =>
        _web3.Eth.GetContractQueryHandler<TotalPowerFunction>().QueryAsync<BigInteger>(Address, new TotalPowerFunction());

    /// <summary>The state root and block hash anchored at <paramref name="height"/>.</summary>
    public Task<CheckpointAtOutput> CheckpointAtAsync(ulong height) =>
        _web3.Eth.GetContractQueryHandler<CheckpointAtFunction>()
            .QueryDeserializingToObjectAsync<CheckpointAtOutput>(new CheckpointAtFunction { Height = height }, Address);

    /// <summary>The name of the custom error behind a failed call, or null when <paramref name="e"/> is no revert of this contract.</summary>
    public string? ErrorNameOf(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RevertData(e) is { } data ? _artifacts.ErrorName(data) : null;
    }

    /// <summary>The revert data (hex) an RPC failure carries, or null when it is no revert.</summary>
    private static string? RevertData(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SmartContractCustomErrorRevertException custom:
                    return custom.ExceptionEncodedData;
                case RpcResponseException rpc when rpc.RpcError?.Data is { } data:
                    var text = data.ToString() ?? "";
                    if (text.StartsWith("0x", StringComparison.Ordinal)) return text;
                    break;
            }
        }
        return null;
    }
}
