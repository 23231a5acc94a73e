using System.Globalization;
using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.Mempool;
using Seratio.Node.Metrics;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Metrics;

public class NodeMetricsTests
{
    private static readonly SigningKey[] Keys = [.. Enumerable.Range(0, 4).Select(i => SigningKey.ForTesting($"metrics-test/validator-{i}"))];
    private static readonly ValidatorSet Set = new(Keys.Select(k => new Validator(k.PublicKey, 10)));

    private static Commit CommitSignedBy(params int[] signers)
    {
        var commit = new Commit { Height = 7, Round = 0, BlockHash = ByteString.CopyFrom(new byte[32]) };
        foreach (int i in signers) commit.Signatures.Add(new CommitSig { Validator = Keys[i].PublicKey.ToByteString(), Signature = ByteString.CopyFrom(new byte[64]) });
        return commit;
    }

    private static string Address(int i) => Keys[i].PublicKey.ToAddress().ToString();

    [Fact]
    public void MissedVotes_AreTheValidatorsWithoutASignatureInTheCommit_InKeyOrder()
    {
        var missed = MissedVotes.Of(CommitSignedBy(0, 2), Set);
        var expected = Set.Validators.Where(v => v.Key == Keys[1].PublicKey || v.Key == Keys[3].PublicKey).ToList();
        Assert.Equal(expected, missed);
    }

    [Fact]
    public void MissedVotes_IgnoreSignaturesOfStrangersAndMalformedKeys()
    {
        var commit = CommitSignedBy(0, 1, 2, 3);
        commit.Signatures.RemoveAt(3);
        using var stranger = SigningKey.ForTesting("metrics-test/stranger");
        commit.Signatures.Add(new CommitSig { Validator = stranger.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(new byte[64]) });
        commit.Signatures.Add(new CommitSig { Validator = ByteString.CopyFrom(new byte[5]), Signature = ByteString.Empty });
        Assert.Equal([Set.Validators[Set.IndexOf(Keys[3].PublicKey)]], MissedVotes.Of(commit, Set));
    }

    [Fact]
    public async Task BlockCommitted_CountsEachMissingValidatorOncePerBlock()
    {
        var metrics = new NodeMetrics();
        metrics.BlockCommitted(new BlockFigures(7, 3, 900, [Address(1), Address(3)]));
        metrics.BlockCommitted(new BlockFigures(8, 0, 300, [Address(1)]));

        var text = await metrics.ExportTextAsync();

        Assert.Equal(2, Sample(text, $"seratio_votes_missed_total{{validator=\"{Address(1)}\"}}"));
        Assert.Equal(1, Sample(text, $"seratio_votes_missed_total{{validator=\"{Address(3)}\"}}"));
        Assert.DoesNotContain(Address(0), text, StringComparison.Ordinal);
        Assert.Equal(8, Sample(text, "seratio_chain_height"));
        Assert.Equal(2, Sample(text, "seratio_blocks_committed_total"));
        Assert.Equal(2, Sample(text, "seratio_block_txs_count"));
        Assert.Equal(3, Sample(text, "seratio_block_txs_sum"));
        Assert.Equal(1200, Sample(text, "seratio_block_bytes_sum"));
    }

    [Fact]
    public async Task HeightCommitted_IsObservedInTheCommitLatencyHistogram()
    {
        var metrics = new NodeMetrics();
        metrics.HeightCommitted(TimeSpan.FromMilliseconds(750));
        metrics.HeightCommitted(TimeSpan.FromSeconds(4));

        var text = await metrics.ExportTextAsync();

        Assert.Equal(2, Sample(text, "seratio_commit_latency_seconds_count"));
        Assert.Equal(4.75, Sample(text, "seratio_commit_latency_seconds_sum"), 6);
        Assert.Equal(0, Sample(text, "seratio_commit_latency_seconds_bucket{le=\"0.5\"}"));
        Assert.Equal(1, Sample(text, "seratio_commit_latency_seconds_bucket{le=\"1\"}"));
        Assert.Equal(2, Sample(text, "seratio_commit_latency_seconds_bucket{le=\"5\"}"));
    }

    [Fact]
    public async Task TxAdmission_CountsAdmittedAndRejectedByOutcome()
    {
        var metrics = new NodeMetrics();
        metrics.TxAdmission(AdmitOutcome.Accepted);
        metrics.TxAdmission(AdmitOutcome.Accepted);
        metrics.TxAdmission(AdmitOutcome.NonceTooLow);
        metrics.TxAdmission(AdmitOutcome.BadSignature);
        metrics.TxAdmission(AdmitOutcome.NonceTooLow);

        var text = await metrics.ExportTextAsync();

        Assert.Equal(2, Sample(text, "seratio_txs_admitted_total"));
        Assert.Equal(2, Sample(text, "seratio_txs_rejected_total{outcome=\"NonceTooLow\"}"));
        Assert.Equal(1, Sample(text, "seratio_txs_rejected_total{outcome=\"BadSignature\"}"));
    }

    [Fact]
    public async Task ConsensusProgressAndSampledGauges_AreExported()
    {
        var metrics = new NodeMetrics();
        int pool = 5;
        metrics.Sample(() => 41, () => pool, () => 3);
        metrics.ConsensusProgress(42, 2, VoteStep.Prevote);
        metrics.BlockSynced();
        metrics.EvidenceSeen();
        pool = 6;

        var text = await metrics.ExportTextAsync();

        Assert.Equal(42, Sample(text, "seratio_consensus_height"));
        Assert.Equal(2, Sample(text, "seratio_consensus_round"));
        Assert.Equal(2, Sample(text, "seratio_consensus_step"));
        Assert.Equal(41, Sample(text, "seratio_chain_height"));
        Assert.Equal(6, Sample(text, "seratio_mempool_txs"));
        Assert.Equal(3, Sample(text, "seratio_peers_connected"));
        Assert.Equal(1, Sample(text, "seratio_blocks_synced_total"));
        Assert.Equal(1, Sample(text, "seratio_evidence_seen_total"));
    }

    [Fact]
    public async Task TwoInstances_DoNotShareValues()
    {
        var a = new NodeMetrics();
        var b = new NodeMetrics();
        a.EvidenceSeen();
        Assert.Equal(0, Sample(await b.ExportTextAsync(), "seratio_evidence_seen_total"));
    }

    /// <summary>The value of the sample line that starts with <paramref name="series"/> (name and labels, exactly).</summary>
    internal static double Sample(string text, string series)
    {
        foreach (var line in text.Split('\n'))
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
        throw new Xunit.Sdk.XunitException($"no sample {series} in\n{text}");
    }
}
