using System.Globalization;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>How refusals and events name grants and their statuses. Pure; thread safe.</summary>
internal static class GrantText
{
    public static string Status(GrantStatus status) => status switch
    {
        GrantStatus.Open => "open",
        GrantStatus.Paid => "paid",
        GrantStatus.Withdrawn => "withdrawn",
        GrantStatus.Expired => "expired",
        _ => "unspecified",
    };

    /// <summary>"grant 7", or "the abstain bucket (grant 0)".</summary>
    public static string Target(ulong grantId) =>
        grantId == 0 ? "the abstain bucket (grant 0)" : "grant " + grantId.ToString(CultureInfo.InvariantCulture);
}
