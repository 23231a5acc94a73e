namespace Seratio.Consensus.Tests.Simulation;

/// <summary>
/// Discrete-event scheduler over virtual milliseconds. Events at the same time run in the order
/// they were scheduled (a sequence number breaks ties), so a run is a pure function of the seed. Not thread safe.
/// </summary>
internal sealed class Scheduler
{
    private readonly PriorityQueue<Action, (long Time, long Seq)> _queue = new();
    private long _seq;

    public long Now { get; private set; }
    public long Executed { get; private set; }

    public void At(long time, Action action) => _queue.Enqueue(action, (Math.Max(time, Now), _seq++));

    public void After(long delay, Action action) => At(Now + delay, action);

    public bool RunNext()
    {
        if (!_queue.TryDequeue(out var action, out var when)) return false;
        Now = when.Time;
        Executed++;
        action();
        return true;
    }
}
