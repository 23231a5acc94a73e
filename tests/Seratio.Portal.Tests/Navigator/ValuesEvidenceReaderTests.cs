using Grpc.Core;
using Seratio.Client.Values;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>
/// The evidence reader against a scripted node client: what it reads and at which height, the entity and call bounds
/// (each exceeded, each noted), and the short cache, which a fake clock ages.
/// </summary>
public sealed class ValuesEvidenceReaderTests
{
    [Fact]
    public async Task Reads_EveryEntityTheNodeLists_AllAtTheStatusHeight()
    {
        var node = new ScriptedNode(height: 41, entities: 3);
        node.Certificates[1] = [Listed(1, CertificateStatus.Active, "3000000000000000000", "SDG:13"), Listed(2, CertificateStatus.Revoked, "500000000000000000")];
        node.Records[1] = [Record(1), Record(2, 1), Record(5, 2)];
        var reader = new ValuesEvidenceReader(node, _ => default, new ManualClock());

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(41ul, snapshot.Height);
        Assert.Equal([1ul, 2, 3], snapshot.Entities.Select(e => e.Id)); // in id order, though listed newest first
        Assert.Equal(1 + 1 + 3 * 2, snapshot.Calls); // status, one page of entities, two per entity
        Assert.Empty(snapshot.Notes);
        Assert.All(node.Heights, h => Assert.Equal(41ul, h));
        var first = snapshot.Entities[0];
        Assert.Equal(("entity 1", "project", 3, 3), (first.Name, first.Kind, first.ProvenanceRecords, first.ProvenanceDepth));
        Assert.Equal([(1ul, CertificateStanding.Active), (2ul, CertificateStanding.Revoked)], first.Certificates.Select(c => (c.Id, c.Standing)));
        Assert.Equal(3 * Build.One, first.Certificates[0].Ratio);
        Assert.Equal(["SDG:13"], first.Certificates[0].Labels.ToArray());
    }

    [Fact]
    public async Task MoreEntitiesThanTheBound_AreNotRead_AndTheSnapshotSaysSo()
    {
        var node = new ScriptedNode(height: 9, entities: 8);
        var reader = new ValuesEvidenceReader(node, _ => default, new ManualClock(), new EvidenceReaderLimits { MaxEntities = 5 });

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal([4ul, 5, 6, 7, 8], snapshot.Entities.Select(e => e.Id));
        Assert.Equal(["only the newest 5 entities were considered (the navigator's bound)"], snapshot.Notes.ToArray());
        Assert.Equal([5u], node.PageSizesAsked);
        Assert.DoesNotContain(3ul, node.SubjectsAsked);
    }

    [Fact]
    public async Task TheCallBound_StopsTheReading_BeforeItIsExceeded()
    {
        var node = new ScriptedNode(height: 9, entities: 50);
        var reader = new ValuesEvidenceReader(node, _ => default, new ManualClock(), new EvidenceReaderLimits { MaxCalls = 21 });

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(20, snapshot.Calls); // status, the list, 9 entities of two calls: a tenth would make 22
        Assert.Equal(20, node.Calls);
        Assert.Equal([42ul, 43, 44, 45, 46, 47, 48, 49, 50], snapshot.Entities.Select(e => e.Id));
        Assert.Equal(["stopped before entity 41: a reading makes at most 21 calls to the node"], snapshot.Notes.ToArray());
    }

    [Fact]
    public async Task EntitiesBeyondOnePage_AreListedPageByPage_UpToTheBound()
    {
        var node = new ScriptedNode(height: 9, entities: 7);
        var reader = new ValuesEvidenceReader(node, _ => default, new ManualClock(), new EvidenceReaderLimits { PageSize = 3, MaxEntities = 6 });

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal([2ul, 3, 4, 5, 6, 7], snapshot.Entities.Select(e => e.Id));
        Assert.Equal([3u, 3], node.PageSizesAsked);
        Assert.Equal(1 + 2 + 6 * 2, snapshot.Calls);
        Assert.Equal(["only the newest 6 entities were considered (the navigator's bound)"], snapshot.Notes.ToArray());

        var all = await new ValuesEvidenceReader(new ScriptedNode(height: 9, entities: 6), _ => default, new ManualClock(),
            new EvidenceReaderLimits { PageSize = 3, MaxEntities = 6 }).ReadAsync(CancellationToken.None);
        Assert.Equal(6, all.Entities.Length);
        Assert.Empty(all.Notes); // the list ended exactly at the bound: nothing was left out
    }

