using System.Diagnostics;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>The committed bridges/contracts/out is exactly what build.mjs makes from src/ (so nobody ships bytecode the sources do not give).</summary>
public sealed class ArtefactBuildTests
{
    [Fact]
    public async Task CommittedArtefacts_EqualAFreshBuildOfTheSources()
    {
        var outDir = Directory.CreateTempSubdirectory("seratio-anchor-build-").FullName;
        try
        {
            var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = BridgePaths.Contracts };
            info.ArgumentList.Add("build.mjs");
            info.ArgumentList.Add(outDir);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"node build.mjs failed ({process.ExitCode}); run `npm ci --prefix bridges/contracts` first.\n{await stdout}\n{await stderr}");

            var committed = Directory.GetFiles(BridgePaths.ContractsOut).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            var fresh = Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(fresh, committed);
            Assert.NotEmpty(committed);
            foreach (var name in committed)
            {
                var expected = await File.ReadAllTextAsync(Path.Combine(outDir, name!));
                var actual = await File.ReadAllTextAsync(Path.Combine(BridgePaths.ContractsOut, name!));
                Assert.True(expected == actual, $"bridges/contracts/out/{name} differs from a fresh build: run `node build.mjs` in bridges/contracts and commit out/");
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Bytecode_UsesNoOpcodeNewerThanShanghai()
    {
        // Cancun's TLOAD (0x5c), TSTORE (0x5d), MCOPY (0x5e), BLOBHASH (0x49), BLOBBASEFEE (0x4a) do not run on ETC.
        var code = Convert.FromHexString(File.ReadAllText(Path.Combine(BridgePaths.ContractsOut, "SeratioAnchor.bin")).Trim());
        byte[] forbidden = [0x5c, 0x5d, 0x5e, 0x49, 0x4a];
        for (int pc = 0; pc < code.Length; pc++)
        {
            byte op = code[pc];
            Assert.False(forbidden.Contains(op), $"opcode 0x{op:x2} at {pc}");
            if (op is >= 0x60 and <= 0x7f) pc += op - 0x5f; // skip PUSH data
        }
    }
}
