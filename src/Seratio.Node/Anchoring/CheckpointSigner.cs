using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Consensus;
using Seratio.Node.Mempool;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.State;

namespace Seratio.Node.Anchoring;

/// <summary>
/// Signs checkpoints automatically on a validator node (docs/anchoring.md, "Signing service"): after every committed
/// block it finds the checkpoints this validator has not signed yet (<see cref="CheckpointSigningPlan"/>) and admits one
/// native transaction per checkpoint into the local pool (which gossips it), from the validator's account, paying
/// params.min_gas_price per gas like any transaction. Each transaction expires <see cref="AnchoringOptions.ResubmitAfterHeights"/>
/// heights after it is sent; a signature still missing then is sent again with the account's committed nonce, so a
/// dropped transaction costs a few heights, never the checkpoint. Runs on the host's background loop; its state
/// (submitted heights, next nonce) is touched by that loop only.
/// </summary>
public sealed class CheckpointSigner(IChainReader chain, TxPool pool, ValidatorKey validator, AnchorKey anchorKey,
    IOptions<AnchoringOptions> options, ILogger<CheckpointSigner> logger) : BackgroundService
{
    private readonly AnchoringOptions _options = options.Value;
    private readonly Dictionary<ulong, ulong> _submittedAt = [];
    private ulong _nextNonce;
    private bool _warnedWrongKey;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AnchoringLog.Started(logger, AnchorCrypto.Hex(anchorKey.Address));
        try
        {
            // A checkpoint recorded before this node started is signed at the first block it sees.
            var blocks = chain.Subscribe(stoppingToken);
            await foreach (var block in blocks.ReadAllAsync(stoppingToken))
            {
                try
                {
                    AfterBlock(block.Height);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    AnchoringLog.Failed(logger, block.Height, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Signs and submits what is missing as of <paramref name="height"/>.</summary>
    internal void AfterBlock(ulong height)
    {
        var head = chain.Head.Height;
        if (head < height) return;
        var state = new ChainStateReader(chain, head);
        var todo = CheckpointSigningPlan.Find(state, validator.Key.PublicKey, anchorKey, _options.MaxCheckpointsPerBlock, out var mismatch);
        if (mismatch is not null && !_warnedWrongKey)
        {
            _warnedWrongKey = true;
            AnchoringLog.WrongKey(logger, mismatch.Height, AnchorCrypto.Hex(mismatch.Registered), AnchorCrypto.Hex(anchorKey.Address));
        }
        foreach (var done in _submittedAt.Keys.Where(h => !todo.Any(t => t.Height == h)).ToList()) _submittedAt.Remove(done);
        if (todo.Count == 0) return;

        ulong committedNonce = Accounts.ReadRecord(state, validator.Key.Address).Nonce;
        bool resubmitting = todo.Any(t => _submittedAt.TryGetValue(t.Height, out var at) && head > at + _options.ResubmitAfterHeights);
        if (resubmitting || _nextNonce < committedNonce) _nextNonce = committedNonce;
        ulong gasPrice = chain.Genesis.Params.MinGasPrice;
        // Oldest first, so a checkpoint is never starved by newer ones.
        foreach (var item in todo.OrderBy(t => t.Height))
        {
            if (_submittedAt.TryGetValue(item.Height, out var at) && head <= at + _options.ResubmitAfterHeights) continue;
            var body = new TxBody
            {
                ChainId = chain.ChainId,
                Sender = validator.Key.Address.ToByteString(),
                Nonce = _nextNonce,
                GasLimit = _options.GasLimit,
                GasPrice = gasPrice,
                ExpiryHeight = head + _options.ResubmitAfterHeights,
            };
            body.Msgs.Add(item.Messages);
            var result = pool.Admit(TxDecoder.Sign(body, validator.Key));
            if (result.IsAccepted || result.Outcome == AdmitOutcome.AlreadyPending)
            {
                AnchoringLog.Submitted(logger, item.Height, item.Messages.Count, _nextNonce);
                _submittedAt[item.Height] = head;
                _nextNonce++;
            }
            else
            {
                AnchoringLog.Refused(logger, item.Height, result.Outcome, result.Reason);
                if (result.Outcome is AdmitOutcome.NonceTooLow or AdmitOutcome.NonceTaken or AdmitOutcome.NonceGap) _nextNonce = committedNonce;
                return;
            }
        }
    }
}
