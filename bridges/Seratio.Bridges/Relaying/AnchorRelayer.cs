using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Seratio.Bridges.Contracts;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// Anchors the ready checkpoints of one target to its EVM chain (docs/anchoring.md "Relayers"). Each round it follows its
/// outbox entries (submitted → included at block B with hash X → confirmed at the configured depth; a transaction the
/// chain lost, or an inclusion block no longer canonical, is signed again with a fresh nonce), and when nothing is in
/// flight submits the next checkpoint: the oldest handover above the contract's last height (a handover must never be
/// skipped), else the newest ready one. A height the contract already holds — another relayer won — is superseded, not
/// an error. One transaction in flight at a time keeps heights strictly increasing. Not thread safe: one loop drives it
/// (<see cref="RunAsync"/> or <see cref="StepAsync"/>); state survives in the outbox file, so a new relayer on the same
/// file resumes where the old one stopped.
/// </summary>
public sealed class AnchorRelayer
{
    /// <summary>The contract's error for a height at or below its last one.</summary>
    public const string StaleHeightError = "HeightNotAboveLast";

    private readonly RelayerOptions _options;
    private readonly ICheckpointSource _source;
    private readonly EvmChain _chain;
    private readonly AnchorContract _contract;
    private readonly Outbox _outbox;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private ulong? _nextNonce;

    /// <summary>A relayer with <paramref name="options"/>, reading checkpoints from <paramref name="source"/>.</summary>
    /// <exception cref="OptionsValidationException">the options are invalid; the message names each setting.</exception>
    public AnchorRelayer(RelayerOptions options, ICheckpointSource source, AnchorArtifacts artifacts, ILogger<AnchorRelayer>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(artifacts);
        var validation = new RelayerOptionsValidator().Validate(null, options);
        if (validation.Failed) throw new OptionsValidationException(nameof(RelayerOptions), typeof(RelayerOptions), validation.Failures);
        _options = options;
        _source = source;
        _chain = new EvmChain(options);
        _contract = AnchorContract.At(_chain.Web3, artifacts, options.Contract, options.EvmChainId);
        _outbox = Outbox.Open(options.OutboxPath);
        _logger = logger ?? NullLogger<AnchorRelayer>.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The outbox entries by ascending height (a snapshot to read between rounds).</summary>
    public IReadOnlyList<OutboxEntry> Entries => [.. _outbox.Entries];

    /// <summary>The relayer's account address.</summary>
    public string Account => _chain.Account.Address;

    /// <summary>Runs rounds every <see cref="RelayerOptions.PollInterval"/> until <paramref name="cancellationToken"/> fires; a failed round is logged and retried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RelayerLog.Started(_logger, _options.Target, Account, _options.Contract, _options.Confirmations, _options.Type0 ? 0 : 2);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                RelayerLog.RoundFailed(_logger, e, _options.Target);
            }
            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: follow what is in flight, then submit the next checkpoint if nothing is.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        _nextNonce ??= await _chain.PendingNonceAsync().ConfigureAwait(false);
        var anchored = await _contract.LastHeightAsync().ConfigureAwait(false);
        var head = await _chain.HeadAsync().ConfigureAwait(false);
        foreach (var entry in _outbox.Entries.Where(e => !e.IsDone).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await FollowAsync(entry, head, anchored).ConfigureAwait(false);
        }
        if (_outbox.Entries.Any(e => e.State == OutboxState.Submitted)) return;

