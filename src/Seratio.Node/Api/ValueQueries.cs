using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.State;

namespace Seratio.Node.Api;

/// <summary>
/// The queries of the roles, entities and altcoins modules behind <see cref="NodeApiService"/>:
/// each reads state at the latest or a retained height, proves the value's key when asked, and
/// refuses bad input with InvalidArgument, unknown ids/symbols with NotFound and heights above the
/// head with OutOfRange. Stateless apart from the chain reader; thread safe.
/// </summary>
internal sealed class ValueQueries(IChainReader chain)
{
    public const uint DefaultPageSize = 50;
    public const uint MaxPageSize = 100;

    public RolesResponse GetRoles(GetRolesRequest request)
    {
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var (height, root, state) = At(request.Height);
        var response = new RolesResponse
        {
            Address = address.ToString(),
            Height = height,
            Roles = Roles.Read(state, address),
            StateRoot = root.ToByteString(),
        };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Roles(address), height);
        return response;
    }

    public EntityResponse GetEntity(GetEntityRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: entity ids start at 1");
        var (height, root, state) = At(request.Height);
        var entity = Entities.Get(state, request.Id)
            ?? throw ApiErrors.NotFound($"no entity {request.Id} at height {height}; check the id (ListEntities lists a controller's entities)");
        var response = new EntityResponse { Entity = entity, Height = height, StateRoot = root.ToByteString() };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Entity(request.Id), height);
        return response;
    }

    public ListEntitiesResponse ListEntities(ListEntitiesRequest request)
    {
        var controller = ApiErrors.RequireAddress(request.Controller, "controller");
        if (request.PageSize > MaxPageSize)
            throw ApiErrors.Invalid($"page_size {request.PageSize} is above {MaxPageSize}; ask for at most {MaxPageSize} per page");
        uint size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        ulong after = 0;
        if (request.PageToken.Length > 0 &&
            !ulong.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw ApiErrors.Invalid($"page_token '{request.PageToken}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");
        var (height, _, state) = At(request.Height);
        var response = new ListEntitiesResponse { Height = height };
        var ids = Entities.ControlledBy(state, controller);
        int start = 0;
        while (start < ids.Count && ids[start] <= after) start++;
        for (int i = start; i < ids.Count && response.Entities.Count < size; i++)
            response.Entities.Add(Entities.Get(state, ids[i])
                ?? throw new InvalidDataException($"state lists entity {ids[i]} under a controller but holds no such entity"));
        if (start + response.Entities.Count < ids.Count)
            response.NextPageToken = response.Entities[^1].Id.ToString(CultureInfo.InvariantCulture);
        return response;
    }

    public AssetResponse GetAsset(GetAssetRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var (height, root, state) = At(request.Height);
        var asset = Known(state, symbol, height);
        var response = new AssetResponse { Asset = asset, Height = height, StateRoot = root.ToByteString() };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Asset(symbol), height);
        return response;
    }

    public AssetBalanceResponse GetAssetBalance(GetAssetBalanceRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var (height, root, state) = At(request.Height);
        Known(state, symbol, height);
        var response = new AssetBalanceResponse
        {
            Symbol = symbol,
            Address = address.ToString(),
            Balance = Altcoins.BalanceOf(state, symbol, address).ToString(),
            Height = height,
            StateRoot = root.ToByteString(),
        };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.AssetBalance(symbol, address), height);
        return response;
    }

    public AllowanceResponse GetAllowance(GetAllowanceRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var owner = ApiErrors.RequireAddress(request.Owner, "owner");
        var spender = ApiErrors.RequireAddress(request.Spender, "spender");
        var (height, root, state) = At(request.Height);
        Known(state, symbol, height);
        var response = new AllowanceResponse
        {
            Symbol = symbol,
            Owner = owner.ToString(),
            Spender = spender.ToString(),
            Amount = Altcoins.AllowanceOf(state, symbol, owner, spender).ToString(),
            Height = height,
            StateRoot = root.ToByteString(),
        };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.Allowance(symbol, owner, spender), height);
        return response;
    }

    private (ulong Height, Hash32 Root, IStateReader State) At(ulong requested)
    {
        var head = chain.Head.Height;
        ulong height = requested == 0 ? head : requested;
        if (height > head) throw ApiErrors.AboveHead("height", height, head);
        var root = chain.StateRootAt(height)
            ?? throw ApiErrors.NotFound($"state of height {height} is no longer retained on this node; ask for a later height or 0 for the latest");
        return (height, root, new ChainStateReader(chain, height));
    }

    private static string RequireSymbol(string symbol)
    {
        if (symbol == Core.Numerics.Ser.Symbol)
            throw ApiErrors.Invalid($"'{symbol}' is the native coin, not an altcoin; ask GetAccount for SER balances");
        return AssetSymbol.Problem(symbol) is { } problem ? throw ApiErrors.Invalid(problem) : symbol;
    }

    private static AssetState Known(IStateReader state, string symbol, ulong height) =>
        Altcoins.Get(state, symbol)
        ?? throw ApiErrors.NotFound($"no asset '{symbol}' at height {height}; check the symbol, or create it with `seratio asset create`");
}
