using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The query of organisation accounts (docs/modules/organisations.md): an account's keys, threshold,
/// name, nonce and balance at the latest or a retained height, its organisation record proved when
/// asked. NotFound for an address that is not an organisation account. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class MultisigQueryService(QueryScope scope)
{
    private readonly IAdmissionPolicy _accounts = new VmAdmissionPolicy();

    public MultisigAccountResponse GetMultisigAccount(GetMultisigAccountRequest request)
    {
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var at = scope.At(request.Height);
        var account = _accounts.ReadAccount(at.State, address);
        if (account.Organisation is null)
            throw ApiErrors.NotFound(
                $"{address} is not an organisation account at height {at.Height}; a key's account answers GetAccount, and an organisation account is made by MsgCreateMultisig (seratio account create-multisig)");
        var response = new MultisigAccountResponse
        {
            Account = account.Organisation,
            Nonce = account.Nonce,
            Balance = account.Balance.ToString(),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(MultisigKeys.Account(address), at);
        return response;
    }
}
