using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.DafPages;

/// <summary>The status filters of the DAF's lists as the pages' query strings name them ("voting", "executed", …). Pure.</summary>
public static class DafQuery
{
    public static readonly IReadOnlyList<(string Value, ProposalStatus Status)> ProposalStatuses =
    [
        ("deposit", ProposalStatus.DepositPeriod), ("voting", ProposalStatus.VotingPeriod), ("passed", ProposalStatus.Passed),
        ("executed", ProposalStatus.Executed), ("failed", ProposalStatus.Failed), ("rejected", ProposalStatus.Rejected),
        ("vetoed", ProposalStatus.Vetoed), ("lapsed", ProposalStatus.Lapsed),
    ];

    public static readonly IReadOnlyList<(string Value, GrantStatus Status)> GrantStatuses =
        [("open", GrantStatus.Open), ("paid", GrantStatus.Paid), ("withdrawn", GrantStatus.Withdrawn), ("expired", GrantStatus.Expired)];

    /// <summary>The status a filter value names; "" or absent = any. False for anything else.</summary>
    public static bool TryStatus<T>(IReadOnlyList<(string Value, T Status)> statuses, string? text, out T status) where T : struct, Enum
    {
        status = default;
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var (value, s) in statuses)
            if (value == text) { status = s; return true; }
        return false;
    }

    public static string Expected<T>(IReadOnlyList<(string Value, T Status)> statuses) => string.Join(", ", statuses.Select(s => s.Value));

    /// <summary>
    /// Reads a DAF list's query: its status filter (<paramref name="kind"/> names the list: "proposal", "grant") and the
    /// node's page token. Null when both are good; otherwise the 400 page saying which is not and what to use.
    /// </summary>
    public static IActionResult? ReadList<T>(HttpRequest request, IReadOnlyList<(string Value, T Status)> statuses, string? status, string kind,
        out T filter, out string token) where T : struct, Enum
    {
        token = "";
        if (!TryStatus(statuses, status, out filter))
            return BadInput.Page($"status '{BadInput.Shorten(status)}' is not a {kind} status; use one of {Expected(statuses)}, or none for all");
        return NodePaging.TryToken(request, NodePaging.Parameter, out token) ? null : BadInput.Page(NodePaging.BadToken);
    }
}
