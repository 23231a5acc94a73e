using BenchmarkDotNet.Attributes;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Benchmarks;

/// <summary>What admission costs per transaction: decoding a transfer, and verifying its signature.</summary>
[MemoryDiagnoser]
public class TxAdmissionBenchmarks
{
    private const string ChainId = "seratio-bench";
    private byte[] _tx = [];
    private SignedTx _decoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var from = SigningKey.ForTesting("bench/from");
        using var to = SigningKey.ForTesting("bench/to");
        var body = new TxBody { ChainId = ChainId, Sender = from.Address.ToByteString(), Nonce = 7, GasLimit = 100_000 };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = to.Address.ToByteString(), Denom = Ser.Symbol, Amount = "1000000", Memo = "benchmark" } });
        _tx = TxDecoder.Sign(body, from);
        _decoded = Decode();
    }

    [Benchmark]
    public SignedTx Decode()
    {
        TxDecoder.TryDecode(_tx, ChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return tx!;
    }

    [Benchmark]
    public bool VerifySignature() => TxDecoder.VerifySignatures(_decoded);

    [Benchmark(Baseline = true)]
    public bool DecodeAndVerify()
    {
        TxDecoder.TryDecode(_tx, ChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return TxDecoder.VerifySignatures(tx!);
    }
}
