using Seratio.Core.State;

namespace Seratio.Core.Tests.State.Vectors;

public sealed class StateProofVectorTests
{
    /// <summary>Set SERATIO_WRITE_VECTORS=1 to rewrite the committed files from the generator.</summary>
    private static readonly bool Rewrite = Environment.GetEnvironmentVariable("SERATIO_WRITE_VECTORS") == "1";

    public static TheoryData<string> CommittedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(VectorDirectory(), "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void CommittedVectors_EqualWhatTheGeneratorProduces()
    {
        var directory = VectorDirectory();
        var temp = Directory.CreateTempSubdirectory("seratio-vectors-");
        try
        {
            var generated = StateProofVectorSet.All();
            foreach (var file in generated)
            {
                var text = VectorJson.Write(file);
                File.WriteAllText(Path.Combine(temp.FullName, file.FileName), text);
                if (Rewrite) File.WriteAllText(Path.Combine(directory, file.FileName), text);
            }
            var committed = Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(generated.Select(f => f.FileName).Order(StringComparer.Ordinal).ToArray(), committed);
            foreach (var file in generated)
                Assert.Equal(File.ReadAllText(Path.Combine(temp.FullName, file.FileName)), File.ReadAllText(Path.Combine(directory, file.FileName)));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(CommittedFiles))]
    public void EveryCommittedCase_VerifiesExactlyAsMarked(string fileName)
    {
        var json = File.ReadAllText(Path.Combine(VectorDirectory(), fileName));
        int count = 0;
        foreach (var (name, valid, root, proof) in VectorJson.ReadCases(json))
        {
            Assert.True(StateProofVerifier.Verify(root, proof, out var reason) == valid, $"{fileName} / {name}: expected {(valid ? "valid" : "invalid")}, verifier says '{reason}'");
            count++;
        }
        Assert.True(count > 0, $"{fileName} has no cases");
    }

    [Theory]
    [MemberData(nameof(CommittedFiles))]
    public void CommittedEntries_BuildTheCommittedRoot(string fileName)
    {
        var (entries, root) = VectorJson.ReadTree(File.ReadAllText(Path.Combine(VectorDirectory(), fileName)));
        var model = new SortedDictionary<Seratio.Core.Crypto.Hash32, byte[]>();
        foreach (var (key, value) in entries) model.Add(key, value);
        Assert.Equal(root, ReferenceTree.Root(model));
    }

    private static string VectorDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln")))
                return Path.Combine(dir.FullName, "tests", "vectors", "state-proofs");
        throw new InvalidOperationException("Seratio.Chain.sln not found above the test binaries.");
    }
}