        var floor = Math.Max(await _contract.LastHeightAsync().ConfigureAwait(false), _outbox.HighestHeight);
        var ready = await _source.ReadyAboveAsync(_options.Target, floor, cancellationToken).ConfigureAwait(false);
        if (ready.Count == 0) return;
        var next = ready.FirstOrDefault(c => c.IsHandover) ?? ready[^1];
        var call = next.ToCall();
        var refusal = await _contract.DryRunAsync(call).ConfigureAwait(false);
        if (refusal == StaleHeightError)
        {
            var last = await _contract.LastHeightAsync().ConfigureAwait(false);
            RelayerLog.Superseded(_logger, next.Height, _options.Target, last);
            _outbox.Put(new OutboxEntry { Height = next.Height, State = OutboxState.Superseded, CallData = call.GetCallData().ToHex(true) });
            return;
        }
        if (refusal is not null)
        {
            RelayerLog.Refused(_logger, _options.Target, next.Height, refusal);
            return;
        }
        await SendAsync(new OutboxEntry { Height = next.Height, CallData = call.GetCallData().ToHex(true) }).ConfigureAwait(false);
    }

    private async Task FollowAsync(OutboxEntry entry, ulong head, ulong anchored)
    {
        var receipt = await _chain.ReceiptAsync(entry.TxHash).ConfigureAwait(false);
        if (receipt is null)
        {
            if (entry.State == OutboxState.Included)
            {
                RelayerLog.Reorganised(_logger, entry.Height, _options.Target, entry.BlockNumber, entry.BlockHash);
                await ResendAsync(entry).ConfigureAwait(false);
            }
            else if (!await _chain.KnowsAsync(entry.TxHash).ConfigureAwait(false))
            {
                // Not mined and not pending: a crash between writing the outbox and sending, or a dropped transaction.
                // The same bytes first (nothing can be sent twice); if the chain refuses them, a fresh transaction.
                try
                {
                    await _chain.BroadcastAsync(entry.RawTx).ConfigureAwait(false);
                }
                catch (Nethereum.JsonRpc.Client.RpcResponseException)
                {
                    RelayerLog.Dropped(_logger, entry.TxHash, entry.Height, _options.Target);
                    await ResendAsync(entry).ConfigureAwait(false);
                }
            }
            return;
        }

        var number = (ulong)receipt.BlockNumber.Value;
        if (entry.State == OutboxState.Submitted || entry.BlockHash != receipt.BlockHash)
        {
            entry.State = OutboxState.Included;
            entry.BlockNumber = number;
            entry.BlockHash = receipt.BlockHash;
            _outbox.Save();
            RelayerLog.Included(_logger, entry.Height, _options.Target, number, receipt.BlockHash);
        }
        if (receipt.Status.Value != 1)
        {
            // Reverted on chain: another relayer's transaction of this height (or a later one) came first.
            if (anchored >= entry.Height) MarkSuperseded(entry, anchored);
            else await ResendAsync(entry).ConfigureAwait(false);
            return;
        }
        var canonical = await _chain.BlockHashAsync(number).ConfigureAwait(false);
        if (!string.Equals(canonical, entry.BlockHash, StringComparison.OrdinalIgnoreCase))
        {
            RelayerLog.Reorganised(_logger, entry.Height, _options.Target, entry.BlockNumber, entry.BlockHash);
            await ResendAsync(entry).ConfigureAwait(false);
            return;
        }
        var depth = head >= number ? head - number + 1 : 0;
        if (depth >= (ulong)_options.Confirmations)
        {
            entry.State = OutboxState.Confirmed;
            _outbox.Save();
            RelayerLog.Confirmed(_logger, entry.Height, _options.Target, number, depth);
        }
    }

    /// <summary>Signs the entry's call again with a nonce from the chain, unless the contract already holds its height.</summary>
    private async Task ResendAsync(OutboxEntry entry)
    {
        var anchored = await _contract.LastHeightAsync().ConfigureAwait(false);
        if (anchored >= entry.Height)
        {
            MarkSuperseded(entry, anchored);
            return;
        }
        _nextNonce = await _chain.PendingNonceAsync().ConfigureAwait(false);
        await SendAsync(entry).ConfigureAwait(false);
    }

    /// <summary>Signs, records in the outbox (before anything leaves), then broadcasts.</summary>
    private async Task SendAsync(OutboxEntry entry)
    {
        var nonce = _nextNonce ?? await _chain.PendingNonceAsync().ConfigureAwait(false);
        var (raw, hash) = await _chain.SignAsync(_options.Contract, entry.CallData, nonce).ConfigureAwait(false);
        entry.State = OutboxState.Submitted;
        entry.TxHash = hash;
        entry.RawTx = raw;
        entry.Nonce = nonce;
        entry.BlockNumber = 0;
        entry.BlockHash = "";
        entry.Attempts++;
        _outbox.Put(entry);
        _nextNonce = nonce + 1;
        RelayerLog.Submitted(_logger, entry.Height, _options.Target, hash, nonce, entry.Attempts);
        await _chain.BroadcastAsync(raw).ConfigureAwait(false);
    }

    private void MarkSuperseded(OutboxEntry entry, ulong anchored)
    {
        entry.State = OutboxState.Superseded;
        _outbox.Save();
        RelayerLog.Superseded(_logger, entry.Height, _options.Target, anchored);
    }
}
