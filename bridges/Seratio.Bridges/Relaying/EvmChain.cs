using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// The relayer's view of one EVM chain over JSON-RPC: its account's pending nonce, the head, block hashes and receipts,
/// and transactions signed locally — EIP-1559 type 2 where the chain has a base fee, legacy type 0 with EIP-155 chain id
/// otherwise (<see cref="RelayerOptions.Type0"/>). Thread safe as far as Nethereum's RPC client is; holds no state of its own.
/// </summary>
public sealed class EvmChain
{
    private readonly RelayerOptions _options;

    /// <summary>A client for <paramref name="options"/>' chain and key.</summary>
    public EvmChain(RelayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Account = new Account(options.PrivateKey, options.EvmChainId);
        Web3 = new Web3(Account, options.RpcUrl);
        Web3.TransactionManager.UseLegacyAsDefault = options.Type0;
    }

    /// <summary>The relayer's account.</summary>
    public Account Account { get; }

    /// <summary>The Web3 client (signs locally with <see cref="Account"/>).</summary>
    public Web3 Web3 { get; }

    /// <summary>The account's next nonce counting its pending transactions.</summary>
    public async Task<ulong> PendingNonceAsync() =>
        (ulong)(await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Account.Address, BlockParameter.CreatePending()).ConfigureAwait(false)).Value;

    /// <summary>The number of the chain's head block.</summary>
    public async Task<ulong> HeadAsync() => (ulong)(await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value;

    /// <summary>The canonical hash of block <paramref name="number"/>, or null when the chain is shorter.</summary>
    public async Task<string?> BlockHashAsync(ulong number)
    {
        var block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(number)).ConfigureAwait(false);
        return block?.BlockHash;
    }

    /// <summary>The receipt of <paramref name="txHash"/>, or null when no canonical block holds it.</summary>
    public Task<TransactionReceipt?> ReceiptAsync(string txHash) => Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash)!;

    /// <summary>True when the node knows <paramref name="txHash"/> (pending or mined).</summary>
    public async Task<bool> KnowsAsync(string txHash) =>
        await Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(txHash).ConfigureAwait(false) is not null;

    /// <summary>
    /// Today's offer: on a type-0 chain <c>eth_gasPrice</c>; on a type-2 chain a tip of
    /// <see cref="RelayerOptions.PriorityFeeWei"/> and a max fee of twice the latest base fee plus the tip.
    /// </summary>
    /// <exception cref="InvalidOperationException">a type-2 relayer on a chain without base fee.</exception>
    public async Task<TxFees> CurrentFeesAsync()
    {
        if (_options.Type0) return TxFees.Legacy((await Web3.Eth.GasPrice.SendRequestAsync().ConfigureAwait(false)).Value);
        var latest = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()).ConfigureAwait(false);
        var baseFee = latest.BaseFeePerGas?.Value
            ?? throw new InvalidOperationException($"the chain at {_options.RpcUrl} has no base fee: set Type0 for it (ETC)");
        var tip = new BigInteger(_options.PriorityFeeWei);
        // Twice the base fee survives six full blocks of base-fee growth (12.5 % each) before the transaction stalls.
        return TxFees.Eip1559(baseFee * 2 + tip, tip);
    }

    /// <summary>Signs a call of <paramref name="data"/> to <paramref name="to"/> with <paramref name="nonce"/>, paying today's fees. Returns the raw transaction and its hash.</summary>
    public async Task<(string Raw, string Hash)> SignAsync(string to, string data, ulong nonce)
    {
        var signed = await SignAsync(to, data, nonce, await CurrentFeesAsync().ConfigureAwait(false)).ConfigureAwait(false);
        return (signed.Raw, signed.Hash);
    }

    /// <summary>Signs a call of <paramref name="data"/> to <paramref name="to"/> with <paramref name="nonce"/> offering <paramref name="fees"/>.</summary>
    public async Task<SignedTx> SignAsync(string to, string data, ulong nonce, TxFees fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        var input = new TransactionInput
        {
            Data = data,
            To = to,
            From = Account.Address,
            Nonce = new HexBigInteger(nonce),
            Gas = new HexBigInteger(_options.GasLimit),
            Value = new HexBigInteger(0),
            ChainId = new HexBigInteger(_options.EvmChainId),
        };
        if (_options.Type0)
        {
            input.GasPrice = new HexBigInteger(fees.GasPrice);
        }
        else
        {
            input.Type = new HexBigInteger(2);
            input.MaxPriorityFeePerGas = new HexBigInteger(fees.Tip);
            input.MaxFeePerGas = new HexBigInteger(fees.MaxFee);
        }
        var raw = await Web3.TransactionManager.SignTransactionAsync(input).ConfigureAwait(false);
        raw = raw.StartsWith("0x", StringComparison.Ordinal) ? raw : "0x" + raw;
        var hash = "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Convert.FromHexString(raw[2..])));
        return new SignedTx(raw, hash, fees);
    }

    /// <summary>Broadcasts a signed transaction; a node that already has it is no error.</summary>
    /// <exception cref="Nethereum.JsonRpc.Client.RpcResponseException">the node refuses it (nonce taken, replacement underpriced, no funds).</exception>
    public async Task BroadcastAsync(string raw)
    {
        try
        {
            await Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw).ConfigureAwait(false);
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException e) when (e.Message.Contains("already", StringComparison.OrdinalIgnoreCase))
        {
            // known transaction: nothing to do
        }
    }
}

/// <summary>A transaction signed by the relayer: its raw bytes (0x…), hash (0x…) and the fees it offers. Immutable.</summary>
public sealed record SignedTx(string Raw, string Hash, TxFees Fees);
