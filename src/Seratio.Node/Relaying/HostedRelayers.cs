using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;

namespace Seratio.Node.Relaying;

/// <summary>
/// Runs the node's hosted anchor relayers (section "Relayers"), one <see cref="AnchorRelayer"/> per target, each reading
/// ready checkpoints from this node's state (<see cref="ChainCheckpointSource"/>). Built before the host starts: a key
/// that cannot be opened or an outbox that cannot be read refuses the start with a message naming the setting. Once
/// running, nothing a relayer meets stops the node: a failure (EVM node down, a bug) is logged and retried with a
/// doubling delay, so consensus never waits for a relayer. Each relayer's loop owns its relayer; the service holds only
/// what the constructor built.
/// </summary>
public sealed class HostedRelayers : BackgroundService
{
    private readonly IReadOnlyList<Planned> _relayers;
    private readonly ICheckpointSource _source;
    private readonly AnchorArtifacts _artifacts;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IRelayerMetrics _metrics;

    /// <exception cref="OptionsValidationException">a key file, its passphrase, or an outbox is refused; the message names the setting (a configuration error: exit code 1).</exception>
    public HostedRelayers(IOptions<RelayersOptions> options, string home, ICheckpointSource source, AnchorArtifacts artifacts,
        ILoggerFactory loggers, TimeProvider time, IRelayerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _artifacts = artifacts ?? throw new ArgumentNullException(nameof(artifacts));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger<HostedRelayers>();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        var planned = new List<Planned>();
        var targets = options.Value.Targets;
        for (int i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            string prefix = $"{RelayersOptions.Section}:Targets:{i}:";
            RelayerKey key;
            try
            {
                key = RelayerKeyFile.Load(target.KeyPath(home), target.KeyPassphrasePath(home), prefix + "KeyFile", prefix + "KeyPassphraseFile");
            }
            catch (InvalidOperationException e)
            {
                throw Refused(e.Message);
            }
            if (key.Warning is not null) RelayersLog.PlainKey(_logger, target.Target, key.Warning);
            var outbox = target.OutboxFullPath(home);
            try
            {
                Outbox.Open(outbox);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw Refused($"{prefix}OutboxPath: {e.Message}");
            }
            planned.Add(new Planned(target, home, key));
        }
        _relayers = planned;
    }

    /// <summary>How many relayers this node runs.</summary>
    public int Count => _relayers.Count;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_relayers.Select(r => Task.Run(() => RunAsync(r, stoppingToken), CancellationToken.None)));

    /// <summary>One relayer's life: learn the chain id (retrying while the EVM node is down), then run until the node stops.</summary>
    private async Task RunAsync(Planned planned, CancellationToken stoppingToken)
    {
        var target = planned.Options.Target;
        int failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                long chainId = planned.Options.EvmChainId > 0 ? planned.Options.EvmChainId : await AskChainIdAsync(planned.Options.RpcUrl, stoppingToken).ConfigureAwait(false);
                var relayer = new AnchorRelayer(planned.Options.ToRelayerOptions(planned.Home, planned.Key.PrivateKeyHex, chainId), _source, _artifacts,
                    _loggers.CreateLogger<AnchorRelayer>(), _time, _metrics);
                await relayer.RunAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                _metrics.RoundFailed(target);
                var wait = AnchorRelayer.Backoff(TimeSpan.FromMilliseconds(planned.Options.PollIntervalMs), TimeSpan.FromMilliseconds(planned.Options.MaxBackoffMs), failures);
                RelayersLog.StartFailed(_logger, e, target, planned.Options.RpcUrl, failures, wait);
                try
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<long> AskChainIdAsync(string rpcUrl, CancellationToken cancellationToken)
    {
        var web3 = new Nethereum.Web3.Web3(rpcUrl);
        return (long)(await web3.Eth.ChainId.SendRequestAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)).Value;
    }

    private static OptionsValidationException Refused(string message) =>
        new(RelayersOptions.Section, typeof(RelayersOptions), [message]);

    private sealed record Planned(RelayerTargetOptions Options, string Home, RelayerKey Key);
}
