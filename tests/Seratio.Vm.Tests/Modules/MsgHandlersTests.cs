using System.Reflection;
using Seratio.Protocol;
using Seratio.Vm.Modules;

namespace Seratio.Vm.Tests.Modules;

public class MsgHandlersTests
{
    [Fact]
    public void EveryMessageKind_HasExactlyOneHandler()
    {
        foreach (var kind in Enum.GetValues<Msg.KindOneofCase>())
        {
            if (kind == Msg.KindOneofCase.None) continue;
            var handlers = MsgHandlers.All.Where(h => h.Kind == kind).ToList();
            Assert.True(handlers.Count == 1, $"message kind {kind} has {handlers.Count} handlers");
            Assert.Same(handlers[0], MsgHandlers.For(kind));
        }
    }

    [Fact]
    public void UnsetKind_HasNoHandler()
    {
        Assert.Null(MsgHandlers.For(Msg.KindOneofCase.None));
        Assert.Null(MsgHandlers.For((Msg.KindOneofCase)9_999));
    }

    [Fact]
    public void EveryHandlerClass_IsSealed_AndRegistered()
    {
        var types = typeof(IMsgHandler).Assembly.GetTypes()
            .Where(t => typeof(IMsgHandler).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.Contains(MsgHandlers.All, h => h.GetType() == type);
            Assert.Empty(type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
        }
    }

    [Fact]
    public void HandlerNames_AreUnique()
    {
        var names = MsgHandlers.All.Select(h => h.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryHandler_IsListedByTheHandlersClassOfItsOwnModuleFolder()
    {
        var lists = typeof(IMsgHandler).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Handlers", StringComparison.Ordinal) && t != typeof(MsgHandlers))
            .ToList();
        Assert.NotEmpty(lists);
        foreach (var list in lists)
        {
            var handlers = (IReadOnlyList<IMsgHandler>)list.GetField("All")!.GetValue(null)!;
            Assert.All(handlers, h => Assert.Equal(list.Namespace, h.GetType().Namespace));
        }
        Assert.Equal(MsgHandlers.All.Count, lists.Sum(l => ((IReadOnlyList<IMsgHandler>)l.GetField("All")!.GetValue(null)!).Count));
    }
}
