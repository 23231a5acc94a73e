using System.Collections.Immutable;
using Grpc.Core;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Entities;

namespace Seratio.Client.Values;

/// <summary>
/// The reader's bounds (docs/portal.md, "The values navigator", Limits): the newest <see cref="MaxEntities"/> entities
/// are considered, listed by ListEntities in pages of <see cref="PageSize"/>; each costs two more calls
/// (ListCertificates, ListProvenanceRecords: one page of <see cref="PageSize"/> each), and a reading stops before it
/// would exceed <see cref="MaxCalls"/> calls in all (GetStatus included). A reading is reused while the chain's height
/// stands, for at most <see cref="CacheFor"/>.
/// </summary>
public sealed record EvidenceReaderLimits
{
    public int MaxEntities { get; init; } = 100;
    public int MaxCalls { get; init; } = 202;
    public int PageSize { get; init; } = 100;
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>The evidence of the entities read at one height, how many calls it took, and what the bounds left out.</summary>
public sealed record EvidenceSnapshot(ulong Height, ImmutableArray<EntityEvidence> Entities, int Calls, ImmutableArray<string> Notes);

/// <summary>
/// Gathers the navigator's evidence through a node's public API, every call pinned to the height GetStatus reported
/// first, so one reading is one consistent state: the entities ListEntities gives newest first (no controller), each
/// with its certificates (their status at that height, ratio and labels) and its provenance
/// records (for <see cref="ProvenanceDepth"/>). Bounded by <see cref="EvidenceReaderLimits"/>; one reading runs at a
/// time and is reused, by every caller, while the node's latest height has not moved and for at most
/// <see cref="EvidenceReaderLimits.CacheFor"/> (the <see cref="TimeProvider"/>'s clock): a new block, such as one
/// registering an entity, is seen by the next ranking. A node's refusal or silence surfaces as its <see cref="RpcException"/>.
/// Thread safe.
/// </summary>
public sealed class ValuesEvidenceReader(
    NodeApi.NodeApiClient api, Func<CancellationToken, CallOptions> callOptions, TimeProvider time, EvidenceReaderLimits? limits = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (EvidenceSnapshot Snapshot, DateTimeOffset At)? _cached;

    public EvidenceReaderLimits Limits { get; } = limits ?? new EvidenceReaderLimits();

    /// <summary>
    /// The evidence at the node's latest height: asks GetStatus (one call), reuses the last reading when it is of that
    /// height and younger than <see cref="EvidenceReaderLimits.CacheFor"/>, else reads again (one reading at a time).
    /// </summary>
    public async Task<EvidenceSnapshot> ReadAsync(CancellationToken ct)
    {
        var status = await api.GetStatusAsync(new GetStatusRequest(), callOptions(ct)).ResponseAsync.ConfigureAwait(false);
        ulong height = status.LatestHeight;
        if (Fresh(height) is { } hit) return hit;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Fresh(height) is { } again) return again;
            var snapshot = await GatherAsync(height, ct).ConfigureAwait(false);
            _cached = (snapshot, time.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cached reading if it is of <paramref name="height"/> or later (another caller read meanwhile) and still young.</summary>
    private EvidenceSnapshot? Fresh(ulong height) =>
        _cached is { } c && c.Snapshot.Height >= height && time.GetUtcNow() - c.At < Limits.CacheFor ? c.Snapshot : null;

    private async Task<EvidenceSnapshot> GatherAsync(ulong height, CancellationToken ct)
    {
        int calls = 1; // the GetStatus that named the height
        var entities = new List<EntityEvidence>();
        var notes = ImmutableArray.CreateBuilder<string>();
        string token = "";
        while (true)
        {
            if (calls + 1 > Limits.MaxCalls)
            {
                notes.Add($"stopped before listing more entities: a reading makes at most {Limits.MaxCalls} calls to the node");
                break;
            }
            calls++;
            var page = await api.ListEntitiesAsync(new ListEntitiesRequest
            {
                PageSize = (uint)Math.Min(Limits.PageSize, Limits.MaxEntities - entities.Count), PageToken = token, Height = height,
            }, callOptions(ct)).ResponseAsync.ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                if (calls + 2 > Limits.MaxCalls)
                {
                    notes.Add($"stopped before entity {entity.Id}: a reading makes at most {Limits.MaxCalls} calls to the node");
                    return Snapshot(height, entities, calls, notes);
                }
                calls += 2;
                var certificates = api.ListCertificatesAsync(
                    new ListCertificatesRequest { Subject = entity.Id, PageSize = (uint)Limits.PageSize, Height = height }, callOptions(ct)).ResponseAsync;
                var records = api.ListProvenanceRecordsAsync(
                    new ListProvenanceRecordsRequest { EntityId = entity.Id, PageSize = (uint)Limits.PageSize, Height = height }, callOptions(ct)).ResponseAsync;
                await Task.WhenAll(certificates, records).ConfigureAwait(false);
                entities.Add(Evidence(entity, await certificates.ConfigureAwait(false), await records.ConfigureAwait(false)));
            }
            token = page.NextPageToken;
            if (token.Length == 0) break;
            if (entities.Count >= Limits.MaxEntities)
            {
                notes.Add($"only the newest {Limits.MaxEntities} entities were considered (the navigator's bound)");
                break;
            }
        }
        return Snapshot(height, entities, calls, notes);
    }

    /// <summary>The snapshot of a reading, its entities in id order whatever order the node listed them in.</summary>
    private static EvidenceSnapshot Snapshot(ulong height, List<EntityEvidence> entities, int calls, ImmutableArray<string>.Builder notes) =>
        new(height, [.. entities.OrderBy(e => e.Id)], calls, notes.ToImmutable());

    /// <summary>The evidence of one entity from the node's answers (public for tests and other readers).</summary>
    public static EntityEvidence Evidence(EntityState entity, ListCertificatesResponse certificates, ListProvenanceRecordsResponse records)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(records);
        var certs = certificates.Certificates
            .Select(c => new CertificateEvidence(
                c.Certificate.Id,
                Standing(c.Status),
                SeRatio.TryParseStored(c.Certificate.Ratio, out var ratio) ? ratio : 0,
                [.. c.Certificate.Labels]))
            .OrderBy(c => c.Id)
            .ToImmutableArray();
        int depth = ProvenanceDepth.Of(records.Records.Select(r => (r.Id, (IReadOnlyList<ulong>)r.Inputs)));
        return new EntityEvidence(entity.Id, entity.Name, Entities.KindName(entity.Kind), certs, records.Records.Count, depth,
            CertificatesCut: certificates.NextPageToken.Length > 0, ProvenanceCut: records.NextPageToken.Length > 0);
    }

    private static CertificateStanding Standing(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => CertificateStanding.Active,
        CertificateStatus.Expired => CertificateStanding.Expired,
        CertificateStatus.Revoked => CertificateStanding.Revoked,
        CertificateStatus.Superseded => CertificateStanding.Superseded,
        _ => CertificateStanding.Unknown,
    };
}
