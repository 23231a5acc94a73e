using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Grants;
using DafState = Seratio.Vm.Modules.Daf.Daf;
using GrantsState = Seratio.Vm.Modules.Grants.Grants;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of conviction grants (docs/modules/grants.md, docs/api.md, "Conviction grants"): a grant with its
/// conviction and the threshold it needs at the read height (both from the closed form, nothing written), grants by
/// status newest first, and a staker's stake. Bad input is InvalidArgument naming the field and the fix, unknown
/// grants NotFound. One ListGrants call reads at most <see cref="MaxGrantsScanned"/> grants whatever its filter.
/// Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class GrantQueryService(QueryScope scope)
{
    public const uint DefaultGrantPage = 20;
    public const uint MaxGrantPage = 100;

    /// <summary>The most grants one ListGrants call reads; a filter that skips them all returns a short (or empty) page with a token to go on.</summary>
    public const int MaxGrantsScanned = 1_000;

    public GrantResponse GetGrant(GetGrantRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: grant ids start at 1 (0 is the abstain bucket, which is not a grant; ask GetGrantStake for it)");
        var at = scope.At(request.Height);
        var grant = KnownGrant(at.State, request.Id, at.Height, "id");
        var response = new GrantResponse { Grant = grant, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (grant.Status == GrantStatus.Open)
        {
            var p = DafState.Params(at.State);
            response.ConvictionNow = GrantsState.ConvictionAt(grant, at.Height, p).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.ThresholdNow = GrantsState.ThresholdNow(at.State, grant, p)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        else
        {
            // A closed grant's conviction no longer matters: it is paid, withdrawn or expired, and can never pass again.
            response.ConvictionNow = grant.Conviction;
            response.ThresholdNow = "";
        }
        if (request.Prove) response.Proof = scope.Prove(GrantKeys.Grant(request.Id), at);
        return response;
    }

    /// <summary>Grants newest first; the token is the id below which the next page starts.</summary>
    public ListGrantsResponse ListGrants(ListGrantsRequest request)
    {
        if (!Enum.IsDefined(request.Status))
            throw ApiErrors.Invalid($"status {(int)request.Status} is not one; use 0 (every status) or 1-4 (open, paid, withdrawn, expired)");
        int size = Paging.Size(request.PageSize, DefaultGrantPage, MaxGrantPage);
        ulong token = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        ulong last = GrantsState.LastGrantId(at.State);
        if (request.PageToken.Length > 0 && (token == 0 || token > last)) throw Paging.InvalidToken(request.PageToken);
        var response = new ListGrantsResponse { Height = at.Height, LastId = last };
        ulong next = request.PageToken.Length > 0 ? token - 1 : last;
        for (int scanned = 0; next > 0 && response.Grants.Count < size && scanned < MaxGrantsScanned; scanned++, next--)
        {
            var grant = GrantsState.GetGrant(at.State, next)
                ?? throw new InvalidDataException($"the grant counter is {last} but state does not hold grant {next}");
            if (request.Status == GrantStatus.Unspecified || grant.Status == request.Status) response.Grants.Add(grant);
        }
        if (next > 0) response.NextPageToken = Paging.Token(next + 1);
        return response;
    }

    /// <summary>A staker's stake on a grant (0: the abstain bucket); an account that holds none gets amount "0" (and a non-membership proof).</summary>
    public GrantStakeResponse GetGrantStake(GetGrantStakeRequest request)
    {
        var staker = ApiErrors.RequireAddress(request.Staker, "staker");
        var at = scope.At(request.Height);
        if (request.GrantId != 0) KnownGrant(at.State, request.GrantId, at.Height, "grant_id");
        var stake = GrantsState.GetStake(at.State, request.GrantId, staker)
            ?? new GrantStake { GrantId = request.GrantId, Staker = staker.ToByteString(), Amount = "0" };
        var response = new GrantStakeResponse
        {
            Stake = stake,
            Supports = GrantsState.Supports(at.State, staker),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(GrantKeys.Stake(request.GrantId, staker), at);
        return response;
    }

    private static Protocol.GrantState KnownGrant(IStateReader state, ulong id, ulong height, string field) =>
        GrantsState.GetGrant(state, id)
        ?? throw ApiErrors.NotFound($"no grant {id} ({field}) at height {height} ({Range(GrantsState.LastGrantId(state))}); list them with ListGrants");

    private static string Range(ulong last) => last == 0 ? "there are none yet" : $"grants are 1-{last}";
}
