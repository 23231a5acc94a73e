using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Portal;

/// <summary>The browser tests of the portal share one devnet and one browser, one test after another.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal devnet";
}

/// <summary>
/// One real <c>seratio devnet</c> (four validators, portal on, as a newcomer starts it) on free loopback ports, with the
/// README's story run through the CLI up to, not including, the revocation (entity 1, certificate 1, class 1, lot 1,
/// records 1 and 2), and one headless Debian chromium driven by Playwright. Pages get a fresh browser context each;
/// screenshots go to <c>artifacts/portal/</c> at the repository root. Chromium must be at <see cref="ChromiumPath"/>
/// (scripts/test installs it); without it the fixture fails, saying how to install it.
/// </summary>
public sealed partial class PortalFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(90);
    private const string StoryMarker = "seratio-story";

    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _consoleErrors = new();
    private IPlaywright? _playwright;
    private DevnetProcess? _devnet;

    public string Root { get; } = Directory.CreateTempSubdirectory("seratio-portal-").FullName;
    public string Keystore => Path.Combine(Root, "keystore");
    public int ApiPort { get; } = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    public string NodeUrl => $"http://127.0.0.1:{ApiPort}";
    /// <summary>The portal's address as the devnet's banner printed it.</summary>
    public string PortalUrl { get; private set; } = "";
    public Genesis Genesis { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public static string ArtifactsDir => Path.Combine(RepoPaths.Root, "artifacts", "portal");

    public string AddressOf(string devName) => Genesis.Accounts.Single(a => a.Name == devName).Address;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: the portal's browser tests need Debian's chromium (apt-get install chromium; scripts/test installs it)");
        Directory.CreateDirectory(Keystore);
        Directory.CreateDirectory(ArtifactsDir);
        _devnet = await DevnetProcess.StartAsync(Path.Combine(Root, ".devnet"), ApiPort, Keystore, StartTimeout);
        var banner = await _devnet.WaitForOutputAsync(PortalLine(), TimeSpan.FromSeconds(10));
        if (!banner.Success) throw new InvalidOperationException($"the devnet's banner names no portal:\n{_devnet.Output}");
        PortalUrl = banner.Groups[1].Value;
        Genesis = Genesis.Load(Path.Combine(Root, ".devnet", "validator-0", "config", "genesis.json"));

        foreach (var step in StoryScript.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), StoryMarker))
        {
            if (string.Join(' ', step.Args).StartsWith("cert revoke", StringComparison.Ordinal)) break;
            var result = await CliAsync([.. step.Args]);
            if (result.ExitCode != step.ExpectedExitCode) throw new InvalidOperationException($"{step}: expected exit {step.ExpectedExitCode}\n{result}");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>Runs <c>seratio ARGS --node NodeUrl</c> in <see cref="Root"/>, so <c>--from dev-N</c> finds the devnet's keys.</summary>
    public Task<CliResult> CliAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Root };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in args.Append("--node").Append(NodeUrl)) info.ArgumentList.Add(a);
        return CliRunner.RunProcessAsync(info, Keystore, CliTimeout);
    }

    /// <summary>
    /// A market of a test's own through the CLI: dev-1 creates an altcoin with a fresh symbol and mints 1,000 to
    /// <paramref name="holder"/>, and the authority dev-0 lists it against SER (tick 1, lot 10, minimum value 10, maker
    /// 10 and taker 20 bps). Its id is read from the receipt's event.
    /// </summary>
    public async Task<(string Id, string Symbol)> NewMarketAsync(string holder)
    {
        string symbol = "GV" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(5)).ToUpperInvariant();
        await CliOkAsync("asset", "create", "--symbol", symbol, "--name", "Govex test coin", "--max-supply", "1000000", "--from", "dev-1", "--wait");
        await CliOkAsync("asset", "mint", symbol, "--to", holder, "--amount", "1000", "--from", "dev-1", "--wait");
        var created = await CliOkAsync("dex", "market-create", "--base", symbol, "--quote", "SER", "--tick", "1", "--lot", "10", "--min-value", "10",
            "--maker-bps", "10", "--taker-bps", "20", "--from", "dev-0", "--wait");
        var market = MarketEvent().Match(created);
        Assert.True(market.Success, created);
        return (market.Groups[1].Value, symbol);
    }

    /// <summary><see cref="CliAsync"/>, failing the test unless it exits 0; its standard output.</summary>
    public async Task<string> CliOkAsync(params string[] args)
    {
        var result = await CliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdOut;
    }

    /// <summary>
    /// A fresh page on the wallet of <paramref name="portalUrl"/> (default: this fixture's portal) with
    /// <paramref name="key"/>'s seed imported under <paramref name="passphrase"/>, showing the key's address.
    /// </summary>
    public async Task<IPage> WalletWithAsync(SigningKey key, string passphrase, string? portalUrl = null)
    {
        var page = await NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync((portalUrl ?? PortalUrl) + "/wallet"))!.Status);
        await page.FillAsync("#import-seed", Convert.ToHexStringLower(key.ExportSeed()));
        await page.FillAsync("#import-pass", passphrase);
        await page.PressAsync("#import-pass", "Enter");
        await Assertions.Expect(page.Locator("#wallet-address")).ToHaveTextAsync(key.Address.ToString());
        return page;
    }

    /// <summary>A page in a fresh browser context (its own storage), 1280×900, waiting up to 20 s for what it is asked; console errors are kept.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BaseURL = PortalUrl });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = _consoleErrors.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) => { if (message.Type == "error") errors.Enqueue(message.Text); };
        page.PageError += (_, error) => errors.Enqueue(error);
        return page;
    }

    /// <summary>
    /// Waits until the page's address ends with <paramref name="path"/> by polling the address, then lets the caller check
    /// what the page shows. Not WaitForURLAsync: once the address matches, that also waits for the document's load event,
    /// and on a loaded CI machine a search's redirect was seen at its target with that wait timing out (twice).
    /// </summary>
    public static Task ExpectPathAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    /// <summary>What the page's scripts reported as errors so far (console errors and uncaught exceptions).</summary>
    public IReadOnlyList<string> ConsoleErrors(IPage page) => _consoleErrors.TryGetValue(page, out var errors) ? [.. errors] : [];

    /// <summary>Saves the whole page as <c>artifacts/portal/NAME.png</c>.</summary>
    public async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDir, name + ".png"), FullPage = true });

    /// <summary>Runs axe-core's WCAG 2 A and AA rules on the page and fails listing every violation and where.</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var problems = result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" ", n.Target)}")).ToList();
        Assert.True(problems.Count == 0, $"axe found {problems.Count} accessibility violation(s) on {page.Url}:\n{string.Join('\n', problems)}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"(?m)^portal (http://\S+)")]
    private static partial Regex PortalLine();

    [GeneratedRegex(@"exchange\.market market=(\d+)")]
    private static partial Regex MarketEvent();
}
