using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the altcoins module (docs/modules/roles-entities-altcoins.md): an asset, a balance and
/// an allowance, each proved when asked. InvalidArgument for bad symbols or addresses (and for SER, which
/// GetAccount answers), NotFound for unknown assets. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class AltcoinQueryService(QueryScope scope)
{
    public AssetResponse GetAsset(GetAssetRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var at = scope.At(request.Height);
        var asset = Known(at.State, symbol, at.Height);
        var response = new AssetResponse { Asset = asset, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = scope.Prove(AltcoinKeys.Asset(symbol), at);
        return response;
    }

    public AssetBalanceResponse GetAssetBalance(GetAssetBalanceRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var at = scope.At(request.Height);
        Known(at.State, symbol, at.Height);
        var response = new AssetBalanceResponse
        {
            Symbol = symbol,
            Address = address.ToString(),
            Balance = Altcoins.BalanceOf(at.State, symbol, address).ToString(),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(AltcoinKeys.Balance(symbol, address), at);
        return response;
    }

    public AllowanceResponse GetAllowance(GetAllowanceRequest request)
    {
        var symbol = RequireSymbol(request.Symbol);
        var owner = ApiErrors.RequireAddress(request.Owner, "owner");
        var spender = ApiErrors.RequireAddress(request.Spender, "spender");
        var at = scope.At(request.Height);
        Known(at.State, symbol, at.Height);
        var response = new AllowanceResponse
        {
            Symbol = symbol,
            Owner = owner.ToString(),
            Spender = spender.ToString(),
            Amount = Altcoins.AllowanceOf(at.State, symbol, owner, spender).ToString(),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(AltcoinKeys.Allowance(symbol, owner, spender), at);
        return response;
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
