using Seratio.Core.Crypto;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Validator-set changes and evidence across real node processes (docs/consensus.md): the authority adds a
/// running node's key and removes a genesis validator through the public API; a byzantine twin (a second
/// process with a validator's key) double-votes, and the evidence is gossiped, committed, queryable and jails it.
/// </summary>
public sealed class ValidatorSetChangeTests(ITestOutputHelper output)
{
    private static readonly string[] Four = ["v0", "v1", "v2", "v3"];

    [Fact]
    public async Task AuthorityAddsANodeAndRemovesAValidator_TheSetChangesTwoHeightsLater_AndTheChainGoesOn()
    {
        await using var network = new ValidatorSetNetwork(ValidatorSetNetwork.BuildGenesis());
        for (int i = 0; i < 4; i++) network.Plan(Four[i], ValidatorNetwork.ValidatorKey(i));
        network.Plan("newcomer", ValidatorSetNetwork.NewcomerKey);
        var nodes = Four.Select(n => network.Start(n, [.. Four.Where(o => o != n), "newcomer"], allowed: ["newcomer"])).ToList();
        var newcomer = network.Start("newcomer", Four);
        using var newKey = ValidatorSetNetwork.NewcomerKey;
        var newKeyBytes = newKey.PublicKey.ToByteString();
        try
        {
            await ValidatorSetNetwork.WaitForHeightAsync(nodes[0], 2, TimeSpan.FromSeconds(60));

            var added = await network.SetValidatorAsync(nodes[0], newKey.PublicKey, 10, "newcomer");
            Assert.Equal(ResultCode.Ok, added.Code);
            ulong h = added.Height;
            Assert.Equal((h + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                added.Events.Single(e => e.Type == "validator_set").Attributes.Single(a => a.Key == "effective_height").Value);
            await ValidatorSetNetwork.WaitForHeightAsync(nodes[0], h + 5, TimeSpan.FromSeconds(60));

            var api = nodes[0].Client;
            var before = await api.GetBlockAsync(new GetBlockRequest { Height = h + 1 });
            var after = await api.GetBlockAsync(new GetBlockRequest { Height = h + 2 });
            Assert.NotEqual(before.Block.Header.ValidatorsHash, after.Block.Header.ValidatorsHash);
            var set = await api.GetValidatorsAsync(new GetValidatorsRequest { Height = h + 2 });
            Assert.Equal(after.Block.Header.ValidatorsHash, set.ValidatorsHash);
            Assert.Contains(set.Validators, v => v.PublicKey == newKeyBytes && v.Name == "newcomer");
            Assert.Equal(50UL, set.TotalPower);
            Assert.DoesNotContain((await api.GetValidatorsAsync(new GetValidatorsRequest { Height = h + 1 })).Validators, v => v.PublicKey == newKeyBytes);
            // A commit holds the first quorum of precommits a node saw (4 of 5 here), so a slow newcomer can miss a few
            // commits; it must be in one of them soon after its addition took effect.
            bool newcomerSigned = false;
            var signDeadline = DateTime.UtcNow.AddSeconds(60);
            for (ulong x = h + 2; !newcomerSigned && DateTime.UtcNow < signDeadline; x++)
            {
                await ValidatorSetNetwork.WaitForHeightAsync(nodes[0], x, TimeSpan.FromSeconds(60));
                newcomerSigned = (await ValidatorSetNetwork.SignersAsync(nodes[0], x)).Contains(newKeyBytes);
            }
            Assert.True(newcomerSigned, "the newcomer signed none of the commits after its addition took effect");
            for (ulong x = 1; x <= h + 1; x++) Assert.DoesNotContain(newKeyBytes, await ValidatorSetNetwork.SignersAsync(nodes[0], x));

            // Remove v3: from r + 2 on it signs nothing, and the four others go on.
            using var v3 = ValidatorNetwork.ValidatorKey(3);
            var removed = await network.SetValidatorAsync(nodes[1], v3.PublicKey, 0, "");
            Assert.Equal(ResultCode.Ok, removed.Code);
            ulong r = removed.Height;
            await ValidatorSetNetwork.WaitForHeightAsync(nodes[0], r + 6, TimeSpan.FromSeconds(60));
            var v3Key = v3.PublicKey.ToByteString();
            for (ulong x = r + 2; x <= r + 6; x++) Assert.DoesNotContain(v3Key, await ValidatorSetNetwork.SignersAsync(nodes[0], x));
            Assert.DoesNotContain((await api.GetValidatorsAsync(new GetValidatorsRequest())).Validators, v => v.PublicKey == v3Key);
            Assert.Contains("this node is an observer", nodes[3].Output, StringComparison.Ordinal);
            Assert.Contains("this node is a validator", newcomer.Output, StringComparison.Ordinal);
            await ValidatorSetNetwork.WaitForHeightAsync(nodes[3], r + 6, TimeSpan.FromSeconds(30)); // the removed one still follows

            // Bad queries get precise statuses, and the node keeps serving.
            var tooHigh = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await api.GetValidatorsAsync(new GetValidatorsRequest { Height = 1_000_000 }));
            Assert.Equal(Grpc.Core.StatusCode.OutOfRange, tooHigh.StatusCode);
            var shortKey = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
                await api.GetEvidenceAsync(new GetEvidenceRequest { Validator = Google.Protobuf.ByteString.CopyFrom(new byte[3]) }));
            Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, shortKey.StatusCode);
            var bigPage = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await api.GetEvidenceAsync(new GetEvidenceRequest { Limit = 5000 }));
            Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, bigPage.StatusCode);
            Assert.Equal(0UL, (await api.GetEvidenceAsync(new GetEvidenceRequest())).Total);
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(network.Nodes));
            throw;
        }
    }

    [Fact]
    public async Task AByzantineTwinDoubleVotes_TheEvidenceIsCommittedQueryable_AndJailsIt()
    {
        await using var network = new ValidatorSetNetwork(ValidatorSetNetwork.BuildGenesis());
        for (int i = 0; i < 4; i++) network.Plan(Four[i], ValidatorNetwork.ValidatorKey(i));
        using var offender = ValidatorNetwork.ValidatorKey(1);
        network.Plan("twin", ValidatorNetwork.ValidatorKey(1));
        // v1 and its twin share a key, so each must meet different peers: v1 talks to v0 only, the twin to v2 and v3.
        var v0 = network.Start("v0", ["v1", "v2", "v3"]);
        network.Start("v1", ["v0"]);
        var v2 = network.Start("v2", ["v0", "v3", "twin"]);
        network.Start("v3", ["v0", "v2", "twin"]);
        network.Start("twin", ["v2", "v3"]);
        try
        {
            await ValidatorSetNetwork.WaitForHeightAsync(v0, 1, TimeSpan.FromSeconds(60));
            var offenderKey = offender.PublicKey.ToByteString();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            EvidenceResponse evidence;
            while ((evidence = await v0.Client.GetEvidenceAsync(new GetEvidenceRequest())).Total == 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("no evidence was committed within 120 s");
                await Task.Delay(500);
            }
            var record = evidence.Evidence[0];
            Assert.Equal(offenderKey, record.Validator);
            Assert.True(record.Jailed);
            output.WriteLine($"evidence {Convert.ToHexStringLower(record.Hash.Span)} of height {record.Height} committed at {record.IncludedHeight}");

            var byHash = await v2.Client.GetEvidenceAsync(new GetEvidenceRequest { Hash = record.Hash });
            Assert.Equal(record, Assert.Single(byHash.Evidence));
            // The twin may double-vote again meanwhile: the filter returns at least what was committed then, and only the offender's.
            var offenders = await v0.Client.GetEvidenceAsync(new GetEvidenceRequest { Validator = offenderKey });
            Assert.True(offenders.Total >= evidence.Total, $"{offenders.Total} < {evidence.Total}");
            Assert.All(offenders.Evidence, e => Assert.Equal(offenderKey, e.Validator));
            var block = await v0.Client.GetBlockAsync(new GetBlockRequest { Height = record.IncludedHeight });
            Assert.NotEmpty(block.Block.Evidence);
            Assert.False(block.Block.Header.EvidenceRoot.IsEmpty);

            ulong effective = record.IncludedHeight + 2;
            await ValidatorSetNetwork.WaitForHeightAsync(v0, effective + 3, TimeSpan.FromSeconds(60));
            var set = await v0.Client.GetValidatorsAsync(new GetValidatorsRequest { Height = effective });
            Assert.DoesNotContain(set.Validators, v => v.PublicKey == offenderKey);
            Assert.Contains(set.Jailed, j => j.PublicKey == offenderKey && j.JailedAtHeight == record.IncludedHeight);
            for (ulong x = effective; x <= effective + 3; x++) Assert.DoesNotContain(offenderKey, await ValidatorSetNetwork.SignersAsync(v0, x));
            var missing = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
                await v0.Client.GetEvidenceAsync(new GetEvidenceRequest { Hash = Hashing.Hash(Domains.Evidence, [0]).ToByteString() }));
            Assert.Equal(Grpc.Core.StatusCode.NotFound, missing.StatusCode);
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(network.Nodes));
            throw;
        }
    }
}
