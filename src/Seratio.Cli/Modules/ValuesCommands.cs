using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Client.Values;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio values rank --profile FILE [--json]</c>: the values navigator of the portal on the command line, with the
/// same library (Seratio.Client.Values), the same bounds and the same JSON (docs/values-navigator.md).
/// </summary>
internal static class ValuesCommands
{
    public static Command Create(GlobalOptions options)
    {
        var values = new Command("values", "Rank entities by what you value (the values navigator: docs/values-navigator.md)");
        values.Subcommands.Add(Rank(options));
        return values;
    }

    private static Command Rank(GlobalOptions options)
    {
        var profile = new Option<string>("--profile") { Description = "A values profile (JSON: labels, minRatio, certificateWeight, provenanceWeight, maxProvenanceDepth)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the ranking as JSON (the same document as the portal's /api/navigator/rank; as -o json)" };
        var command = new Command("rank", "Rank the chain's entities for a values profile, each with the reasons for its place") { profile, json };
        command.SetAction(async (parse, ct) =>
        {
            var parsed = ValuesProfileJson.Parse(await ReadProfileAsync(parse.GetValue(profile)!, ct));
            if (parsed.Profile is not { } p) throw CommandException.Usage($"--profile {parse.GetValue(profile)}: {parsed.Error}");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var reader = new ValuesEvidenceReader(node.Client, c => new CallOptions(deadline: DateTime.UtcNow + NodeConnection.QuickCall, cancellationToken: c), TimeProvider.System);
            EvidenceSnapshot snapshot;
            try
            {
                snapshot = await reader.ReadAsync(ct);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
            {
                throw CommandException.Failed(RpcErrors.Describe(ex.Status, node.Url));
            }
            var ranking = ValuesScorer.Rank(p, snapshot.Entities);
            var printer = options.Printer(parse);
            if (parse.GetValue(json) || printer.IsJson) printer.RawJson(RankingJson.Write(p, snapshot, ranking));
            else printer.Result(new object(), () => Text(snapshot, ranking));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> ReadProfileAsync(string path, CancellationToken ct)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw CommandException.Usage($"--profile {path}: no such file");
            if (info.Length > ValuesProfileJson.MaxBytes)
                throw CommandException.Usage($"--profile {path}: the profile is {info.Length} bytes; at most {ValuesProfileJson.MaxBytes}");
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CommandException.Usage($"--profile {path}: {ex.Message}");
        }
    }

    private static IEnumerable<string> Text(EvidenceSnapshot snapshot, IReadOnlyList<RankedEntity> ranking)
    {
        yield return $"height {Num(snapshot.Height)}: {snapshot.Entities.Length} entities considered";
        foreach (var note in snapshot.Notes) yield return $"note: {note}";
        foreach (var r in ranking)
        {
            var e = r.Scored.Entity;
            yield return $"{r.Rank}. {e.Name} (entity {Num(e.Id)}, {e.Kind}): score {r.Scored.Score.ToString(CultureInfo.InvariantCulture)}";
            foreach (var reason in r.Scored.Reasons) yield return $"   {reason.Text}";
        }
    }

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
