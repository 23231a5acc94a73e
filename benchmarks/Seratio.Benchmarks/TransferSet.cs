using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Benchmarks;

/// <summary>
/// A block's worth of signed SER transfers for benchmarks: 2n accounts with keys "bench/NAME/i", each funded
/// with 1,000 SER, and transfer i from account i to account n + i (nonce 0, 1,000 base units). Deterministic.
/// </summary>
internal sealed record TransferSet(Address[] Accounts, List<SignedTx> Txs)
{
    public static TransferSet Create(string name, int transfers, string chainId)
    {
        int accounts = transfers * 2;
        // NSec keeps each private key in guarded memory (several mappings per key): holding thousands of them at
        // once exceeds Linux's vm.max_map_count, so each key lives only as long as it is used.
        var addresses = new Address[accounts];
        Parallel.For(0, accounts, i => { using var key = SigningKey.ForTesting($"bench/{name}/{i}"); addresses[i] = key.Address; });
        var signed = new SignedTx[transfers];
        Parallel.For(0, transfers, i =>
        {
            using var key = SigningKey.ForTesting($"bench/{name}/{i}");
            var body = new TxBody { ChainId = chainId, Sender = addresses[i].ToByteString(), Nonce = 0, GasLimit = 100_000 };
            body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = addresses[transfers + i].ToByteString(), Denom = Ser.Symbol, Amount = "1000" } });
            TxDecoder.TryDecode(TxDecoder.Sign(body, key), chainId, TxDecoder.MaxTxBytes, out var tx, out _);
            signed[i] = tx!;
        });
        return new TransferSet(addresses, [.. signed]);
    }

    /// <summary>A genesis of one validator funding every account of this set.</summary>
    public Genesis Genesis(string chainId, PublicKey validator) => new()
    {
        ChainId = chainId,
        Validators = [new GenesisValidator { PublicKey = validator.ToString(), Power = 1 }],
        Accounts = Accounts.Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
    };
}
