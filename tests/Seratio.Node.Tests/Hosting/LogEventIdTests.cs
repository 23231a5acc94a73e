using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Seratio.Node.Tests.Hosting;

public class LogEventIdTests
{
    [Fact]
    public void EveryNodeLogEvent_HasItsOwnEventId()
    {
        var events = typeof(Node.Hosting.NodeHost).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();
        Assert.True(events.Count > 30, $"found only {events.Count} [LoggerMessage] methods");
        var duplicates = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}").ToList();
        Assert.True(duplicates.Count == 0, "event ids used twice: " + string.Join("; ", duplicates));
    }
}
