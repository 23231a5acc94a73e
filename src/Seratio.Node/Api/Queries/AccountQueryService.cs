using Seratio.Node.Chain;
using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The query of the assets module (SER accounts): nonce and balance at the latest or a retained height,
/// proved when asked. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class AccountQueryService(QueryScope scope)
{
    private readonly IAdmissionPolicy _accounts = new VmAdmissionPolicy();

    public AccountResponse GetAccount(GetAccountRequest request)
    {
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var at = scope.At(request.Height);
        var account = _accounts.ReadAccount(at.State, address);
        var response = new AccountResponse
        {
            Address = address.ToString(),
            Height = at.Height,
            Balance = account.Balance.ToString(),
            Nonce = account.Nonce,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(AccountKeys.Account(address), at);
        return response;
    }
}
