namespace Enreach.Rte.ReferenceHub;

/// <summary>Counters reported by <c>GET /_control/stats</c>.</summary>
public sealed class HubStats
{
    public static readonly string[] HubMethods =
        ["Subscribe", "Unsubscribe", "UnsubscribeAll", "AvailableSubscriptions", "ActiveSubscriptions"];

    private readonly Dictionary<string, long> _calls = HubMethods.ToDictionary(m => m, _ => 0L);
    private long _tokensIssued;
    private long _negotiations;
    private long _published;
    private long _delivered;

    public void CountCall(string method)
    {
        lock (_calls)
        {
            _calls[method]++;
        }
    }

    public void CountTokenIssued() => Interlocked.Increment(ref _tokensIssued);

    public void CountNegotiation() => Interlocked.Increment(ref _negotiations);

    public void CountPublished(int delivered)
    {
        Interlocked.Increment(ref _published);
        Interlocked.Add(ref _delivered, delivered);
    }

    public IReadOnlyDictionary<string, long> Calls()
    {
        lock (_calls)
        {
            return new Dictionary<string, long>(_calls);
        }
    }

    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    public long Negotiations => Interlocked.Read(ref _negotiations);

    public long Published => Interlocked.Read(ref _published);

    public long Delivered => Interlocked.Read(ref _delivered);
}
