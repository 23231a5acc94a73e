using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Funds the load accounts from the devnet keys along a tree, in waves: in each wave every
/// account funded in the wave before (the devnet keys in the first) funds up to
/// <see cref="PerSenderPerWave"/> new ones, so no sender ever has more pending nonces than the
/// mempool's window (64) and thousands of accounts are ready in a few blocks. Each grant carries
/// what the recipient passes on further down the tree, computed before the first transfer, so
/// no account can run short however many waves there are.
/// </summary>
internal sealed class Funding(NodeApi.NodeApiClient client, string chainId, int batch, TextWriter log)
{
    /// <summary>Below the pool's nonce window of 64 (a window counts from the next free nonce).</summary>
    public const int PerSenderPerWave = 48;
    /// <summary>What a load account keeps for itself: far more than a run of 1-unit transfers at zero gas price spends.</summary>
    private static readonly Amount Keep = Ser.Whole(100);

    /// <summary>Funds every target; returns each target's next nonce (the transfers it sent to fund others).</summary>
    public async Task<ulong[]> FundAsync(IReadOnlyList<SigningKey> funders, IReadOnlyList<SigningKey> targets, CancellationToken ct)
    {
        var plan = Plan(funders.Count, targets.Count);
        var nextNonces = new ulong[targets.Count];
        foreach (var parent in plan.Parent) if (parent >= 0) nextNonces[parent]++;
        var needs = Needs(plan, targets.Count);
        int waveStart = 0;
        foreach (var waveSize in plan.WaveSizes)
        {
            var wave = new List<(SigningKey From, SigningKey To, Amount Grant)>(waveSize);
            for (int t = waveStart; t < waveStart + waveSize; t++)
            {
                var from = plan.Parent[t] < 0 ? funders[-plan.Parent[t] - 1] : targets[plan.Parent[t]];
                wave.Add((from, targets[t], needs[t]));
            }
            await SendWaveAsync(wave, ct);
            waveStart += waveSize;
            log.WriteLine($"funded {waveStart}/{targets.Count} accounts");
        }
        return nextNonces;
    }

    /// <summary>The funding tree: each target's parent (≥ 0: a target; &lt; 0: funder −parent−1) and the size of each wave.</summary>
    internal static (int[] Parent, List<int> WaveSizes) Plan(int funderCount, int targetCount)
    {
        var parent = new int[targetCount];
        var waves = new List<int>();
        // Senders of the current wave: funders first, then the targets funded in the previous wave.
        var senders = Enumerable.Range(0, funderCount).Select(f => -f - 1).ToList();
        int next = 0;
        while (next < targetCount)
        {
            var fundedNow = new List<int>();
            foreach (var sender in senders)
                for (int k = 0; k < PerSenderPerWave && next < targetCount; k++)
                {
                    parent[next] = sender;
                    fundedNow.Add(next++);
                }
            waves.Add(fundedNow.Count);
            senders = fundedNow;
        }
        return (parent, waves);
    }

    /// <summary>What each target must receive: its own <see cref="Keep"/> plus everything it passes on.</summary>
    internal static Amount[] Needs((int[] Parent, List<int> WaveSizes) plan, int targetCount)
    {
        var needs = new Amount[targetCount];
        for (int t = 0; t < targetCount; t++) needs[t] = Keep;
        // Children are always funded after their parent, so one backward sweep sums every subtree.
        for (int t = targetCount - 1; t >= 0; t--)
            if (plan.Parent[t] >= 0) needs[plan.Parent[t]] = needs[plan.Parent[t]] + needs[t];
        return needs;
    }

    private async Task SendWaveAsync(List<(SigningKey From, SigningKey To, Amount Grant)> wave, CancellationToken ct)
    {
        var nonces = new Dictionary<Address, ulong>();
        var txs = new List<byte[]>(wave.Count);
        foreach (var (from, to, grant) in wave)
        {
            if (!nonces.TryGetValue(from.Address, out var nonce))
            {
                var account = await client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: ct);
                nonce = account.Nonce;
            }
            nonces[from.Address] = nonce + 1;
            txs.Add(Transfers.Sign(chainId, from, to.Address, grant, nonce));
        }
        // Every sender's transactions go in nonce order; the last one of each sender waits for its commit.
        var lastBySender = new Dictionary<Address, int>();
        for (int i = 0; i < wave.Count; i++) lastBySender[wave[i].From.Address] = i;
        var lasts = new List<int>();
        var admitOnly = new List<int>();
        for (int i = 0; i < wave.Count; i++) (lastBySender[wave[i].From.Address] == i ? lasts : admitOnly).Add(i);

        if (batch > 0)
        {
            for (int start = 0; start < admitOnly.Count; start += batch)
            {
                var request = new SubmitTxBatchRequest();
                foreach (var i in admitOnly.Skip(start).Take(batch)) request.Txs.Add(ByteString.CopyFrom(txs[i]));
                var response = await client.SubmitTxBatchAsync(request, cancellationToken: ct);
                foreach (var r in response.Results)
                    if (r.Code != 0) throw new RpcException(new Status((StatusCode)r.Code, $"funding transfer refused: {r.Outcome} {r.Reason}"));
            }
        }
        else
        {
            foreach (var i in admitOnly) await SubmitCheckedAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txs[i]) }, ct);
        }
        await Task.WhenAll(lasts.Select(i => SubmitCheckedAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txs[i]), Mode = SubmitMode.Commit }, ct)));
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
