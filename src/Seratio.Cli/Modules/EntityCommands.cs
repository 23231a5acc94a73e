using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Addressing;
using Seratio.Protocol;
using Seratio.Vm.Modules.Entities;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio entity register|update|controllers|show|list</c>: entities that certificates and provenance talk about.</summary>
internal static class EntityCommands
{
    public static Command Create(GlobalOptions options)
    {
        var entity = new Command("entity", "Register, update and look up entities (organisations, products, projects, processes, people)");
        entity.Subcommands.Add(Register(options));
        entity.Subcommands.Add(Update(options));
        entity.Subcommands.Add(Controllers(options));
        entity.Subcommands.Add(Show(options));
        entity.Subcommands.Add(List(options));
        return entity;
    }

    private static Option<string> NameOption() => new("--name") { Description = "Name, 1-128 UTF-8 bytes", Required = true };
    private static Option<string> UriOption() => new("--metadata-uri") { Description = "URI of the metadata document (empty = none)", DefaultValueFactory = _ => "" };
    private static Option<string> HashOption() => new("--metadata-hash") { Description = "SHA-256 of the metadata document, 64 hex digits (required with --metadata-uri)", DefaultValueFactory = _ => "" };
    private static Option<string[]> ControllerOption(string description) => new("--controller") { Description = description };
    private static Argument<ulong> IdArgument() => new("id") { Description = "Entity id (1, 2, ...)" };

    private static Command Register(GlobalOptions options)
    {
        var kind = new Option<string>("--kind") { Description = "organisation, product, project, process or person", Required = true };
        var name = NameOption();
        var uri = UriOption();
        var hash = HashOption();
        var controllers = ControllerOption("Controller address (repeat; default: the signer)");
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("register", "Register an entity; its id is in the receipt's entity_registered event") { kind, name, uri, hash, controllers });
        command.SetAction((parse, ct) =>
        {
            if (!Entities.TryParseKind(parse.GetValue(kind), out var k))
                throw CommandException.Usage($"--kind '{parse.GetValue(kind)}' is unknown; use organisation, product, project, process or person");
            var given = ParseControllers(parse.GetValue(controllers));
            return sender.SendAsync(parse, signer =>
            {
                var msg = new MsgRegisterEntity
                {
                    Kind = k,
                    Name = parse.GetValue(name)!,
                    MetadataUri = parse.GetValue(uri)!,
                    MetadataHash = CliValues.Hex(parse.GetValue(hash)!, "--metadata-hash", 32),
                };
                foreach (var c in given.Count == 0 ? [signer] : given) msg.Controllers.Add(c.ToByteString());
                return new Msg { RegisterEntity = msg };
            }, ct);
        });
        return command;
    }

    private static Command Update(GlobalOptions options)
    {
        var id = IdArgument();
        var name = NameOption();
        var uri = UriOption();
        var hash = HashOption();
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("update", "Replace an entity's name and metadata (a controller signs)") { id, name, uri, hash });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgUpdateEntity
            {
                Id = parse.GetValue(id),
                Name = parse.GetValue(name)!,
                MetadataUri = parse.GetValue(uri)!,
                MetadataHash = CliValues.Hex(parse.GetValue(hash)!, "--metadata-hash", 32),
            };
            return sender.SendAsync(parse, _ => new Msg { UpdateEntity = msg }, ct);
        });
        return command;
    }

    private static Command Controllers(GlobalOptions options)
    {
        var id = IdArgument();
        var controllers = ControllerOption("New controller address (repeat; the list replaces the current one)");
        controllers.Required = true;
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("controllers", "Replace an entity's controllers (a controller signs)") { id, controllers });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgSetEntityControllers { Id = parse.GetValue(id) };
            foreach (var c in ParseControllers(parse.GetValue(controllers))) msg.Controllers.Add(c.ToByteString());
            return sender.SendAsync(parse, _ => new Msg { SetEntityControllers = msg }, ct);
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var id = IdArgument();
        var height = new Option<ulong>("--height") { Description = "A retained height (default: latest)" };
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the entity" };
        var command = new Command("show", "Show an entity") { id, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.GetEntityAsync(new GetEntityRequest { Id = parse.GetValue(id), Height = parse.GetValue(height), Prove = parse.GetValue(prove) }, o),
                NodeConnection.QuickCall, ct);
            var printer = options.Printer(parse);
            printer.Result(
                new { entity = Json(r.Entity), height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof) },
                () => Printer.Fields([.. Fields(r.Entity), ("height", Num(r.Height)), ("state root", Display.HexText(r.StateRoot))]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options)
    {
        var controller = new Argument<string>("controller") { Description = "Controller address (ser1...); none lists every entity, newest first", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "" };
        var pageSize = new Option<uint>("--page-size") { Description = "Entities per page, 1-100", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string>("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };
        var command = new Command("list", "List the entities an address controls, by ascending id; with no address, every entity, newest first") { controller, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            string address = parse.GetValue(controller)! is { Length: > 0 } given ? CliValues.Address(given, "controller").ToString() : "";
            if (parse.GetValue(pageSize) is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync(
                (c, o) => c.ListEntitiesAsync(new ListEntitiesRequest { Controller = address, PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken)! }, o),
                NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { height = r.Height, entities = r.Entities.Select(Json).ToList(), next_page_token = r.NextPageToken, last_id = r.LastId },
                () => r.Entities.Select(e => Printer.Row(e.Id.ToString(CultureInfo.InvariantCulture), Entities.KindName(e.Kind), e.Name))
                    .Append(r.NextPageToken.Length == 0 ? $"({r.Entities.Count} shown, last page)" : $"(more: --page-token {r.NextPageToken})"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<Address> ParseControllers(string[]? texts) =>
        (texts ?? []).Select(t => CliValues.Address(t, "--controller")).ToList();

    private static object Json(EntityState e) => new
    {
        id = e.Id,
        kind = Entities.KindName(e.Kind),
        name = e.Name,
        metadata_uri = e.MetadataUri,
        metadata_hash = Display.Hex(e.MetadataHash),
        controllers = e.Controllers.Select(Display.Address).ToList(),
        registered_height = e.RegisteredHeight,
        updated_height = e.UpdatedHeight,
    };

    private static (string, string)[] Fields(EntityState e) =>
    [
        ("id", Num(e.Id)),
        ("kind", Entities.KindName(e.Kind)),
        ("name", e.Name),
        ("metadata uri", e.MetadataUri.Length == 0 ? "(none)" : e.MetadataUri),
        ("metadata hash", Display.HexText(e.MetadataHash)),
        ("controllers", string.Join(", ", e.Controllers.Select(Display.Address))),
        ("registered at", Num(e.RegisteredHeight)),
        ("updated at", Num(e.UpdatedHeight)),
    ];

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
