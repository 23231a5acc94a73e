namespace Seratio.Node.Consensus.State;

/// <summary>
/// Coalesces snapshot requests to a loop: callers that ask while a request is queued share it, so at most
/// one request waits in the loop's queue however many clients poll. The answer is taken after every
/// sharer asked, so it is never older than their call. Thread safe.
/// </summary>
internal sealed class SnapshotRequests
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<ConsensusSnapshot>? _pending;

    /// <summary>Joins the queued request, or creates one and hands it to <paramref name="enqueue"/>; waits for the answer until <paramref name="cancellationToken"/>.</summary>
    public Task<ConsensusSnapshot> Request(Action<TaskCompletionSource<ConsensusSnapshot>> enqueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        TaskCompletionSource<ConsensusSnapshot> reply;
        lock (_gate)
        {
            if (_pending is null)
            {
                _pending = new TaskCompletionSource<ConsensusSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                enqueue(_pending);
            }
            reply = _pending;
        }
        return reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>On the loop: answers <paramref name="reply"/> with a snapshot built now (or its failure); later callers queue a new request.</summary>
    public void Answer(TaskCompletionSource<ConsensusSnapshot> reply, Func<ConsensusSnapshot> build)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
            if (ReferenceEquals(_pending, reply)) _pending = null;
        // A fault in building a status snapshot goes to the callers (the API's Internal error, logged there), not into consensus.
        try { reply.TrySetResult(build()); }
        catch (Exception ex) { reply.TrySetException(ex); }
    }
}