    [Fact]
    public async Task AReading_IsReusedWhileTheHeightStands_AndReadAgainOnANewBlockOrOnceOld()
    {
        var node = new ScriptedNode(height: 9, entities: 2);
        var clock = new ManualClock();
        var reader = new ValuesEvidenceReader(node, _ => default, clock, new EvidenceReaderLimits { CacheFor = TimeSpan.FromSeconds(10) });

        var first = await reader.ReadAsync(CancellationToken.None);
        int calls = node.Calls;
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Same(first, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(calls + 1, node.Calls); // GetStatus only

        node.Height = 10;
        var second = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(10ul, second.Height);
        Assert.Equal(2 * calls + 1, node.Calls);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.NotSame(second, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(3 * calls + 1, node.Calls);
    }

    [Fact]
    public async Task ANodeThatFails_SurfacesItsError_AndNothingIsCached()
    {
        var node = new ScriptedNode(height: 9, entities: 2) { Fail = new Status(StatusCode.Unavailable, "down") };
        var reader = new ValuesEvidenceReader(node, _ => default, new ManualClock());

        var ex = await Assert.ThrowsAsync<RpcException>(() => reader.ReadAsync(CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);

        node.Fail = null;
        Assert.Equal(2, (await reader.ReadAsync(CancellationToken.None)).Entities.Length);
    }

    private static ListedCertificate Listed(ulong id, CertificateStatus status, string ratio, params string[] labels)
    {
        var state = new CertificateState { Id = id, Subject = 1, Ratio = ratio };
        state.Labels.Add(labels);
        return new ListedCertificate { Certificate = state, Status = status };
    }

    private static ProvenanceRecord Record(ulong id, params ulong[] inputs)
    {
        var record = new ProvenanceRecord { Id = id, EntityId = 1 };
        record.Inputs.Add(inputs);
        return record;
    }

    /// <summary>
    /// A node client answering from dictionaries; entities 1..<c>entities</c> exist, listed newest first as the node lists
    /// them with no controller (the page token is the id a page starts at). Counts calls and records what was asked.
    /// </summary>
    private sealed class ScriptedNode(ulong height, int entities) : NodeApi.NodeApiClient
    {
        public ulong Height { get; set; } = height;
        public Dictionary<ulong, ListedCertificate[]> Certificates { get; } = [];
        public Dictionary<ulong, ProvenanceRecord[]> Records { get; } = [];
        public List<ulong> Heights { get; } = [];
        public List<uint> PageSizesAsked { get; } = [];
        public List<ulong> SubjectsAsked { get; } = [];
        public int Calls;
        public Status? Fail { get; set; }

        public override AsyncUnaryCall<NodeStatus> GetStatusAsync(GetStatusRequest request, CallOptions options) =>
            Answer(new NodeStatus { LatestHeight = Height });

        public override AsyncUnaryCall<ListEntitiesResponse> ListEntitiesAsync(ListEntitiesRequest request, CallOptions options)
        {
            lock (Heights) { Heights.Add(request.Height); PageSizesAsked.Add(request.PageSize); }
            Assert.Equal("", request.Controller);
            ulong last = (ulong)entities, id = request.PageToken.Length == 0 ? last : Math.Min(ulong.Parse(request.PageToken, System.Globalization.CultureInfo.InvariantCulture), last);
            var response = new ListEntitiesResponse { Height = Height, LastId = last };
            for (; id >= 1 && response.Entities.Count < request.PageSize; id--)
                response.Entities.Add(new EntityState { Id = id, Name = $"entity {id}", Kind = EntityKind.Project });
            if (id >= 1) response.NextPageToken = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Answer(response);
        }

        public override AsyncUnaryCall<ListCertificatesResponse> ListCertificatesAsync(ListCertificatesRequest request, CallOptions options)
        {
            lock (Heights) { Heights.Add(request.Height); SubjectsAsked.Add(request.Subject); }
            var response = new ListCertificatesResponse { Height = Height };
            response.Certificates.Add(Certificates.GetValueOrDefault(request.Subject, []));
            return Answer(response);
        }

        public override AsyncUnaryCall<ListProvenanceRecordsResponse> ListProvenanceRecordsAsync(ListProvenanceRecordsRequest request, CallOptions options)
        {
            lock (Heights) Heights.Add(request.Height);
            var response = new ListProvenanceRecordsResponse { Height = Height };
            response.Records.Add(Records.GetValueOrDefault(request.EntityId, []));
            return Answer(response);
        }

        private AsyncUnaryCall<T> Answer<T>(T? value, Status? error = null) where T : class
        {
            Interlocked.Increment(ref Calls);
            error ??= Fail;
            var task = error is { } e ? Task.FromException<T>(new RpcException(e)) : Task.FromResult(value!);
            return new AsyncUnaryCall<T>(task, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }
    }

    /// <summary>A clock only the test moves.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
