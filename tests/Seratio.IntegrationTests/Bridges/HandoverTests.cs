using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Nethereum.Signer;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Consensus;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, "a validator-set change on Seratio reaches both contracts through the handover": a real four-validator
/// <c>seratio devnet</c> anchored by two real relayers to two real anvils (eth 1337, etc 63) grows to five (a
/// <c>seratio-node</c> process added with <c>tx set-validator</c> registers its anchor key with
/// <c>tx register-anchor-key</c>) and then loses one of the original four (power 0). The relayers are stopped while the
/// set changes, so when they start again both handover checkpoints and a later one are ready at once: they must submit
/// each handover in order rather than the newest checkpoint. Both contracts end at epoch 2 with each handover stored at
/// its height (powerOf of the new and the removed signer), a later checkpoint signed by the new set is anchored on both
/// chains, and a checkpoint signed by the original four alone is refused on both. Blocks every 300 ms when idle, so a
/// checkpoint (every 10 heights) comes every few seconds.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class HandoverTests : IAsyncLifetime
{
    private const ulong Power = 10;
    private AnchoredDevnet _net = null!;
    private ValidatorProcess? _joiner;

    public async Task InitializeAsync()
    {
        _net = await AnchoredDevnet.StartAsync("handover", validators: 4);
        _net.ExtraOutput = () => $"--- joiner\n{_joiner?.Output}";
        _net.StartRelayers();
    }

    private static string Hex(Google.Protobuf.ByteString bytes) => AnchoredDevnet.Hex(bytes);

    [Fact]
    public async Task AddingAFifthValidator_AndRemovingAnOriginal_HandsTheAnchorSetOverOnBothChains_AndTheOldSetAloneIsRefused()
    {
        var genesis = Genesis.Load(Path.Combine(_net.Home, "validator-0", "config", "genesis.json"));
        Assert.Equal(4, genesis.Validators.Count);
        var genesisRecord = (await _net.CheckpointsAsync()).Last();
        var genesisSetHash = genesisRecord.AnchorSetHash.ToByteArray();
        await _net.WaitForAsync(async () => await _net.EthContract.LastHeightAsync() > 0 && await _net.EtcContract.LastHeightAsync() > 0 ? "" : null,
            "a first checkpoint anchored on both anvils");
        // The relayers stop while the set changes: when they start again, both handovers and a later checkpoint wait.
        await _net.StopRelayersAsync();
        var anchoredBefore = Math.Max(await _net.EthContract.LastHeightAsync(), await _net.EtcContract.LastHeightAsync());

        // 1. A fifth validator: its node dials the four, the authority adds it, it registers its anchor key.
        using var joinerKey = SigningKey.ForTesting("it/handover-validator-4");
        var joinerAnchor = new EthECKey(Seratio.Vm.Modules.Anchor.AnchorCrypto.Keccak("it/handover-anchor-4"u8.ToArray()), true);
        var joinerAnchorAddress = joinerAnchor.GetPublicAddress().ToLowerInvariant();
        var joinerHome = Path.Combine(_net.Root, "joiner");
        var peers = genesis.Validators.Select((v, i) => $"{v.PublicKey.ToLowerInvariant()}@127.0.0.1:{_net.ApiPort + 1000 + i}").ToArray();
        ValidatorNetwork.WriteHome(joinerHome, genesis, joinerKey, _net.ApiPort + 4, _net.ApiPort + 1004, peers, []);
        var anchorKeyFile = Path.Combine(joinerHome, "keys", "anchor.devnet-unsafe.key");
        File.WriteAllText(anchorKeyFile, JsonSerializer.Serialize(new Dictionary<string, string> { ["private_key"] = Convert.ToHexStringLower(joinerAnchor.GetPrivateKeyAsBytes()) }));
        _joiner = new ValidatorProcess("joiner", joinerHome, _net.ApiPort + 4, _net.ApiPort + 1004);
        _joiner.Settings["Consensus:EmptyBlockIntervalMs"] = "300";
        _joiner.Start();

        var added = await _net.Cli.RunAsync("tx", "set-validator", "--from", "dev-0", "--home", _net.Home, "--pubkey", Convert.ToHexStringLower(joinerKey.PublicKey.ToArray()),
            "--power", Power.ToString(CultureInfo.InvariantCulture), "--name", "joiner", "--wait", "--node", _net.Url);
        Assert.True(added.ExitCode == 0, added.ToString());
        var registered = await _net.Cli.RunAsync("tx", "register-anchor-key", "--from", Path.Combine(joinerHome, "keys", "validator.devnet-unsafe.key"),
            "--anchor-key", anchorKeyFile, "--wait", "--node", _net.Url);
        Assert.True(registered.ExitCode == 0, registered.ToString());

        var growth = await _net.WaitForAsync(async () => (await _net.CheckpointsAsync()).FirstOrDefault(c => IsHandover(c) && Holds(c.NextAnchorSet, joinerAnchorAddress)),
            "a checkpoint handing the anchor set over to the five");
        Assert.False(Holds(growth.AnchorSet, joinerAnchorAddress));
        Assert.Equal(genesisRecord.AnchorSetHash, growth.AnchorSetHash);
        Assert.Equal(5, growth.NextAnchorSet.Members.Count);

        // 2. One of the original four leaves (power 0). The five sign that handover.
        var leaving = genesis.Validators[3].PublicKey.ToLowerInvariant();
        var leavingAnchorAddress = Hex(growth.NextAnchorSet.Members.Single(m => Convert.ToHexStringLower(m.ValidatorPublicKey.Span) == leaving).AnchorAddress);
        var removed = await _net.Cli.RunAsync("tx", "set-validator", "--from", "dev-0", "--home", _net.Home, "--pubkey", leaving, "--power", "0", "--wait", "--node", _net.Url);
        Assert.True(removed.ExitCode == 0, removed.ToString());

        var shrink = await _net.WaitForAsync(async () => (await _net.CheckpointsAsync()).FirstOrDefault(c => c.Height > growth.Height && IsHandover(c)
            && Holds(c.AnchorSet, leavingAnchorAddress) && !Holds(c.NextAnchorSet, leavingAnchorAddress)), "a checkpoint handing the anchor set over to the four without validator-3");
        Assert.Equal(growth.NextAnchorSetHash, shrink.AnchorSetHash);
        Assert.Equal(4, shrink.NextAnchorSet.Members.Count);
        Assert.True(Holds(shrink.NextAnchorSet, joinerAnchorAddress));
        // Both handovers and a later checkpoint of the new four, all ready for both targets, none anchored yet.
        foreach (var handover in new[] { growth, shrink })
            await _net.WaitForAsync(async () => (await _net.CheckpointAsync(handover.Height)).Targets.All(t => t.Ready) ? "" : null, $"checkpoint {handover.Height} ready for both targets");
        var after = await _net.WaitForAsync(async () => (await _net.CheckpointsAsync()).FirstOrDefault(c => c.Height > shrink.Height && c.Targets.All(t => t.Ready)),
            $"a checkpoint above {shrink.Height} ready for both targets");
        Assert.Equal(shrink.NextAnchorSetHash, after.AnchorSetHash);
        // The joiner's node signs with the key it registered, as the four do with theirs from genesis.
        await _net.WaitForAsync(async () => (await _net.CheckpointsAsync()).FirstOrDefault(c => c.Height > growth.Height
            && c.Targets.All(t => t.Signatures.Any(s => Hex(s.Signer) == joinerAnchorAddress))), "a checkpoint signed by the joiner for both targets");
        Assert.True(anchoredBefore < growth.Height, $"the contracts anchored {anchoredBefore} before the set changed");
        Assert.Equal(anchoredBefore, Math.Max(await _net.EthContract.LastHeightAsync(), await _net.EtcContract.LastHeightAsync()));

        // 3. The relayers start again: each handover reaches both contracts in order, then the new four's checkpoints.
        _net.StartRelayers();
        foreach (var contract in new[] { _net.EthContract, _net.EtcContract })
        {
            await _net.WaitForAsync(async () => await contract.LastHeightAsync() > shrink.Height ? "" : null, $"a checkpoint above {shrink.Height} anchored at {contract.Address} ({contract.EvmChainId})");
            Assert.Equal(new BigInteger(2), await contract.EpochAsync());
            Assert.Equal(shrink.NextAnchorSetHash.ToByteArray(), await contract.AnchorSetHashAsync());
            Assert.Equal(new BigInteger(4 * Power), await contract.TotalPowerAsync());
            Assert.Equal(BigInteger.Zero, await contract.PowerOfAsync(leavingAnchorAddress));
            Assert.Equal(new BigInteger(Power), await contract.PowerOfAsync(joinerAnchorAddress));
            // Each handover anchored at its own height: the relayer did not jump to a later checkpoint.
            foreach (var handover in new[] { growth, shrink })
            {
                var stored = await contract.CheckpointAtAsync(handover.Height);
                Assert.Equal(handover.StateRoot.ToByteArray(), stored.StateRoot);
                Assert.Equal(handover.BlockHash.ToByteArray(), stored.BlockHash);
            }
            var later = await _net.CheckpointAsync(await contract.LastHeightAsync());
            Assert.Equal(shrink.NextAnchorSetHash, later.AnchorSetHash);
            Assert.Equal(later.StateRoot.ToByteArray(), (await contract.CheckpointAtAsync(later.Height)).StateRoot);
            var target = later.Targets.Single(t => t.Target.EvmChainId == (ulong)contract.EvmChainId);
            Assert.All(target.Signatures, s => Assert.True(Holds(shrink.NextAnchorSet, Hex(s.Signer)), $"signer {Hex(s.Signer)} of {later.Height} is outside the new set"));
            Assert.DoesNotContain(target.Signatures, s => Hex(s.Signer) == leavingAnchorAddress);
        }
        await _net.StopRelayersAsync();

        // The relayers sent each handover themselves, once, in order, and saw it confirmed.
        foreach (var relayer in new[] { _net.EthRelayer, _net.EtcRelayer })
        {
            var sent = relayer.Entries.Where(e => e.Height > anchoredBefore).ToList();
            Assert.Equal(growth.Height, sent[0].Height);
            Assert.Equal(shrink.Height, sent[1].Height);
            foreach (var entry in sent.Take(2))
            {
                Assert.Equal(OutboxState.Confirmed, entry.State);
                Assert.Equal(1, entry.Attempts);
            }
        }

        // 4. The original four alone, with the anchor keys from their key files, are refused: naming their own (old) set,
        // and naming the current set, which the removed one is no longer part of.
        var oldKeys = Enumerable.Range(0, 4).Select(i => SignedCheckpoints.AnchorKey(Path.Combine(_net.Home, $"validator-{i}", "keys", "anchor.devnet-unsafe.key"))).ToList();
        foreach (var contract in new[] { _net.EthContract, _net.EtcContract })
        {
            var last = await _net.CheckpointAsync(await contract.LastHeightAsync());
            foreach (var (setHash, expected) in new[] { (genesisSetHash, "WrongAnchorSetHash"), (shrink.NextAnchorSetHash.ToByteArray(), "SignerNotInAnchorSet") })
            {
                var forged = new Checkpoint(last.SeratioChainId, last.Height + 1, last.BlockHash.ToByteArray(), last.StateRoot.ToByteArray(), setHash, setHash);
                var refused = await Assert.ThrowsAsync<AnchorRevertException>(() => contract.SubmitAsync(SignedCheckpoints.Signed(forged, oldKeys, contract)));
                Assert.Equal(expected, refused.ErrorName);
            }
            Assert.Equal(last.Height, await contract.LastHeightAsync());
        }
    }

    private static bool IsHandover(CheckpointRecord c) => !c.AnchorSetHash.Equals(c.NextAnchorSetHash);

    private static bool Holds(AnchorSetState set, string anchorAddress) => set.Members.Any(m => Hex(m.AnchorAddress) == anchorAddress);

    public async Task DisposeAsync()
    {
        if (_joiner is not null) await _joiner.DisposeAsync();
        if (_net is not null) await _net.DisposeAsync();
    }
}
