using System.Text.RegularExpressions;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// <c>seratio status</c> against real node processes: a validator says it is one, and an observer that holds a validator
/// key the set does not name (a validator not yet added, or removed) says it is an observer, not a validator.
/// </summary>
public sealed class ObserverStatusTests : IDisposable
{
    private readonly string _keystore = Directory.CreateTempSubdirectory("seratio-observer-status-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_keystore, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Status_OfAnObserverHoldingAKeyOutsideTheSet_SaysObserver_AndTheValidatorSaysValidator()
    {
        await using var network = ValidatorNetwork.Start(1);
        var observer = network.AddOutsider(intruder: false, validatorKey: true);
        await network.WaitForHeightAsync(1, TimeSpan.FromSeconds(60));
        observer.Start();
        // Following the chain by block sync: the observer reaches the validator's head.
        await network.WaitForHeightAsync((await network.Nodes[0].TryStatusAsync())!.LatestHeight + 1, TimeSpan.FromSeconds(60), [observer, network.Nodes[0]]);

        var cli = new CliRunner(_keystore);
        var ofObserver = await cli.RunAsync("status", "--node", $"http://127.0.0.1:{observer.ApiPort}");
        var ofValidator = await cli.RunAsync("status", "--node", $"http://127.0.0.1:{network.Nodes[0].ApiPort}");

        Assert.True(ofObserver.ExitCode == 0, ofObserver.ToString());
        Assert.True(ofValidator.ExitCode == 0, ofValidator.ToString());
        Assert.True(Regex.IsMatch(ofObserver.StdOut, @"(?m)^role:\s+observer \(single-validator chain\)\s*$"), ofObserver.ToString());
        Assert.True(Regex.IsMatch(ofObserver.StdOut, @"(?m)^validator:\s+ser1\S+ \(key not in the current validator set\)\s*$"), ofObserver.ToString());
        Assert.True(Regex.IsMatch(ofValidator.StdOut, @"(?m)^role:\s+validator \(single-validator chain\)\s*$"), ofValidator.ToString());
        var json = (await cli.RunAsync("status", "--node", $"http://127.0.0.1:{observer.ApiPort}", "-o", "json")).Json();
        Assert.Equal("observer", json.GetProperty("consensus").GetProperty("role").GetString());
    }
}
