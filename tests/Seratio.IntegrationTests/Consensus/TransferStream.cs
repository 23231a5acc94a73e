using Grpc.Core;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// A background stream of transfers from the funded test accounts, each submitted to a running node
/// (round-robin) with the sender's committed nonce, so each account has one transfer pending at a time.
/// </summary>
public sealed class TransferStream : IDisposable
{
    private const int Senders = 4;
    private readonly IReadOnlyList<ValidatorProcess> _nodes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _accepted;

    public TransferStream(IReadOnlyList<ValidatorProcess> nodes)
    {
        _nodes = nodes;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Transfers committed so far, by the senders' nonces on <paramref name="node"/>.</summary>
    public async Task<ulong> CommittedAsync(ValidatorProcess node)
    {
        ulong total = 0;
        for (int i = 0; i < Senders; i++)
        {
            using var key = TestNetwork.Account(i);
            total += (await node.Client.GetAccountAsync(new GetAccountRequest { Address = key.Address.ToString() })).Nonce;
        }
        return total;
    }

    public void Stop()
    {
        _stop.Cancel();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        int turn = 0;
        while (!ct.IsCancellationRequested)
        {
            for (int i = 0; i < Senders && !ct.IsCancellationRequested; i++)
            {
                var node = _nodes[turn++ % _nodes.Count];
                if (!node.IsRunning) continue;
                try
                {
                    using var from = TestNetwork.Account(i);
                    using var to = TestNetwork.Account(TestNetwork.FundedAccounts - 1);
                    var account = await node.Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() },
                        deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                    var tx = TxFactory.Transfer(from, to.Address, 1).WithNonce(account.Nonce).SignedBytes();
                    await node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx }, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                    Interlocked.Increment(ref _accepted);
                }
                catch (RpcException) { } // a node going down, or the same nonce already pending: try again later
                catch (OperationCanceledException) { return; }
            }
            try { await Task.Delay(100, ct); } catch (OperationCanceledException) { return; }
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
