using CsCheck;
using Seratio.Node.P2P.Queues;

namespace Seratio.Node.Tests.P2P;

public sealed class DropOldestQueueTests
{
    [Fact]
    public void Enqueue_BeyondMaxItems_DropsTheOldestAndCountsThem()
    {
        var queue = new DropOldestQueue<int>(3, 1000, _ => 1);
        for (int i = 1; i <= 5; i++) Assert.True(queue.Enqueue(i));
        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.Dropped);
        Assert.Equal([3, 4, 5], Drain(queue));
    }

    [Fact]
    public void Enqueue_BeyondMaxBytes_DropsTheOldestUntilItFits()
    {
        var queue = new DropOldestQueue<int>(100, 10, size => size);
        queue.Enqueue(4);
        queue.Enqueue(4);
        queue.Enqueue(6); // 14 > 10: the first 4 goes
        Assert.Equal(10, queue.Bytes);
        Assert.Equal(1, queue.Dropped);
        Assert.Equal([4, 6], Drain(queue));
        Assert.Equal(0, queue.Bytes);
    }

    [Fact]
    public void Enqueue_ItemLargerThanTheByteCap_IsRefusedAndCounted()
    {
        var queue = new DropOldestQueue<int>(100, 10, size => size);
        queue.Enqueue(5);
        Assert.False(queue.Enqueue(11));
        Assert.Equal(1, queue.Dropped);
        Assert.Equal([5], Drain(queue));
    }

    [Fact]
    public async Task WaitToRead_WakesOnEnqueue_AndEndsAfterComplete()
    {
        var queue = new DropOldestQueue<int>(10, 100, _ => 1);
        var wait = queue.WaitToReadAsync().AsTask();
        Assert.False(wait.IsCompleted);
        queue.Enqueue(1);
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        queue.Complete();
        Assert.False(queue.Enqueue(2));
        Assert.Equal([1], await queue.ReadAllAsync().ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Queue_UnderAnyArrivals_StaysWithinItsCapsAndKeepsTheNewestInOrder()
    {
        // Sizes 0..40 against caps of 1..8 items / 1..64 bytes; failing seeds are printed by CsCheck.
        Gen.Select(Gen.Int[1, 8], Gen.Int[1, 64], Gen.Int[0, 40].Array[0, 60]).Sample((maxItems, maxBytes, sizes) =>
        {
            var queue = new DropOldestQueue<(int Index, int Size)>(maxItems, maxBytes, item => item.Size);
            var accepted = new List<(int, int)>();
            for (int i = 0; i < sizes.Length; i++)
            {
                if (queue.Enqueue((i, sizes[i]))) accepted.Add((i, sizes[i]));
                if (queue.Count > maxItems || queue.Bytes > maxBytes) return false;
            }
            var held = Drain(queue);
            var suffix = accepted.Skip(accepted.Count - held.Count).ToList();
            return held.SequenceEqual(suffix) && queue.Dropped == sizes.Length - held.Count;
        }, seed: "0N0XIzNsQ0O2", iter: 2000);
    }

    private static List<T> Drain<T>(DropOldestQueue<T> queue)
    {
        var items = new List<T>();
        while (queue.TryRead(out var item)) items.Add(item);
        return items;
    }
}
