using System.Globalization;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.Node.Api;

/// <summary>
/// The queries of the certificates module behind <see cref="NodeApiService"/>: each reads state at
/// the latest or a retained height and derives statuses from that height's block time (the genesis
/// time at height 0), proves the value's key when asked, and refuses bad input with InvalidArgument,
/// unknown ids with NotFound and heights above the head with OutOfRange. Stateless apart from the
/// chain reader; thread safe.
/// </summary>
internal sealed class CertificateQueries(IChainReader chain)
{
    public const uint DefaultPageSize = 50;
    public const uint MaxPageSize = 100;

    /// <summary>Most index entries one ListCertificates call reads while filtering by status.</summary>
    public const int MaxScan = 1_000;

    public MethodResponse GetMethod(GetMethodRequest request)
    {
        if (Methods.IdProblem(request.Id) is { } problem) throw ApiErrors.Invalid(problem);
        var at = At(request.Height);
        uint latest = Methods.LatestVersion(at.State, request.Id);
        if (latest == 0)
            throw ApiErrors.NotFound($"method '{request.Id}' is not registered at height {at.Height}; the authority registers it with `seratio cert method-register`");
        uint version = request.Version == 0 ? latest : request.Version;
        var method = Methods.Get(at.State, request.Id, version)
            ?? throw ApiErrors.NotFound($"method '{request.Id}' has no version {version} at height {at.Height}; its latest version is {latest}");
        var response = new MethodResponse { Method = method, LatestVersion = latest, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Method(request.Id, version), at.Height);
        return response;
    }

    public CertificateResponse GetCertificate(GetCertificateRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: certificate ids start at 1");
        var at = At(request.Height);
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
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Certificate(request.Id), at.Height);
        return response;
    }

    public ListCertificatesResponse ListCertificates(ListCertificatesRequest request)
    {
        bool bySubject = request.Subject != 0, byIssuer = request.Issuer.Length > 0;
        if (bySubject == byIssuer)
            throw ApiErrors.Invalid("give exactly one of subject (an entity id) and issuer (an address)");
        var owner = bySubject
            ? CertificateIndex.Owner.OfSubject(request.Subject)
            : CertificateIndex.Owner.OfIssuer(ApiErrors.RequireAddress(request.Issuer, "issuer"));
        if (request.Status is < CertificateStatus.Unspecified or > CertificateStatus.Superseded)
            throw ApiErrors.Invalid($"status {(int)request.Status} is unknown; use 0 (any), 1 active, 2 expired, 3 revoked or 4 superseded");
        if (request.PageSize > MaxPageSize)
            throw ApiErrors.Invalid($"page_size {request.PageSize} is above {MaxPageSize}; ask for at most {MaxPageSize} per page");
        int size = (int)(request.PageSize == 0 ? DefaultPageSize : request.PageSize);
        ulong position = 0;
        if (request.PageToken.Length > 0 &&
            !ulong.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out position))
            throw ApiErrors.Invalid($"page_token '{request.PageToken}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");

        var at = At(request.Height);
        var response = new ListCertificatesResponse { Height = at.Height, BlockTimeUnixMs = at.TimeUnixMs };
        ulong count = CertificateIndex.Count(at.State, owner);
        int scanned = 0;
        while (response.Certificates.Count < size && position < count && scanned < MaxScan)
        {
            var ids = CertificateIndex.Read(at.State, owner, position, Math.Min(CertificateIndex.BucketSize, MaxScan - scanned));
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
        if (position < count) response.NextPageToken = position.ToString(CultureInfo.InvariantCulture);
        return response;
    }

    private readonly record struct Snapshot(ulong Height, Hash32 Root, long TimeUnixMs, IStateReader State);

    private Snapshot At(ulong requested)
    {
        var head = chain.Head.Height;
        ulong height = requested == 0 ? head : requested;
        if (height > head) throw ApiErrors.AboveHead("height", height, head);
        var root = chain.StateRootAt(height)
            ?? throw ApiErrors.NotFound($"state of height {height} is no longer retained on this node; ask for a later height or 0 for the latest");
        long time = height == 0
            ? chain.Genesis.GenesisTimeUnixMs
            : (chain.GetBlock(height) ?? throw ApiErrors.NotFound($"block {height} is no longer retained on this node; ask for a later height or 0 for the latest"))
                .Block.Header.TimeUnixMs;
        return new Snapshot(height, root, time, new ChainStateReader(chain, height));
    }
}
