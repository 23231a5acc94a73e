using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the certificates module (docs/modules/certificates.md): each reads state at the latest
/// or a retained height and derives statuses from that height's block time (the genesis time at height
/// 0), proves the value's key when asked, and refuses bad input with InvalidArgument and unknown ids with
/// NotFound. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class CertificateQueryService(QueryScope scope)
{
    /// <summary>Most index entries one ListCertificates call reads while filtering by status.</summary>
    public const int MaxScan = 1_000;

    public MethodResponse GetMethod(GetMethodRequest request)
    {
        if (Methods.IdProblem(request.Id) is { } problem) throw ApiErrors.Invalid(problem);
        var at = scope.At(request.Height, withBlockTime: true);
        uint latest = Methods.LatestVersion(at.State, request.Id);
        if (latest == 0)
            throw ApiErrors.NotFound($"method '{request.Id}' is not registered at height {at.Height}; the authority registers it with `seratio cert method-register`");
        uint version = request.Version == 0 ? latest : request.Version;
        var method = Methods.Get(at.State, request.Id, version)
            ?? throw ApiErrors.NotFound($"method '{request.Id}' has no version {version} at height {at.Height}; its latest version is {latest}");
        var response = new MethodResponse { Method = method, LatestVersion = latest, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = scope.Prove(CertificateKeys.Method(request.Id, version), at);
        return response;
    }

    public CertificateResponse GetCertificate(GetCertificateRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: certificate ids start at 1");
        var at = scope.At(request.Height, withBlockTime: true);
        var certificate = Certificates.Get(at.State, request.Id)
            ?? throw ApiErrors.NotFound($"no certificate {request.Id} at height {at.Height}; check the id (ListCertificates lists a subject's or an issuer's certificates)");
        var response = new CertificateResponse
        {
            Certificate = certificate,
            Status = Certificates.StatusAt(certificate, at.TimeUnixMs),
            Height = at.Height,
            BlockTimeUnixMs = at.TimeUnixMs,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(CertificateKeys.Certificate(request.Id), at);
        return response;
    }

    /// <summary>
    /// A subject's or an issuer's certificates in issue order, through their index; with neither, every certificate newest
    /// first, by id down from the counter (the page token is then the id the page starts at). Either way filtered by
    /// status, reading at most <see cref="MaxScan"/> certificates a call.
    /// </summary>
    public ListCertificatesResponse ListCertificates(ListCertificatesRequest request)
    {
        bool bySubject = request.Subject != 0, byIssuer = request.Issuer.Length > 0;
        if (bySubject && byIssuer)
            throw ApiErrors.Invalid("give at most one of subject (an entity id) and issuer (an address); neither lists every certificate, newest first");
        var owner = bySubject ? CertificateIndex.Owner.OfSubject(request.Subject)
            : byIssuer ? CertificateIndex.Owner.OfIssuer(ApiErrors.RequireAddress(request.Issuer, "issuer"))
            : (CertificateIndex.Owner?)null;
        if (request.Status is < CertificateStatus.Unspecified or > CertificateStatus.Superseded)
            throw ApiErrors.Invalid($"status {(int)request.Status} is unknown; use 0 (any), 1 active, 2 expired, 3 revoked or 4 superseded");
        int size = Paging.Size(request.PageSize);
        ulong position = Paging.Position(request.PageToken);

        var at = scope.At(request.Height, withBlockTime: true);
        var response = new ListCertificatesResponse { Height = at.Height, BlockTimeUnixMs = at.TimeUnixMs, LastId = Certificates.LastId(at.State) };
        if (owner is not { } indexed)
        {
            ListNewestFirst(request.Status, size, Paging.NewestFirstTop(request.PageToken, response.LastId), at, response);
            return response;
        }
        ulong count = CertificateIndex.Count(at.State, indexed);
        int scanned = 0;
        while (response.Certificates.Count < size && position < count && scanned < MaxScan)
        {
            var ids = CertificateIndex.Read(at.State, indexed, position, Math.Min(CertificateIndex.BucketSize, MaxScan - scanned));
            foreach (var id in ids)
            {
                position++;
                scanned++;
                var certificate = Certificates.Get(at.State, id)
                    ?? throw new InvalidDataException($"state indexes certificate {id} but holds no such certificate");
                var status = Certificates.StatusAt(certificate, at.TimeUnixMs);
                if (request.Status != CertificateStatus.Unspecified && status != request.Status) continue;
                response.Certificates.Add(new ListedCertificate { Certificate = certificate, Status = status });
                if (response.Certificates.Count == size) break;
            }
        }
        if (position < count) response.NextPageToken = Paging.Token(position);
        return response;
    }

    /// <summary>Certificates <paramref name="top"/>, top − 1, … down to 1 (ids have no gaps), filtered by status.</summary>
    private static void ListNewestFirst(CertificateStatus wanted, int size, ulong top, StateSnapshot at, ListCertificatesResponse response)
    {
        ulong id = top;
        for (int scanned = 0; id >= 1 && response.Certificates.Count < size && scanned < MaxScan; id--, scanned++)
        {
            var certificate = Certificates.Get(at.State, id)
                ?? throw new InvalidDataException($"the certificate counter is at {response.LastId} but state holds no certificate {id}");
            var status = Certificates.StatusAt(certificate, at.TimeUnixMs);
            if (wanted == CertificateStatus.Unspecified || status == wanted)
                response.Certificates.Add(new ListedCertificate { Certificate = certificate, Status = status });
        }
        if (id >= 1) response.NextPageToken = Paging.Token(id);
    }
}
