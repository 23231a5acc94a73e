using Seratio.Protocol;
using Seratio.Vm.Modules.Roles;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The query of the roles module (docs/modules/roles-entities-altcoins.md): an account's roles at the
/// latest or a retained height, proved when asked. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class RoleQueryService(QueryScope scope)
{
    public RolesResponse GetRoles(GetRolesRequest request)
    {
        var address = ApiErrors.RequireAddress(request.Address, "address");
        var at = scope.At(request.Height);
        var response = new RolesResponse
        {
            Address = address.ToString(),
            Height = at.Height,
            Roles = Roles.Read(at.State, address),
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(RoleKeys.Roles(address), at);
        return response;
    }
}
