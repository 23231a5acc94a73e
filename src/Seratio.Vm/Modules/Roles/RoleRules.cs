using Seratio.Protocol;

namespace Seratio.Vm.Modules.Roles;

/// <summary>Stateless rules of role messages: a known role, and well-formed issuer methods. Pure; thread safe.</summary>
internal static class RoleRules
{
    public const int MaxMethods = 32;
    public const int MaxMethodLength = 64;

    public static MsgResult KnownRole(Role role) => role is Role.Issuer or Role.RewardingBody
        ? MsgResult.Ok
        : Fields.Invalid($"role {(int)role} is unknown; use ROLE_ISSUER (1) or ROLE_REWARDING_BODY (2)");

    public static MsgResult Methods(Role role, IReadOnlyList<string> methods)
    {
        if (methods.Count == 0) return MsgResult.Ok;
        if (role != Role.Issuer)
            return Fields.Invalid($"methods restrict the issuer role only; leave them empty for the {Roles.NameOf(role)} role");
        if (methods.Count > MaxMethods) return Fields.Invalid($"{methods.Count} methods given; at most {MaxMethods}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            var check = Method(method);
            if (!check.IsOk) return check;
            if (!seen.Add(method)) return Fields.Invalid($"method '{method}' is listed twice");
        }
        return MsgResult.Ok;
    }

    /// <summary>A method name: 1-64 of [A-Za-z0-9._:/-].</summary>
    public static MsgResult Method(string method)
    {
        if (method.Length is 0 or > MaxMethodLength)
            return Fields.Invalid($"method '{Fields.Printable(method)}' must be 1-{MaxMethodLength} characters");
        foreach (char c in method)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-'))
                return Fields.Invalid($"method '{Fields.Printable(method)}' contains '{c}'; use letters, digits and . _ : / -");
        return MsgResult.Ok;
    }
}
