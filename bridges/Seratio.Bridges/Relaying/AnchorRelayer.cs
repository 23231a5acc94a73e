using System.Numerics;
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
/// an error. One transaction in flight at a time keeps heights strictly increasing. A transaction left unmined for
/// <see cref="RelayerOptions.BumpAfterBlocks"/> blocks or <see cref="RelayerOptions.BumpAfter"/> is replaced with the same
/// nonce and every price raised by at least 12.5 % (<see cref="TxFees.Bumped"/>), up to
/// <see cref="RelayerOptions.MaxFeePerGasWei"/>; the outbox keeps every hash of the nonce, so whichever is mined is
/// recognised. Failed rounds are retried with a doubling delay (up to <see cref="RelayerOptions.MaxBackoff"/>). Not thread safe: one loop drives it
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
    private readonly IRelayerMetrics _metrics;
    private ulong? _nextNonce;
    private bool _contractFound;

    /// <summary>A relayer with <paramref name="options"/>, reading checkpoints from <paramref name="source"/>, reporting to <paramref name="metrics"/> (none by default).</summary>
    /// <exception cref="OptionsValidationException">the options are invalid; the message names each setting.</exception>
    public AnchorRelayer(RelayerOptions options, ICheckpointSource source, AnchorArtifacts artifacts, ILogger<AnchorRelayer>? logger = null, TimeProvider? time = null,
        IRelayerMetrics? metrics = null)
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
        _metrics = metrics ?? NullRelayerMetrics.Instance;
        ReportOutbox();
    }

    /// <summary>The outbox entries by ascending height (a snapshot to read between rounds).</summary>
    public IReadOnlyList<OutboxEntry> Entries => [.. _outbox.Entries];

    /// <summary>The relayer's account address.</summary>
    public string Account => _chain.Account.Address;

    /// <summary>
    /// Runs rounds every <see cref="RelayerOptions.PollInterval"/> until <paramref name="cancellationToken"/> fires; a failed
    /// round is logged and retried after a delay that doubles with each failure in a row, up to <see cref="RelayerOptions.MaxBackoff"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RelayerLog.Started(_logger, _options.Target, Account, _options.Contract, _options.Confirmations, _options.Type0 ? 0 : 2);
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                _metrics.RoundFailed(_options.Target);
                RelayerLog.RoundFailed(_logger, e, _options.Target, failures, Backoff(failures));
            }
            try
            {
                await Task.Delay(failures == 0 ? _options.PollInterval : Backoff(failures), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failed rounds in a row: the poll interval doubled per failure after the first, capped.</summary>
    public TimeSpan Backoff(int failures) => Backoff(_options.PollInterval, _options.MaxBackoff, failures);

    /// <summary><paramref name="poll"/> doubled per failure after the first, at most <paramref name="cap"/> (or <paramref name="poll"/> if longer).</summary>
    public static TimeSpan Backoff(TimeSpan poll, TimeSpan cap, int failures)
    {
        if (cap < poll) cap = poll;
        var wait = poll * Math.Pow(2, Math.Min(Math.Max(failures - 1, 0), 20));
        return wait > cap ? cap : wait;
    }

    /// <summary>One round: follow what is in flight, then submit the next checkpoint if nothing is.</summary>
    /// <exception cref="InvalidOperationException">no contract code at <see cref="RelayerOptions.Contract"/> (not deployed yet, or a wrong address): nothing is sent.</exception>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        if (!_contractFound)
        {
            // A call to an address without code succeeds and does nothing: never mistake it for an anchoring.
            var code = await _chain.Web3.Eth.GetCode.SendRequestAsync(_options.Contract).ConfigureAwait(false);
            if (string.IsNullOrEmpty(code) || code == "0x")
                throw new InvalidOperationException($"no contract at {_options.Contract} on {_options.RpcUrl} (not deployed yet, or a wrong Contract setting)");
            _contractFound = true;
        }
        _nextNonce ??= await _chain.PendingNonceAsync().ConfigureAwait(false);
        var anchored = await _contract.LastHeightAsync().ConfigureAwait(false);
        var head = await _chain.HeadAsync().ConfigureAwait(false);
        try
        {
            foreach (var entry in _outbox.Entries.Where(e => !e.IsDone).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await FollowAsync(entry, head, anchored).ConfigureAwait(false);
            }
            var ready = await _source.ReadyAboveAsync(_options.Target, anchored, cancellationToken).ConfigureAwait(false);
            _metrics.Anchored(_options.Target, anchored, ready.Count == 0 ? 0 : ready[^1].Height - anchored);
            if (_outbox.Entries.Any(e => e.State == OutboxState.Submitted)) return;
            await SubmitNextAsync(ready, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReportOutbox();
        }
    }

    /// <summary>Submits the next of <paramref name="ready"/> above the contract's and the outbox's heights, if any.</summary>
    private async Task SubmitNextAsync(IReadOnlyList<ReadyCheckpoint> ready, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var floor = Math.Max(await _contract.LastHeightAsync().ConfigureAwait(false), _outbox.HighestHeight);
        var above = ready.Where(c => c.Height > floor).ToList();
        if (above.Count == 0) return;
        var next = above.FirstOrDefault(c => c.IsHandover) ?? above[^1];
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
            _metrics.Refused(_options.Target);
            RelayerLog.Refused(_logger, _options.Target, next.Height, refusal);
            return;
        }
        await SendAsync(new OutboxEntry { Height = next.Height, CallData = call.GetCallData().ToHex(true) }).ConfigureAwait(false);
    }

    private async Task FollowAsync(OutboxEntry entry, ulong head, ulong anchored)
    {
        var receipt = await ReceiptOfAnyAsync(entry).ConfigureAwait(false);
        if (receipt is null)
        {
            if (entry.State == OutboxState.Included)
            {
                RelayerLog.Reorganised(_logger, entry.Height, _options.Target, entry.BlockNumber, entry.BlockHash);
                await ResendAsync(entry).ConfigureAwait(false);
            }
            else if (!await KnowsAnyAsync(entry).ConfigureAwait(false))
            {
                // Not mined and not pending: a crash between writing the outbox and sending, or a dropped transaction (an
                // EVM node evicts what the base fee priced out). Stuck that long: a replacement with the same nonce. Else
                // the same bytes (nothing can be sent twice); if the chain refuses them, a fresh transaction.
                if (IsStuck(entry, head))
                {
                    await BumpAsync(entry, head).ConfigureAwait(false);
                    return;
                }
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
            else if (IsStuck(entry, head))
            {
                await BumpAsync(entry, head).ConfigureAwait(false);
            }
            return;
        }

        var number = (ulong)receipt.BlockNumber.Value;
        if (entry.State == OutboxState.Submitted || entry.BlockHash != receipt.BlockHash)
        {
            _metrics.GasSpent(_options.Target, receipt.GasUsed?.Value ?? 0, receipt.EffectiveGasPrice?.Value ?? entry.Fees.Ceiling);
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
        _metrics.Resubmitted(_options.Target);
        await SendAsync(entry).ConfigureAwait(false);
    }

    /// <summary>Signs at today's fees, records in the outbox (before anything leaves), then broadcasts.</summary>
    private async Task SendAsync(OutboxEntry entry)
    {
        var nonce = _nextNonce ?? await _chain.PendingNonceAsync().ConfigureAwait(false);
        var signed = await _chain.SignAsync(_options.Contract, entry.CallData, nonce, await _chain.CurrentFeesAsync().ConfigureAwait(false)).ConfigureAwait(false);
        var head = await _chain.HeadAsync().ConfigureAwait(false);
        // Hashes of an older nonce can no longer be mined once this one is; of the same nonce (a one-block reorg) they still can.
        if (entry.Nonce != nonce) entry.ReplacedTxHashes.Clear();
        else if (entry.TxHash.Length > 0 && !entry.ReplacedTxHashes.Contains(entry.TxHash, StringComparer.OrdinalIgnoreCase)) entry.ReplacedTxHashes.Add(entry.TxHash);
        if (entry.Nonce != nonce) entry.FeeBumps = 0;
        Record(entry, signed, nonce, head);
        entry.State = OutboxState.Submitted;
        entry.BlockNumber = 0;
        entry.BlockHash = "";
        entry.Attempts++;
        _outbox.Put(entry);
        _nextNonce = nonce + 1;
        if (entry.Attempts == 1) _metrics.Submitted(_options.Target);
        RelayerLog.Submitted(_logger, entry.Height, _options.Target, signed.Hash, nonce, entry.Attempts);
        await _chain.BroadcastAsync(signed.Raw).ConfigureAwait(false);
    }

    /// <summary>True when the entry's transaction has waited unmined for the configured blocks or time.</summary>
    private bool IsStuck(OutboxEntry entry, ulong head)
    {
        if (head >= entry.SubmittedAtBlock + (ulong)_options.BumpAfterBlocks) return true;
        var waited = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(entry.SubmittedAtUnixMs);
        return waited >= _options.BumpAfter;
    }

    /// <summary>
    /// Replaces the entry's pending transaction: same nonce, every price +12.5 % or today's if higher, recorded in the
    /// outbox (with the old hash kept) before it leaves. At the fee cap nothing is sent and the transaction waits.
    /// </summary>
    private async Task BumpAsync(OutboxEntry entry, ulong head)
    {
        var current = await _chain.CurrentFeesAsync().ConfigureAwait(false);
        // An entry written before fees were recorded offers nothing known: bump from today's offer.
        var old = entry.Fees.IsLegacy == current.IsLegacy ? entry.Fees : current;
        var fees = old.Bumped(current, new BigInteger(_options.MaxFeePerGasWei));
        if (fees is null)
        {
            RelayerLog.FeeCapReached(_logger, entry.Height, _options.Target, entry.TxHash, old.ToString(), _options.MaxFeePerGasWei);
            // Wait another full period before looking again, so the log says it once per period.
            entry.SubmittedAtBlock = head;
            entry.SubmittedAtUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            _outbox.Save();
            return;
        }
        var signed = await _chain.SignAsync(_options.Contract, entry.CallData, entry.Nonce, fees).ConfigureAwait(false);
        var previous = entry.TxHash;
        if (!entry.ReplacedTxHashes.Contains(previous, StringComparer.OrdinalIgnoreCase)) entry.ReplacedTxHashes.Add(previous);
        Record(entry, signed, entry.Nonce, head);
        entry.FeeBumps++;
        _outbox.Put(entry);
        _metrics.FeeBumped(_options.Target);
        RelayerLog.FeeBumped(_logger, entry.Height, _options.Target, previous, signed.Hash, entry.Nonce, fees.ToString());
        try
        {
            await _chain.BroadcastAsync(signed.Raw).ConfigureAwait(false);
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException e)
        {
            // Most often the old transaction was mined meanwhile ("nonce too low"): the next round finds its receipt.
            RelayerLog.BumpRefused(_logger, signed.Hash, entry.Height, _options.Target, e.Message);
        }
    }

    private void Record(OutboxEntry entry, SignedTx signed, ulong nonce, ulong head)
    {
        entry.TxHash = signed.Hash;
        entry.RawTx = signed.Raw;
        entry.Nonce = nonce;
        entry.Fees = signed.Fees;
        entry.SubmittedAtBlock = head;
        entry.SubmittedAtUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>The receipt of the entry's current transaction or of any it replaced (switching the entry to that one), or null.</summary>
    private async Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt?> ReceiptOfAnyAsync(OutboxEntry entry)
    {
        foreach (var hash in entry.AllTxHashes)
        {
            var receipt = await _chain.ReceiptAsync(hash).ConfigureAwait(false);
            if (receipt is null) continue;
            if (!string.Equals(hash, entry.TxHash, StringComparison.OrdinalIgnoreCase))
            {
                // A replaced transaction was mined before its replacement: it is this entry's now.
                entry.ReplacedTxHashes.Remove(hash);
                entry.ReplacedTxHashes.Add(entry.TxHash);
                entry.TxHash = hash;
                entry.RawTx = "";
                _outbox.Save();
            }
            return receipt;
        }
        return null;
    }

    /// <summary>True when the EVM node knows (pending or mined) any transaction of the entry's nonce.</summary>
    private async Task<bool> KnowsAnyAsync(OutboxEntry entry)
    {
        foreach (var hash in entry.AllTxHashes)
            if (await _chain.KnowsAsync(hash).ConfigureAwait(false)) return true;
        return false;
    }

    private void ReportOutbox() =>
        _metrics.Outbox(_options.Target, _outbox.Entries.GroupBy(e => e.State).ToDictionary(g => g.Key, g => g.Count()));

    private void MarkSuperseded(OutboxEntry entry, ulong anchored)
    {
        entry.State = OutboxState.Superseded;
        _outbox.Save();
        RelayerLog.Superseded(_logger, entry.Height, _options.Target, anchored);
    }
}
