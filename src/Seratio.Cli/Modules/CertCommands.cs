using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio cert method-register|method-show|issue|revoke|supersede|show|list|verify</c>: S/E
/// certificate methods and certificates (docs/modules/certificates.md).
/// </summary>
internal static class CertCommands
{
    public static Command Create(GlobalOptions options)
    {
        var cert = new Command("cert", "Register methods, issue, revoke, supersede, list and verify S/E certificates");
        cert.Subcommands.Add(MethodRegister(options));
        cert.Subcommands.Add(MethodShow(options));
        cert.Subcommands.Add(Issue(options));
        cert.Subcommands.Add(Revoke(options));
        cert.Subcommands.Add(Supersede(options));
        cert.Subcommands.Add(Show(options));
        cert.Subcommands.Add(List(options));
        cert.Subcommands.Add(CertVerifyCommand.Create(options));
        return cert;
    }

    private static Argument<ulong> IdArgument() => new("id") { Description = "Certificate id (1, 2, ...)" };
    private static Option<ulong> HeightOption() => new("--height") { Description = "A retained height (default: latest)" };

    private static Command MethodRegister(GlobalOptions options)
    {
        var id = new Argument<string>("method") { Description = "Method id, 1-64 of [A-Za-z0-9._:/-]" };
        var version = new Option<uint>("--version") { Description = "The version to register: the latest + 1 (1 for a new method)", Required = true };
        var description = new Option<string>("--description") { Description = "What the method measures, 1-1024 UTF-8 bytes", Required = true };
        var uri = new Option<string>("--document-uri") { Description = "Where the method's full document lives (empty = none)", DefaultValueFactory = _ => "" };
        var hash = new Option<string>("--document-hash") { Description = "SHA-256 of the method's document, 64 hex digits", Required = true };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("method-register", "Register a version of an S/E method (the authority signs)") { id, version, description, uri, hash });
        command.SetAction((parse, ct) =>
        {
            var methodId = parse.GetValue(id)!;
            if (Methods.IdProblem(methodId) is { } problem) throw CommandException.Usage(problem);
            var msg = new MsgRegisterMethod
            {
                Id = methodId,
                Version = parse.GetValue(version),
                Description = parse.GetValue(description)!,
                DocumentUri = parse.GetValue(uri)!,
                DocumentHash = CliValues.Hex(parse.GetValue(hash)!, "--document-hash", 32),
            };
            return sender.SendAsync(parse, _ => new Msg { RegisterMethod = msg }, ct);
        });
        return command;
    }

    private static Command MethodShow(GlobalOptions options)
    {
        var id = new Argument<string>("method") { Description = "Method id" };
        var version = new Option<uint>("--version") { Description = "Version (default: the latest)" };
        var height = HeightOption();
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the method version" };
        var command = new Command("method-show", "Show a version of an S/E method") { id, version, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var methodId = parse.GetValue(id)!;
            if (Methods.IdProblem(methodId) is { } problem) throw CommandException.Usage(problem);
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetMethodAsync(new GetMethodRequest { Id = methodId, Version = parse.GetValue(version), Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o),
                NodeConnection.QuickCall, ct);
            var m = r.Method;
            options.Printer(parse).Result(
                new
                {
                    id = m.Id, version = m.Version, latest_version = r.LatestVersion, description = m.Description, document_uri = m.DocumentUri,
                    document_hash = Display.Hex(m.DocumentHash), registered_by = Display.Address(m.RegisteredBy), registered_height = m.RegisteredHeight,
                    height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields(
                    ("method", $"{m.Id} v{m.Version} (latest v{r.LatestVersion})"),
                    ("description", m.Description),
                    ("document", m.DocumentUri.Length == 0 ? $"(no uri) sha256 {Display.Hex(m.DocumentHash)}" : $"{m.DocumentUri} (sha256 {Display.Hex(m.DocumentHash)})"),
                    ("registered", $"at height {Num(m.RegisteredHeight)} by {Display.Address(m.RegisteredBy)}"),
                    ("height", Num(r.Height))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Issue(GlobalOptions options)
    {
        var fields = new CertIssueOptions();
        var sender = new MsgSender(options);
        var command = sender.AddTo(fields.AddTo(new Command("issue", "Issue an S/E certificate (an issuer signs); its id is in the certificate_issued event")));
        command.SetAction((parse, ct) =>
        {
            var msg = fields.Parse(parse);
            return sender.SendAsync(parse, _ => new Msg { IssueCertificate = msg }, ct);
        });
        return command;
    }

    private static Command Revoke(GlobalOptions options)
    {
        var id = IdArgument();
        var reason = new Option<string>("--reason") { Description = "Why, 1-256 UTF-8 bytes", Required = true };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("revoke", "Revoke a certificate for good (its issuer or the authority signs)") { id, reason });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgRevokeCertificate { Id = RequireId(parse.GetValue(id)), Reason = parse.GetValue(reason)! };
            return sender.SendAsync(parse, _ => new Msg { RevokeCertificate = msg }, ct);
        });
        return command;
    }

    private static Command Supersede(GlobalOptions options)
    {
        var old = new Argument<ulong>("old-id") { Description = "The certificate the new one replaces" };
        var fields = new CertIssueOptions();
        var sender = new MsgSender(options);
        var command = sender.AddTo(fields.AddTo(new Command("supersede", "Issue a certificate that replaces an earlier one of the same subject (its issuer signs)") { old }));
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgSupersedeCertificate { OldId = RequireId(parse.GetValue(old)), Replacement = fields.Parse(parse) };
            return sender.SendAsync(parse, _ => new Msg { SupersedeCertificate = msg }, ct);
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var id = IdArgument();
        var height = HeightOption();
        var prove = new Option<bool>("--prove") { Description = "Include the state proof and the block's header and commit (the JSON output is what `cert verify --file` checks)" };
        var command = new Command("show", "Show a certificate and its status at a height") { id, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetCertificateAsync(new GetCertificateRequest { Id = RequireId(parse.GetValue(id)), Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o),
                NodeConnection.QuickCall, ct);
            var block = r.Proof is not null && r.Height > 0 ? await Verification.BlockEvidenceFetch.AtAsync(node, r.Height, ct) : null;
            var changes = block is null ? null : await Verification.ValidatorChangeFetch.FetchAsync(node, r.Height, ct);
            var doc = CertificateDocument.From(r, block, changes);
            options.Printer(parse).Result(doc, () => Printer.Fields(
            [
                .. doc.Certificate.Fields(),
                ("status", $"{doc.Status} at height {Num(r.Height)} (block time {Display.Time(r.BlockTimeUnixMs)})"),
                ("state root", Display.Hex(r.StateRoot)),
            ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options)
    {
        var subject = new Option<ulong>("--subject") { Description = "Entity id whose certificates to list" };
        var issuer = new Option<string>("--issuer") { Description = "Issuer address whose certificates to list", DefaultValueFactory = _ => "" };
        var status = new Option<string>("--status") { Description = "any, active, expired, revoked or superseded", DefaultValueFactory = _ => "any" };
        var height = HeightOption();
        var pageSize = new Option<uint>("--page-size") { Description = "Certificates per page, 1-100", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string>("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };
        var command = new Command("list", "List a subject's or an issuer's certificates in issue order; with neither, every certificate, newest first") { subject, issuer, status, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListCertificatesRequest
            {
                Subject = parse.GetValue(subject),
                Issuer = parse.GetValue(issuer)!,
                Height = parse.GetValue(height),
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken)!,
            };
            if (request.Subject != 0 && request.Issuer.Length != 0) throw CommandException.Usage("give at most one of --subject and --issuer (neither lists every certificate)");
            if (request.Issuer.Length != 0) request.Issuer = CliValues.Address(request.Issuer, "--issuer").ToString();
            if (!Certificates.TryParseStatus(parse.GetValue(status), out var filter))
                throw CommandException.Usage($"--status '{parse.GetValue(status)}' is unknown; use any, active, expired, revoked or superseded");
            request.Status = filter;
            if (request.PageSize is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListCertificatesAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    height = r.Height,
                    block_time_unix_ms = r.BlockTimeUnixMs,
                    certificates = r.Certificates.Select(l => new { certificate = CertificateJson.From(l.Certificate), status = Certificates.StatusName(l.Status) }).ToList(),
                    next_page_token = r.NextPageToken,
                    last_id = r.LastId,
                },
                () => r.Certificates
                    .Select(l => Printer.Row(l.Certificate.Id.ToString(CultureInfo.InvariantCulture), Certificates.StatusName(l.Status), $"entity {l.Certificate.Subject}", $"{l.Certificate.MethodId} v{l.Certificate.MethodVersion}", $"ratio {SeRatio.Format(l.Certificate.Ratio)}"))
                    .Append(r.NextPageToken.Length == 0 ? $"({r.Certificates.Count} shown, last page)" : $"(more: --page-token {r.NextPageToken})"));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static ulong RequireId(ulong id) => id == 0 ? throw CommandException.Usage("certificate ids start at 1") : id;

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
