using System.Text.Json;
using Seratio.Cli.Tests.Support;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary>
/// <c>seratio values rank</c> against a scripted node: the ranking and its reasons as text and as JSON, and a bad or
/// missing profile refused as a usage error (exit 2) before the node is asked.
/// </summary>
public sealed class ValuesCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FakeNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        var s = _node.State;
        s.Entities[1] = new EntityState { Id = 1, Name = "Wetlands Trust", Kind = EntityKind.Project };
        s.Entities[2] = new EntityState { Id = 2, Name = "Plain Co", Kind = EntityKind.Organisation };
        s.Entities[3] = new EntityState { Id = 3, Name = "Revoked Ltd", Kind = EntityKind.Organisation };
        var active = new CertificateState { Id = 1, Subject = 1, Ratio = "3000000000000000000" };
        active.Labels.Add("SDG:13");
        var revoked = new CertificateState { Id = 2, Subject = 3, Ratio = "9000000000000000000", Revoked = true };
        revoked.Labels.Add("sdg:13");
        s.CertificatesOf[1] = [new ListedCertificate { Certificate = active, Status = CertificateStatus.Active }];
        s.CertificatesOf[3] = [new ListedCertificate { Certificate = revoked, Status = CertificateStatus.Revoked }];
        var second = new ProvenanceRecord { Id = 2, EntityId = 1 };
        second.Inputs.Add(1);
        s.RecordsOf[1] = [new ProvenanceRecord { Id = 1, EntityId = 1 }, second];
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    private string Profile(string json)
    {
        var path = _dir.File("profile.json");
        File.WriteAllText(path, json);
        return path;
    }

    private Task<CliRun> Run(params string[] args) => new CliRunner().RunAsync([.. args, "--node", _node.Url]);

    [Fact]
    public async Task Rank_PrintsEachEntityInOrder_WithItsReasons()
    {
        var run = await Run("values", "rank", "--profile", Profile("""{"labels":{"sdg:13":5},"certificateWeight":10,"provenanceWeight":1}"""));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
        [
            "height 41: 3 entities considered",
            "1. Wetlands Trust (entity 1, project): score 17",
            "   certificate 1 active, S/E ratio 3: +10",
            "   certificate 1 carries sdg:13: +5",
            "   provenance: 2 records, depth 2: 1 × 2 = +2",
            "2. Plain Co (entity 2, organisation): score 0",
            "   no certificates: adds nothing",
            "   no provenance records: adds nothing",
            "3. Revoked Ltd (entity 3, organisation): score 0",
            "   certificate 2 revoked: adds nothing",
            "   no provenance records: adds nothing",
        ], run.Out.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Rank_WithJson_PrintsThePortalsDocument()
    {
        var run = await Run("values", "rank", "--profile", Profile("""{"labels":{"sdg:13":5},"minRatio":"4"}"""), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var doc = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(41ul, doc.GetProperty("height").GetUInt64());
        Assert.Equal(1 + 1 + 3 * 2, doc.GetProperty("calls").GetInt32()); // status, one page of entities, two per entity
        Assert.Equal("4", doc.GetProperty("profile").GetProperty("minRatio").GetString());
        var first = doc.GetProperty("ranking")[0];
        Assert.Equal((1, 1ul, 0L), (first.GetProperty("rank").GetInt32(), first.GetProperty("entity").GetUInt64(), first.GetProperty("score").GetInt64()));
        var reason = first.GetProperty("reasons")[0];
        Assert.Equal("excluded", reason.GetProperty("kind").GetString());
        Assert.Equal(1ul, reason.GetProperty("certificate").GetUInt64());
        Assert.Equal("certificate 1: S/E ratio 3 is below your minimum 4: adds nothing", reason.GetProperty("text").GetString());
        Assert.Equal(run.Out, (await Run("values", "rank", "--profile", _dir.File("profile.json"), "-o", "json")).Out);
    }

    [Theory]
    [InlineData("""{"labels":{"sdg:13":101}}""", "label 'sdg:13' has weight 101; weights are whole numbers 0-100")]
    [InlineData("{", "the profile is not JSON")]
    public async Task ABadProfile_IsAUsageError_NamingTheFile(string json, string error)
    {
        var path = Profile(json);
        var run = await Run("values", "rank", "--profile", path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --profile {path}: {error}", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task AMissingOrOversizedProfile_IsAUsageError()
    {
        var missing = await Run("values", "rank", "--profile", _dir.File("none.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.json: no such file", missing.Err, StringComparison.Ordinal);

        var big = Profile("{" + new string(' ', 20_000) + "}");
        var oversized = await Run("values", "rank", "--profile", big);
        Assert.Equal(2, oversized.ExitCode);
        Assert.Contains("the profile is 20002 bytes; at most 16384", oversized.Err, StringComparison.Ordinal);
    }
}
