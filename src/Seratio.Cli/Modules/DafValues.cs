using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// Parsing of the DAF's and the grants' command-line values (vote options, statuses, members, parameter changes, a
/// file of messages as protobuf JSON). Every problem is a usage error (exit 2) raised before any key is opened. Pure.
/// </summary>
internal static class DafValues
{
    /// <summary>Most bytes of a --msg-file read (a proposal's messages are small; the chain caps their count).</summary>
    public const int MaxMsgFileBytes = 1 << 20;

    public static VoteOption Option(string text) => text.ToLowerInvariant() switch
    {
        "yes" => VoteOption.Yes,
        "no" => VoteOption.No,
        "abstain" => VoteOption.Abstain,
        "veto" or "no-with-veto" => VoteOption.Veto,
        _ => throw CommandException.Usage($"vote '{text}' is not one; use yes, no, abstain or veto"),
    };

    public static ProposalStatus Status(string text) => text.ToLowerInvariant().Replace('_', '-') switch
    {
        "deposit" or "deposit-period" => ProposalStatus.DepositPeriod,
        "voting" or "voting-period" => ProposalStatus.VotingPeriod,
        "passed" => ProposalStatus.Passed,
        "executed" => ProposalStatus.Executed,
        "failed" => ProposalStatus.Failed,
        "rejected" => ProposalStatus.Rejected,
        "vetoed" => ProposalStatus.Vetoed,
        "lapsed" => ProposalStatus.Lapsed,
        _ => throw CommandException.Usage($"--status '{text}' is not one; use deposit, voting, passed, executed, failed, rejected, vetoed or lapsed"),
    };

    public static GrantStatus GrantStatusOf(string text) => text.ToLowerInvariant() switch
    {
        "open" => GrantStatus.Open,
        "paid" => GrantStatus.Paid,
        "withdrawn" => GrantStatus.Withdrawn,
        "expired" => GrantStatus.Expired,
        _ => throw CommandException.Usage($"--status '{text}' is not one; use open, paid, withdrawn or expired"),
    };

    /// <summary>Council members from <c>ADDRESS[:WEIGHT]</c> entries (weight 1 when left out), distinct, ascending address as the chain stores them.</summary>
    public static List<DafMember> Members(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0) throw CommandException.Usage("--member is required: give at least one ADDRESS[:WEIGHT]");
        var members = new SortedDictionary<string, DafMember>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            int colon = entry.IndexOf(':');
            var address = CliValues.Address(colon < 0 ? entry : entry[..colon], "--member");
            ulong weight = 1;
            if (colon >= 0 && (!ulong.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight == 0))
                throw CommandException.Usage($"--member '{entry}': the weight after ':' must be a whole number of at least 1");
            if (!members.TryAdd(address.ToString(), new DafMember { Address = address.ToByteString(), Weight = weight }))
                throw CommandException.Usage($"--member {address} is given twice; each member once");
        }
        return [.. members.Values];
    }

    /// <summary>
    /// <paramref name="current"/> with <c>field=value</c> changes applied, fields named as in DafParams (snake_case);
    /// numbers are whole, amounts base units.
    /// </summary>
    public static DafParams ApplyParams(DafParams current, IReadOnlyList<string> changes)
    {
        if (changes.Count == 0) throw CommandException.Usage("--set is required: give at least one FIELD=VALUE, e.g. --set voting_period=20");
        var changed = current.Clone();
        foreach (var change in changes)
        {
            int equals = change.IndexOf('=');
            if (equals <= 0) throw CommandException.Usage($"--set '{change}' is not FIELD=VALUE");
            string name = change[..equals], value = change[(equals + 1)..];
            var field = DafParams.Descriptor.FindFieldByName(name)
                ?? throw CommandException.Usage($"--set: DafParams has no field '{name}'; the fields are {string.Join(", ", DafParams.Descriptor.Fields.InFieldNumberOrder().Select(f => f.Name))}");
            field.Accessor.SetValue(changed, field.FieldType switch
            {
                FieldType.String => name == "staking_asset" ? value : CliValues.BaseUnits(value, $"--set {name}", allowZero: true),
                FieldType.UInt32 => uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : throw CommandException.Usage($"--set {name}={value}: give a whole number 0-{uint.MaxValue}"),
                FieldType.UInt64 => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : throw CommandException.Usage($"--set {name}={value}: give a whole number"),
                _ => throw new InvalidOperationException($"DafParams.{name} has a type this command does not know ({field.FieldType})"),
            });
        }
        return changed;
    }

    /// <summary>
    /// The messages of a JSON file: an array of Msg objects in protobuf JSON (<c>[{"grantRole": {...}}]</c>), or an object
    /// <c>{"msgs": [...]}</c> as in MsgSubmitProposal. Byte fields are base64 (protobuf JSON's rule).
    /// </summary>
    public static List<Msg> MsgFile(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw CommandException.Usage($"--msg-file {path} does not exist");
            if (info.Length > MaxMsgFileBytes) throw CommandException.Usage($"--msg-file {path} is {info.Length} bytes; at most {MaxMsgFileBytes}");
            text = File.ReadAllText(path);
        }
        catch (IOException e) { throw CommandException.Usage($"--msg-file {path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw CommandException.Usage($"--msg-file {path}: {e.Message}"); }
        return Msgs(text, $"--msg-file {path}");
    }

    /// <summary>The messages of <paramref name="json"/> (see <see cref="MsgFile"/>).</summary>
    public static List<Msg> Msgs(string json, string what)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw CommandException.Usage($"{what} is not JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("msgs", out var inner)) root = inner;
            if (root.ValueKind != JsonValueKind.Array)
                throw CommandException.Usage($"{what} must hold an array of messages, or an object with \"msgs\": [...] (protobuf JSON, e.g. [{{\"grantRole\": {{\"account\": \"<base64>\", \"role\": \"ROLE_ISSUER\"}}}}])");
            var msgs = new List<Msg>();
            int i = 0;
            foreach (var element in root.EnumerateArray())
            {
                Msg msg;
                try { msg = JsonParser.Default.Parse<Msg>(element.GetRawText()); }
                catch (InvalidProtocolBufferException e) { throw CommandException.Usage($"{what}: message {i} is not a Msg in protobuf JSON: {e.Message}"); }
                catch (InvalidJsonException e) { throw CommandException.Usage($"{what}: message {i} is not a Msg in protobuf JSON: {e.Message}"); }
                if (msg.KindCase == Msg.KindOneofCase.None) throw CommandException.Usage($"{what}: message {i} names no message kind (e.g. \"grantRole\": {{...}})");
                msgs.Add(msg);
                i++;
            }
            return msgs;
        }
    }
}
