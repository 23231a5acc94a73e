using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Entities;

/// <summary>
/// An entity with what gathers around it: its controllers, its certificates (the first <see cref="PageSize"/>), its
/// provenance records (the first <see cref="PageSize"/> and the total), and the microshare classes resting on its
/// certificates. The node indexes no classes by certificate, so the page reads the newest <see cref="MaxClassesScanned"/>
/// classes and keeps those that carry one of the entity's certificates.
/// </summary>
public sealed class DetailModel(PortalNode node) : PageModel
{
    public const uint PageSize = 50;
    public const int MaxClassesScanned = 100;

    public EntityState Entity { get; private set; } = new();
    public IReadOnlyList<ListedCertificate> Certificates { get; private set; } = [];
    public bool MoreCertificates { get; private set; }
    public IReadOnlyList<ProvenanceRecord> Records { get; private set; } = [];
    public ulong RecordTotal { get; private set; }
    public IReadOnlyList<MicroshareClassState> Classes { get; private set; } = [];
    public ulong ClassesScanned { get; private set; }
    public ulong ClassCount { get; private set; }

    public async Task OnGetAsync(ulong id, CancellationToken ct)
    {
        Entity = (await node.Api.GetEntityAsync(new GetEntityRequest { Id = id }, node.Call(ct))).Entity;
        var certs = await node.Api.ListCertificatesAsync(new ListCertificatesRequest { Subject = id, PageSize = PageSize }, node.Call(ct));
        Certificates = certs.Certificates;
        MoreCertificates = certs.NextPageToken.Length > 0;
        var records = await node.Api.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { EntityId = id, PageSize = PageSize }, node.Call(ct));
        Records = records.Records;
        RecordTotal = records.Total;

        var mine = Certificates.Select(c => c.Certificate.Id).ToHashSet();
        ClassCount = await IdProbe.HighestAsync(async (classId, token) =>
        {
            try { await node.Api.GetMicroshareClassAsync(new GetMicroshareClassRequest { Id = classId }, node.Call(token)); return true; }
            catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { return false; }
        }, ct);
        var classes = new List<MicroshareClassState>();
        if (mine.Count > 0)
        {
            for (ulong classId = ClassCount; classId >= 1 && ClassesScanned < MaxClassesScanned; classId--, ClassesScanned++)
            {
                var c = (await node.Api.GetMicroshareClassAsync(new GetMicroshareClassRequest { Id = classId }, node.Call(ct))).Class;
                if (c.CertificateIds.Any(mine.Contains)) classes.Add(c);
            }
        }
        classes.Reverse();
        Classes = classes;
    }
}
