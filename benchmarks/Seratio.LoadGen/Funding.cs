using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Funds the load accounts from the devnet keys in waves: each funded account funds up to
/// <see cref="PerSenderPerWave"/> more (below the mempool's nonce window), so thousands of
/// accounts are ready in a few blocks.
/// </summary>
internal sealed class Funding(NodeApi.NodeApiClient client, string chainId, TextWriter log)
{
    public const int PerSenderPerWave = 48;
    private static readonly Amount Grant = Ser.Whole(100);

    public async Task FundAsync(IReadOnlyList<SigningKey> funders, IReadOnlyList<SigningKey> targets, CancellationToken ct)
    {
        var funded = new List<SigningKey>(funders);
        int next = 0;
        while (next < targets.Count)
        {
            var wave = new List<(SigningKey From, SigningKey To)>();
            foreach (var sender in funded)
                for (int k = 0; k < PerSenderPerWave && next < targets.Count; k++)
                    wave.Add((sender, targets[next++]));
            // An account funded in this wave funds others in the next one, so it needs their grants too.
            var grant = next < targets.Count ? new Amount(Grant.Value * (PerSenderPerWave + 1)) : Grant;
            await SendWaveAsync(wave, grant, ct);
            funded.AddRange(wave.Select(w => w.To));
            log.WriteLine($"funded {next}/{targets.Count} accounts");
        }
    }

    private async Task SendWaveAsync(List<(SigningKey From, SigningKey To)> wave, Amount grant, CancellationToken ct)
    {
        var nonces = new Dictionary<Address, ulong>();
        var txs = new List<byte[]>();
        foreach (var (from, to) in wave)
        {
            if (!nonces.TryGetValue(from.Address, out var nonce))
            {
                var account = await client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: ct);
                nonce = account.Nonce;
            }
            nonces[from.Address] = nonce + 1;
            txs.Add(Transfers.Sign(chainId, from, to.Address, grant, nonce));
        }
        // Each sender's transactions go in nonce order; the last one of every sender waits for commit.
        var lastBySender = new Dictionary<Address, int>();
        for (int i = 0; i < wave.Count; i++) lastBySender[wave[i].From.Address] = i;
        var waits = new List<Task>();
        for (int i = 0; i < txs.Count; i++)
        {
            bool last = lastBySender[wave[i].From.Address] == i;
            var request = new SubmitTxRequest { Tx = ByteString.CopyFrom(txs[i]), Mode = last ? SubmitMode.Commit : SubmitMode.Admit };
            if (last) waits.Add(SubmitCheckedAsync(request, ct));
            else await SubmitCheckedAsync(request, ct);
        }
        await Task.WhenAll(waits);
    }

    private async Task SubmitCheckedAsync(SubmitTxRequest request, CancellationToken ct)
    {
        var response = await client.SubmitTxAsync(request, cancellationToken: ct);
        if (request.Mode == SubmitMode.Commit && response.Receipt.Code != ResultCode.Ok)
            throw new RpcException(new Status(StatusCode.Aborted, $"funding transfer failed: {response.Receipt.Code} {response.Receipt.Log}"));
    }
}

internal static class Transfers
{
    public const ulong GasLimit = 100_000;

    public static byte[] Sign(string chainId, SigningKey from, Address to, Amount amount, ulong nonce)
    {
        var body = new TxBody
        {
            ChainId = chainId,
            Sender = from.Address.ToByteString(),
            Nonce = nonce,
            GasLimit = GasLimit,
            GasPrice = 0,
        };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = to.ToByteString(), Denom = Ser.Symbol, Amount = amount.ToString() } });
        return TxDecoder.Sign(body, from);
    }

    public static Hash32 HashOf(ReadOnlySpan<byte> txBytes) => Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(txBytes).Body.Span);
}
